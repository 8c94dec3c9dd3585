package io.cairn.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code --log-level} values and how they reach logback.
 *
 * <p>Why: etcd users raise or lower verbosity with {@code --log-level}; Cairn maps it onto logback's root logger
 * at run time, so {@link ConsoleLogConfigurator} keeps only the fixed policy (JRaft, Bolt and gRPC stay at WARN). etcd's
 * {@code dpanic}, {@code panic} and {@code fatal} are accepted and mean {@code error}.
 */
enum LogLevel {
    DEBUG(Level.DEBUG), INFO(Level.INFO), WARN(Level.WARN), ERROR(Level.ERROR);

    private final Level level;

    LogLevel(Level level) {
        this.level = level;
    }

    static LogLevel parse(Setting setting) {
        return switch (setting.value().strip().toLowerCase(Locale.ROOT)) {
            case "debug" -> DEBUG;
            case "info" -> INFO;
            case "warn" -> WARN;
            case "error", "dpanic", "panic", "fatal" -> ERROR;
            default -> throw setting.invalid("expected debug, info, warn or error");
        };
    }

    /** Sets logback's root logger to this level; does nothing when logback is not the SLF4J backend. */
    void applyToRootLogger() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(level);
        }
    }
}
