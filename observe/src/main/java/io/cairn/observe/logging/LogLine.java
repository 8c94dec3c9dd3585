package io.cairn.observe.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.event.KeyValuePair;

/**
 * The fields of one log line, in the order every format writes them.
 *
 * @param time      when the event happened
 * @param level     the level, e.g. {@code INFO}
 * @param component the MDC {@code component}, else the logger name
 * @param message   the formatted message
 * @param traceId   the MDC {@code trace_id}, empty if absent
 * @param fields    the event's key-value pairs, then the other MDC entries by key
 * @param error     the exception with its stack trace, empty if none
 */
record LogLine(Instant time, String level, String component, String message, String traceId,
               List<Map.Entry<String, String>> fields, String error) {

    static final String COMPONENT_KEY = "component";
    static final String TRACE_ID_KEY = "trace_id";

    static LogLine of(ILoggingEvent event) {
        Map<String, String> mdc = event.getMDCPropertyMap();
        String component = mdc.getOrDefault(COMPONENT_KEY, event.getLoggerName());
        String traceId = mdc.getOrDefault(TRACE_ID_KEY, "");
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs != null) {
            for (KeyValuePair pair : pairs) {
                fields.add(Map.entry(pair.key, String.valueOf(pair.value)));
            }
        }
        new TreeMap<>(mdc).forEach((key, value) -> {
            if (!key.equals(COMPONENT_KEY) && !key.equals(TRACE_ID_KEY)) {
                fields.add(Map.entry(key, String.valueOf(value)));
            }
        });
        IThrowableProxy thrown = event.getThrowableProxy();
        String error = thrown == null ? "" : ThrowableProxyUtil.asString(thrown);
        String message = event.getFormattedMessage();
        return new LogLine(event.getInstant(), event.getLevel().toString(), component,
                message == null ? "" : message, traceId, fields, error);
    }
}
