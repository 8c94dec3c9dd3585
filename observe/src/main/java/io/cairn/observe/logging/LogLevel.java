package io.cairn.observe.logging;

import ch.qos.logback.classic.Level;
import java.util.Locale;

/**
 * The {@code --log-level} values.
 *
 * <p>Why: operators use etcd's level names; {@code dpanic}, {@code panic} and {@code fatal}, which have no logback
 * equivalent, mean {@link #ERROR}.
 */
public enum LogLevel {
    DEBUG(Level.DEBUG), INFO(Level.INFO), WARN(Level.WARN), ERROR(Level.ERROR);

    private final Level level;

    LogLevel(Level level) {
        this.level = level;
    }

    /**
     * Parses a flag value, ignoring case.
     *
     * @throws IllegalArgumentException if the value is not one of etcd's level names
     */
    public static LogLevel parse(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "debug" -> DEBUG;
            case "info" -> INFO;
            case "warn", "warning" -> WARN;
            case "error", "dpanic", "panic", "fatal" -> ERROR;
            default -> throw new IllegalArgumentException(
                    "--log-level: expected debug, info, warn or error, got '" + value + "'");
        };
    }

    Level logbackLevel() {
        return level;
    }
}
