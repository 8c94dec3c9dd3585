package io.cairn.apiserver.selector;

import io.cairn.apiserver.selector.LabelLexer.Kind;
import io.cairn.apiserver.selector.LabelLexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Turns label selector tokens into requirements with kube's grammar and kube's error messages.
 *
 * <p>Why a recursive-descent parser shaped like kube's: several of kube's messages quote a token other than the one
 * that failed (for example a missing {@code ')'} reports the first value), and values are read in a context where
 * {@code in}/{@code notin} are plain identifiers; reproducing the structure reproduces those details.
 */
final class LabelParser {

    private static final String BINARY_OPERATORS = "in, notin, =, ==, !=, gt, lt";

    private final List<Token> tokens;
    private int position;

    private LabelParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** The requirements of a selector, in text order. */
    static List<LabelRequirement> parse(String text) throws SelectorException {
        return new LabelParser(LabelLexer.tokens(text)).requirements();
    }

    private Token lookahead(boolean valueContext) {
        return inContext(tokens.get(position), valueContext);
    }

    private Token consume(boolean valueContext) {
        return inContext(tokens.get(position++), valueContext);
    }

    private static Token inContext(Token token, boolean valueContext) {
        if (valueContext && (token.kind() == Kind.IN || token.kind() == Kind.NOT_IN)) {
            return new Token(Kind.IDENTIFIER, token.text());
        }
        return token;
    }

    private List<LabelRequirement> requirements() throws SelectorException {
        List<LabelRequirement> requirements = new ArrayList<>();
        while (true) {
            Token next = lookahead(true);
            switch (next.kind()) {
                case IDENTIFIER, NOT -> {
                    try {
                        requirements.add(requirement());
                    } catch (SelectorException e) {
                        throw new SelectorException("unable to parse requirement: " + e.getMessage());
                    }
                    Token after = consume(true);
                    if (after.kind() == Kind.END) {
                        return requirements;
                    }
                    if (after.kind() != Kind.COMMA) {
                        throw new SelectorException("found '" + after.text() + "', expected: ',' or 'end of string'");
                    }
                    Token following = lookahead(true);
                    if (following.kind() != Kind.IDENTIFIER && following.kind() != Kind.NOT) {
                        throw new SelectorException("found '" + following.text() + "', expected: identifier after ','");
                    }
                }
                case END -> {
                    return requirements;
                }
                default -> throw new SelectorException(
                        "found '" + next.text() + "', expected: !, identifier, or 'end of string'");
            }
        }
    }

    private LabelRequirement requirement() throws SelectorException {
        boolean negated = false;
        Token key = consume(true);
        if (key.kind() == Kind.NOT) {
            negated = true;
            key = consume(true);
        }
        if (key.kind() != Kind.IDENTIFIER) {
            throw new SelectorException("found '" + key.text() + "', expected: identifier");
        }
        List<String> keyProblems = LabelSyntax.keyProblems(key.text());
        if (!keyProblems.isEmpty()) {
            throw new SelectorException("<nil>: Invalid value: " + GoText.quote(key.text()) + ": "
                    + String.join("; ", keyProblems));
        }
        if (negated) {
            return LabelRequirement.of(key.text(), LabelOperator.DOES_NOT_EXIST, List.of());
        }
        Kind after = lookahead(true).kind();
        if (after == Kind.END || after == Kind.COMMA) {
            return LabelRequirement.of(key.text(), LabelOperator.EXISTS, List.of());
        }
        LabelOperator operator = operator();
        List<String> values = switch (operator) {
            case IN, NOT_IN -> setValues();
            default -> exactValue();
        };
        return LabelRequirement.of(key.text(), operator, values);
    }

    private LabelOperator operator() throws SelectorException {
        Token token = consume(false);
        return switch (token.kind()) {
            case IN -> LabelOperator.IN;
            case EQUALS -> LabelOperator.EQUALS;
            case DOUBLE_EQUALS -> LabelOperator.DOUBLE_EQUALS;
            case GREATER -> LabelOperator.GREATER_THAN;
            case LESS -> LabelOperator.LESS_THAN;
            case NOT_IN -> LabelOperator.NOT_IN;
            case NOT_EQUALS -> LabelOperator.NOT_EQUALS;
            default -> throw new SelectorException("found '" + token.text() + "', expected: " + BINARY_OPERATORS);
        };
    }

    private List<String> setValues() throws SelectorException {
        Token open = consume(true);
        if (open.kind() != Kind.OPEN_PAREN) {
            throw new SelectorException("found '" + open.text() + "' expected: '('");
        }
        Token first = lookahead(true);
        switch (first.kind()) {
            case IDENTIFIER, COMMA -> {
                TreeSet<String> values = identifierList();
                if (consume(true).kind() != Kind.CLOSE_PAREN) {
                    throw new SelectorException("found '" + first.text() + "', expected: ')'");
                }
                return List.copyOf(values);
            }
            case CLOSE_PAREN -> {
                consume(true);
                return List.of("");
            }
            default -> throw new SelectorException("found '" + first.text() + "', expected: ',', ')' or identifier");
        }
    }

    private TreeSet<String> identifierList() throws SelectorException {
        TreeSet<String> values = new TreeSet<>();
        while (true) {
            Token token = consume(true);
            switch (token.kind()) {
                case IDENTIFIER -> {
                    values.add(token.text());
                    Token next = lookahead(true);
                    if (next.kind() == Kind.CLOSE_PAREN) {
                        return values;
                    }
                    if (next.kind() != Kind.COMMA) {
                        throw new SelectorException("found '" + next.text() + "', expected: ',' or ')'");
                    }
                }
                case COMMA -> {
                    if (values.isEmpty()) {
                        values.add("");
                    }
                    Kind next = lookahead(true).kind();
                    if (next == Kind.CLOSE_PAREN) {
                        values.add("");
                        return values;
                    }
                    if (next == Kind.COMMA) {
                        consume(true);
                        values.add("");
                    }
                }
                default -> throw new SelectorException("found '" + token.text() + "', expected: ',', or identifier");
            }
        }
    }

    private List<String> exactValue() throws SelectorException {
        Kind next = lookahead(true).kind();
        if (next == Kind.END || next == Kind.COMMA) {
            return List.of("");
        }
        Token token = consume(true);
        if (token.kind() == Kind.IDENTIFIER) {
            return List.of(token.text());
        }
        throw new SelectorException("found '" + token.text() + "', expected: identifier");
    }
}
