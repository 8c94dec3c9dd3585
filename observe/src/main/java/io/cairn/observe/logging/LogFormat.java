package io.cairn.observe.logging;

import java.util.Locale;

/**
 * The {@code --log-format} values.
 *
 * <p>Why: log pipelines parse JSON (Loki, Elasticsearch) or logfmt; people read text. {@code console}, etcd's name
 * for its human-readable format, means {@link #TEXT}.
 */
public enum LogFormat {
    /** One JSON object per line: {@code {"ts":...,"level":"info","component":...,"msg":...}}. */
    JSON,
    /** One logfmt line: {@code ts=... level=info component=... msg="..."}. */
    LOGFMT,
    /** A human-readable line: {@code <ts> INFO  <component> <msg> key=value ...}, stack traces below it. */
    TEXT;

    /**
     * Parses a flag value, ignoring case.
     *
     * @throws IllegalArgumentException if the value is not json, logfmt, text or console
     */
    public static LogFormat parse(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "json" -> JSON;
            case "logfmt" -> LOGFMT;
            case "text", "console" -> TEXT;
            default -> throw new IllegalArgumentException(
                    "--log-format: expected json, logfmt or text, got '" + value + "'");
        };
    }
}
