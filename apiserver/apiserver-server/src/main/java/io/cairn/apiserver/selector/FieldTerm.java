package io.cairn.apiserver.selector;

import java.util.ArrayList;
import java.util.List;

/**
 * One term of a field selector: a field, whether it must equal or differ from the value, and the unescaped value.
 *
 * <p>Why: kube's field selectors are a flat AND of such terms; splitting, escaping and error texts follow kube's
 * field selector parser.
 */
record FieldTerm(String field, boolean equal, String value) {

    private static final String[] OPERATORS = {"!=", "==", "="};

    /** Splits selector text at commas that are not escaped by a backslash. */
    static List<String> split(String text) {
        List<String> terms = new ArrayList<>();
        if (text.isEmpty()) {
            return terms;
        }
        int start = 0;
        boolean escaped = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == ',') {
                terms.add(text.substring(start, i));
                start = i + 1;
            }
        }
        terms.add(text.substring(start));
        return terms;
    }

    /** Parses one non-empty term; {@code selector} is the whole text, which kube quotes in its message. */
    static FieldTerm parse(String selector, String term) throws SelectorException {
        for (int i = 0; i < term.length(); i++) {
            for (String operator : OPERATORS) {
                if (term.startsWith(operator, i)) {
                    String value = unescape(term.substring(i + operator.length()));
                    return new FieldTerm(term.substring(0, i), !operator.equals("!="), value);
                }
            }
        }
        throw new SelectorException("invalid selector: '" + selector + "'; can't understand '" + term + "'");
    }

    /** Undoes kube's escaping of {@code \}, {@code ,} and {@code =} in values. */
    static String unescape(String value) throws SelectorException {
        if (value.indexOf('\\') < 0 && value.indexOf(',') < 0 && value.indexOf('=') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        boolean escaped = false;
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            i += Character.charCount(c);
            if (escaped) {
                if (c != '\\' && c != ',' && c != '=') {
                    throw new SelectorException("invalid field selector: invalid escape sequence: \\"
                            + Character.toString(c));
                }
                out.appendCodePoint(c);
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == ',' || c == '=') {
                // kube prints the offending rune as its number
                throw new SelectorException("invalid field selector: unescaped character in value: " + c);
            } else {
                out.appendCodePoint(c);
            }
        }
        if (escaped) {
            throw new SelectorException("invalid field selector: invalid escape sequence: \\");
        }
        return out.toString();
    }

    /** Escapes a value for the canonical text. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=");
    }

    /** Whether a field's value (absent fields read as empty) satisfies this term. */
    boolean matches(String actual) {
        return actual.equals(value) == equal;
    }

    @Override
    public String toString() {
        return field + (equal ? "=" : "!=") + escape(value);
    }
}
