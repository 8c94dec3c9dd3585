package io.cairn.apiserver.selector;

import java.nio.charset.StandardCharsets;

/**
 * Text helpers that reproduce how kube's messages render values.
 *
 * <p>Why: kube formats offending values with Go's {@code %q} and measures lengths in UTF-8 bytes; matching its error
 * texts byte for byte needs the same rules.
 */
final class GoText {

    private GoText() {
    }

    /** The value as Go's {@code %q} verb prints it: double-quoted, with Go escapes for special characters. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        value.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case 0x07 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 0x0B -> out.append("\\v");
                default -> {
                    if (cp < 0x20 || cp == 0x7F) {
                        out.append(String.format("\\x%02x", cp));
                    } else if (cp >= 0x80 && !printable(cp)) {
                        out.append(cp > 0xFFFF ? String.format("\\U%08x", cp) : String.format("\\u%04x", cp));
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.append('"').toString();
    }

    /** The length Go's {@code len} gives a string: its UTF-8 byte count. */
    static int byteLength(String value) {
        return value.getBytes(StandardCharsets.UTF_8).length;
    }

    private static boolean printable(int cp) {
        int type = Character.getType(cp);
        return Character.isDefined(cp)
                && type != Character.CONTROL
                && type != Character.FORMAT
                && type != Character.SURROGATE
                && type != Character.PRIVATE_USE
                && type != Character.UNASSIGNED
                && type != Character.LINE_SEPARATOR
                && type != Character.PARAGRAPH_SEPARATOR
                && (type != Character.SPACE_SEPARATOR || cp == ' ');
    }
}
