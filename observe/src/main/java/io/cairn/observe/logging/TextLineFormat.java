package io.cairn.observe.logging;

import java.util.Map;

/** {@code <ts> INFO  <component> <msg> trace_id=... key=value}, then the stack trace on the following lines. */
final class TextLineFormat implements LineFormat {

    @Override
    public void append(StringBuilder out, LogLine line) {
        out.append(TIMESTAMP.format(line.time())).append(' ');
        out.append(line.level());
        out.append(" ".repeat(Math.max(1, 6 - line.level().length())));
        out.append(line.component()).append(' ').append(line.message());
        if (!line.traceId().isEmpty()) {
            out.append(" trace_id=").append(line.traceId());
        }
        for (Map.Entry<String, String> entry : line.fields()) {
            out.append(' ').append(entry.getKey()).append('=');
            LogfmtLineFormat.value(out, entry.getValue());
        }
        if (!line.error().isEmpty()) {
            out.append('\n').append(line.error().stripTrailing());
        }
    }
}
