package io.cairn.apiserver.validation;

/**
 * Go's {@code strconv.Quote}: a double-quoted string with backslash escapes.
 *
 * <p>Why: kube's strict decoding errors quote field paths, and its validation errors quote bad values, this way;
 * clients and people compare the messages byte for byte.
 */
final class GoQuote {
    private GoQuote() {
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case 0x07 -> b.append("\\a");
                case 0x08 -> b.append("\\b");
                case 0x0c -> b.append("\\f");
                case 0x0b -> b.append("\\v");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", c));
                    } else {
                        b.appendCodePoint(c);
                    }
                }
            }
        });
        return b.append('"').toString();
    }
}
