package io.cairn.apiserver.http;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The first JSON syntax error in a body, worded as Go's {@code encoding/json} words it ({@code invalid character 'x'
 * looking for beginning of value}, {@code unexpected end of JSON input}, ...).
 *
 * <p>Why: kube-apiserver reads a JSON body's kind with Go's decoder and puts the decoder's text in its 400 Status;
 * clients show it to users, so Cairn must say the same. The scan keeps its own stack of open containers, so a body of
 * three million {@code [} costs memory, not the thread's stack.
 */
final class GoJsonSyntax {
    /** Go's limit on nested arrays and objects. */
    private static final int MAX_DEPTH = 10_000;

    private enum Container { OBJECT_KEY, OBJECT_VALUE, ARRAY }

    private final byte[] in;
    private final Deque<Container> open = new ArrayDeque<>();
    private int pos;

    private GoJsonSyntax(byte[] in) {
        this.in = in;
    }

    /** Empty when {@code body} is one well-formed JSON value with nothing but white space around it. */
    static Optional<String> firstError(byte[] body) {
        try {
            new GoJsonSyntax(body).document();
            return Optional.empty();
        } catch (SyntaxError e) {
            return Optional.of(e.getMessage());
        }
    }

    private void document() {
        value();
        while (true) {
            // a value just ended: decide by the innermost open container what may follow
            skipSpace();
            if (open.isEmpty()) {
                if (pos < in.length) {
                    throw invalid("after top-level value");
                }
                return;
            }
            int c = next();
            switch (open.peek()) {
                case OBJECT_KEY -> {
                    if (c != ':') {
                        throw invalid(c, "after object key");
                    }
                    open.pop();
                    open.push(Container.OBJECT_VALUE);
                    value();
                }
                case OBJECT_VALUE -> {
                    if (c == ',') {
                        key();
                    } else if (c == '}') {
                        open.pop();
                    } else {
                        throw invalid(c, "after object key:value pair");
                    }
                }
                case ARRAY -> {
                    if (c == ',') {
                        value();
                    } else if (c == ']') {
                        open.pop();
                    } else {
                        throw invalid(c, "after array element");
                    }
                }
            }
        }
    }

    /**
     * Reads one value. Of a container only the opening (and its first key) is read; {@link #document} reads the
     * rest, so nesting never deepens the Java stack.
     */
    private void value() {
        while (true) {
            skipSpace();
            int c = next();
            switch (c) {
                case '{' -> {
                    push(c);
                    skipSpace();
                    if (peek() == '}') {
                        pos++;
                        open.pop();
                    } else {
                        key();
                    }
                }
                case '[' -> {
                    push(c);
                    skipSpace();
                    if (peek() != ']') {
                        continue; // the first element
                    }
                    pos++;
                    open.pop();
                }
                case '"' -> string();
                case 't' -> literal("true");
                case 'f' -> literal("false");
                case 'n' -> literal("null");
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        number(c);
                    } else {
                        throw invalid(c, "looking for beginning of value");
                    }
                }
            }
            return;
        }
    }

    /** Reads a key of the innermost (open) object, which then waits for its colon. */
    private void key() {
        skipSpace();
        int c = next();
        if (c != '"') {
            throw invalid(c, "looking for beginning of object key string");
        }
        string();
        open.pop();
        open.push(Container.OBJECT_KEY);
    }

    private void push(int c) {
        if (open.size() >= MAX_DEPTH) {
            throw invalid(c, "exceeded max depth");
        }
        open.push(c == '[' ? Container.ARRAY : Container.OBJECT_VALUE);
    }

    private void string() {
        while (true) {
            int c = next();
            if (c == '"') {
                return;
            }
            if (c == '\\') {
                int e = next();
                if (e == 'u') {
                    for (int i = 0; i < 4; i++) {
                        int h = next();
                        if (!((h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F'))) {
                            throw invalid(h, "in \\u hexadecimal character escape");
                        }
                    }
                } else if ("\"\\/bfnrt".indexOf(e) < 0) {
                    throw invalid(e, "in string escape code");
                }
            } else if (c < 0x20) {
                throw invalid(c, "in string literal");
            }
        }
    }

    private void number(int first) {
        int c = first;
        if (c == '-') {
            c = next();
            if (c < '0' || c > '9') {
                throw invalid(c, "in numeric literal");
            }
        }
        if (c != '0') {
            digits();
        }
        if (peek() == '.') {
            pos++;
            int d = next();
            if (d < '0' || d > '9') {
                throw invalid(d, "after decimal point in numeric literal");
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            int s = next();
            if (s == '+' || s == '-') {
                s = next();
            }
            if (s < '0' || s > '9') {
                throw invalid(s, "in exponent of numeric literal");
            }
            digits();
        }
    }

    private void digits() {
        while (peek() >= '0' && peek() <= '9') {
            pos++;
        }
    }

    private void literal(String word) {
        for (int i = 1; i < word.length(); i++) {
            int c = next();
            if (c != word.charAt(i)) {
                throw invalid(c, "in literal " + word + " (expecting " + quote(word.charAt(i)) + ")");
            }
        }
    }

    private void skipSpace() {
        while (pos < in.length && (in[pos] == ' ' || in[pos] == '\t' || in[pos] == '\r' || in[pos] == '\n')) {
            pos++;
        }
    }

    /** The next byte, or the end-of-input error. */
    private int next() {
        if (pos >= in.length) {
            throw new SyntaxError("unexpected end of JSON input");
        }
        return in[pos++] & 0xff;
    }

    /** The next byte without consuming it, or -1 at the end. */
    private int peek() {
        return pos < in.length ? in[pos] & 0xff : -1;
    }

    private SyntaxError invalid(String context) {
        return invalid(in[pos] & 0xff, context);
    }

    private static SyntaxError invalid(int c, String context) {
        return new SyntaxError("invalid character " + quote(c) + " " + context);
    }

    /** A byte as Go quotes it in these messages: {@code 'x'}, {@code '\n'}, {@code '\x01'}, {@code '\u0085'}. */
    static String quote(int c) {
        String inner = switch (c) {
            case '\'' -> "\\'";
            case 7 -> "\\a";
            case '\b' -> "\\b";
            case '\f' -> "\\f";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case 11 -> "\\v";
            case '\\' -> "\\\\";
            default -> {
                if (c < 0x20 || c == 0x7f) {
                    yield String.format("\\x%02x", c);
                }
                if (c >= 0x80 && (c < 0xa1 || c == 0xad)) {
                    yield String.format("\\u%04x", c);
                }
                yield String.valueOf((char) c);
            }
        };
        return "'" + inner + "'";
    }

    /** Carries the message out of the scan; never leaves this class. */
    private static final class SyntaxError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SyntaxError(String message) {
            super(message, null, false, false);
        }
    }
}
