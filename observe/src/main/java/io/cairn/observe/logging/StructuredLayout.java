package io.cairn.observe.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import java.util.Objects;

/**
 * A logback layout writing one structured line per event in a {@link LogFormat}.
 *
 * <p>Why a layout: it plugs into any logback appender, from code ({@link LogSettings}) or from {@code logback.xml}:
 * <pre>{@code
 * <encoder class="ch.qos.logback.core.encoder.LayoutWrappingEncoder">
 *   <layout class="io.cairn.observe.logging.StructuredLayout"><format>logfmt</format></layout>
 * </encoder>
 * }</pre>
 * Each line has the event's time (UTC, microseconds), level, component (the MDC key {@code component} if set, else
 * the logger name), message, {@code trace_id} from the MDC when present, the event's SLF4J key-value pairs, the
 * other MDC entries, and the exception if any.
 */
public final class StructuredLayout extends LayoutBase<ILoggingEvent> {

    private volatile LineFormat lineFormat;

    /** A JSON layout; logback calls this, then {@link #setFormat}. */
    public StructuredLayout() {
        this(LogFormat.JSON);
    }

    /** A layout in this format. */
    public StructuredLayout(LogFormat format) {
        this.lineFormat = LineFormat.of(Objects.requireNonNull(format, "format"));
    }

    /** Sets the format by its flag name ({@code json}, {@code logfmt}, {@code text}); the bean setter logback uses. */
    public void setFormat(String format) {
        this.lineFormat = LineFormat.of(LogFormat.parse(format));
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(256);
        lineFormat.append(line, LogLine.of(event));
        return line.append('\n').toString();
    }

    @Override
    public String getContentType() {
        return lineFormat instanceof JsonLineFormat ? "application/x-ndjson" : "text/plain";
    }
}
