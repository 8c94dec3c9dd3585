package io.cairn.apiserver.selector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits label selector text into tokens the way kube's lexer does.
 *
 * <p>Why a faithful copy of the behaviour: what counts as an identifier (anything up to whitespace or one of
 * {@code = ! ( ) , > <}), how runs of symbols are cut into the longest known operator, and that a NUL character ends
 * the text all decide which inputs are accepted and what the error messages quote.
 */
final class LabelLexer {

    /** Token kinds. */
    enum Kind { ERROR, END, CLOSE_PAREN, COMMA, NOT, DOUBLE_EQUALS, EQUALS, GREATER, IDENTIFIER, IN, LESS,
        NOT_EQUALS, NOT_IN, OPEN_PAREN }

    /** A token and the text it was read from. */
    record Token(Kind kind, String text) {
    }

    private static final Map<String, Kind> LITERALS = Map.ofEntries(
            Map.entry(")", Kind.CLOSE_PAREN), Map.entry(",", Kind.COMMA), Map.entry("!", Kind.NOT),
            Map.entry("==", Kind.DOUBLE_EQUALS), Map.entry("=", Kind.EQUALS), Map.entry(">", Kind.GREATER),
            Map.entry("in", Kind.IN), Map.entry("<", Kind.LESS), Map.entry("!=", Kind.NOT_EQUALS),
            Map.entry("notin", Kind.NOT_IN), Map.entry("(", Kind.OPEN_PAREN));

    private final String text;
    private int position;

    private LabelLexer(String text) {
        this.text = text;
    }

    /** Every token of the text, ending with one {@link Kind#END}. */
    static List<Token> tokens(String text) {
        LabelLexer lexer = new LabelLexer(text);
        List<Token> tokens = new ArrayList<>();
        Token token;
        do {
            token = lexer.next();
            tokens.add(token);
        } while (token.kind() != Kind.END);
        return tokens;
    }

    private char read() {
        if (position < text.length()) {
            return text.charAt(position++);
        }
        return 0;
    }

    private void unread() {
        position--;
    }

    private Token next() {
        char ch = read();
        while (whitespace(ch)) {
            ch = read();
        }
        if (ch == 0) {
            return new Token(Kind.END, "");
        }
        unread();
        return special(ch) ? symbol() : identifierOrKeyword();
    }

    private Token identifierOrKeyword() {
        StringBuilder word = new StringBuilder();
        while (true) {
            char ch = read();
            if (ch == 0) {
                break;
            }
            if (special(ch) || whitespace(ch)) {
                unread();
                break;
            }
            word.append(ch);
        }
        String literal = word.toString();
        return new Token(LITERALS.getOrDefault(literal, Kind.IDENTIFIER), literal);
    }

    private Token symbol() {
        StringBuilder run = new StringBuilder();
        Token last = null;
        while (true) {
            char ch = read();
            if (ch == 0) {
                break;
            }
            if (!special(ch)) {
                unread();
                break;
            }
            run.append(ch);
            Kind kind = LITERALS.get(run.toString());
            if (kind != null) {
                last = new Token(kind, run.toString());
            } else if (last != null) {
                unread();
                break;
            }
        }
        return last != null ? last : new Token(Kind.ERROR, "error expected: keyword found '" + run + "'");
    }

    private static boolean whitespace(char ch) {
        return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
    }

    private static boolean special(char ch) {
        return switch (ch) {
            case '=', '!', '(', ')', ',', '>', '<' -> true;
            default -> false;
        };
    }
}
