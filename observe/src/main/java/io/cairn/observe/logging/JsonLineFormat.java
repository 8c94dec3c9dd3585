package io.cairn.observe.logging;

import java.util.Locale;
import java.util.Map;

/** {@code {"ts":"...","level":"info","component":"...","msg":"...","trace_id":"...",...,"error":"..."}}. */
final class JsonLineFormat implements LineFormat {

    @Override
    public void append(StringBuilder out, LogLine line) {
        out.append('{');
        field(out, "ts", TIMESTAMP.format(line.time()), true);
        field(out, "level", line.level().toLowerCase(Locale.ROOT), false);
        field(out, "component", line.component(), false);
        field(out, "msg", line.message(), false);
        if (!line.traceId().isEmpty()) {
            field(out, "trace_id", line.traceId(), false);
        }
        for (Map.Entry<String, String> entry : line.fields()) {
            field(out, entry.getKey(), entry.getValue(), false);
        }
        if (!line.error().isEmpty()) {
            field(out, "error", line.error(), false);
        }
        out.append('}');
    }

    private static void field(StringBuilder out, String key, String value, boolean first) {
        if (!first) {
            out.append(',');
        }
        string(out, key);
        out.append(':');
        string(out, value);
    }

    static void string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
