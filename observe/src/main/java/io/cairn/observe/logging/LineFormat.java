package io.cairn.observe.logging;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Writes a {@link LogLine} in one {@link LogFormat}, without the trailing newline. */
interface LineFormat {

    /** UTC with microseconds and a {@code Z}, e.g. {@code 2025-01-02T03:04:05.123456Z}. */
    DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSX").withZone(ZoneOffset.UTC);

    void append(StringBuilder out, LogLine line);

    static LineFormat of(LogFormat format) {
        return switch (format) {
            case JSON -> new JsonLineFormat();
            case LOGFMT -> new LogfmtLineFormat();
            case TEXT -> new TextLineFormat();
        };
    }
}
