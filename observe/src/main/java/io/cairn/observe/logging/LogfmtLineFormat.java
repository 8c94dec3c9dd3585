package io.cairn.observe.logging;

import java.util.Locale;
import java.util.Map;

/**
 * {@code ts=... level=info component=... msg="..." trace_id=... key=value error="..."}: values are quoted when
 * they are empty or contain a space, {@code =} or {@code "}, with {@code "}, {@code \} and line breaks escaped.
 */
final class LogfmtLineFormat implements LineFormat {

    @Override
    public void append(StringBuilder out, LogLine line) {
        pair(out, "ts", TIMESTAMP.format(line.time()));
        pair(out, "level", line.level().toLowerCase(Locale.ROOT));
        pair(out, "component", line.component());
        pair(out, "msg", line.message());
        if (!line.traceId().isEmpty()) {
            pair(out, "trace_id", line.traceId());
        }
        for (Map.Entry<String, String> entry : line.fields()) {
            pair(out, key(entry.getKey()), entry.getValue());
        }
        if (!line.error().isEmpty()) {
            pair(out, "error", line.error());
        }
    }

    private static void pair(StringBuilder out, String key, String value) {
        if (!out.isEmpty()) {
            out.append(' ');
        }
        out.append(key).append('=');
        value(out, value);
    }

    static void value(StringBuilder out, String value) {
        if (!needsQuotes(value)) {
            out.append(value);
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        out.append('"');
    }

    private static boolean needsQuotes(String value) {
        if (value.isEmpty()) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == '=' || c == '"' || c == '\\') {
                return true;
            }
        }
        return false;
    }

    /** Keys cannot be quoted in logfmt; characters that would break the pair become {@code _}. */
    private static String key(String key) {
        StringBuilder safe = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            safe.append(c <= ' ' || c == '=' || c == '"' ? '_' : c);
        }
        return safe.isEmpty() ? "_" : safe.toString();
    }
}
