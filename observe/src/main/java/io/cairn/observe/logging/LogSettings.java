package io.cairn.observe.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.slf4j.LoggerFactory;

/**
 * The log format and level a process runs with, and their application to logback.
 *
 * <p>Why: the logging configuration (in code or a {@code logback.xml}) keeps the fixed policy (where lines go, which libraries are quieted); the flags only
 * change the root level and how each line is rendered. Applying re-encodes every stream appender attached to the
 * root logger with a {@link StructuredLayout}, or adds one on standard error if the root has none. Meant for
 * start-up, before other threads log.
 *
 * @param format the line format
 * @param level  the root logger's level
 */
public record LogSettings(LogFormat format, LogLevel level) {

    public LogSettings {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(level, "level");
    }

    /** Parses the {@code --log-format} and {@code --log-level} flag values. */
    public static LogSettings parse(String format, String level) {
        return new LogSettings(LogFormat.parse(format), LogLevel.parse(level));
    }

    /**
     * Applies these settings to the logback context behind SLF4J.
     *
     * @return false, changing nothing, when logback is not the SLF4J backend
     */
    public boolean apply() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            applyTo(context);
            return true;
        }
        return false;
    }

    /** Applies these settings to {@code context}. */
    public void applyTo(LoggerContext context) {
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(level.logbackLevel());
        List<OutputStreamAppender<ILoggingEvent>> streams = new ArrayList<>();
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof OutputStreamAppender<ILoggingEvent> stream) {
                streams.add(stream);
            }
        }
        if (streams.isEmpty()) {
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setContext(context);
            console.setName("STDERR");
            console.setTarget("System.err");
            console.setEncoder(encoder(context));
            console.start();
            root.addAppender(console);
            return;
        }
        // Swapped in place: stopping a stream appender would close a stream that only a file or console appender
        // knows how to open again.
        for (OutputStreamAppender<ILoggingEvent> stream : streams) {
            stream.setEncoder(encoder(context));
        }
    }

    private LayoutWrappingEncoder<ILoggingEvent> encoder(LoggerContext context) {
        StructuredLayout layout = new StructuredLayout(format);
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.setLayout(layout);
        encoder.start();
        return encoder;
    }
}
