package io.cairn.cli;

import io.cairn.observe.logging.LogFormat;
import io.cairn.observe.logging.LogSettings;
import java.util.Locale;

/**
 * The {@code --log-level} and {@code --log-format} a server runs with.
 *
 * <p>Why: both are process-wide and applied once, by the runner, before the server starts;
 * {@link ConsoleLogConfigurator} keeps the fixed policy (where lines go, which libraries are quieted) and these choose the level and how each line
 * is written.
 *
 * @param level  the root logger's level
 * @param format the line format
 */
record Logging(LogLevel level, LogFormat format) {

    static Logging parse(Setting level, Setting format) {
        LogLevel parsedLevel = LogLevel.parse(level);
        try {
            return new Logging(parsedLevel, LogFormat.parse(format.value()));
        } catch (IllegalArgumentException e) {
            throw format.invalid("expected json, logfmt or text");
        }
    }

    /**
     * Applies the level and the format to logback (nothing when logback is not the SLF4J backend), and routes
     * java.util.logging into it, so that libraries logging there (Helidon) write lines in the same format.
     */
    void apply() {
        org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
        new LogSettings(format, io.cairn.observe.logging.LogLevel.parse(level.name().toLowerCase(Locale.ROOT)))
                .apply();
    }
}
