package io.cairn.apiserver.selector;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One comma-separated term of a label selector: a key, an operator and its (sorted, distinct) values.
 *
 * <p>Why: matching and the canonical text are per term; building a term runs kube's checks so an invalid term never
 * exists.
 */
record LabelRequirement(String key, LabelOperator operator, List<String> values) {

    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");

    LabelRequirement {
        values = List.copyOf(values);
    }

    /**
     * A requirement after kube's checks of the operator's arity and of every value; several problems are reported
     * together as kube aggregates them ({@code [first, second]}).
     */
    static LabelRequirement of(String key, LabelOperator operator, List<String> values) throws SelectorException {
        Set<String> problems = new LinkedHashSet<>();
        if (operator == LabelOperator.GREATER_THAN || operator == LabelOperator.LESS_THAN) {
            for (int i = 0; i < values.size(); i++) {
                if (integer(values.get(i)).isEmpty()) {
                    problems.add("values[" + i + "]: Invalid value: " + GoText.quote(values.get(i))
                            + ": for 'Gt', 'Lt' operators, the value must be an integer");
                }
            }
        }
        for (int i = 0; i < values.size(); i++) {
            List<String> broken = LabelSyntax.valueProblems(values.get(i));
            if (!broken.isEmpty()) {
                problems.add("values[" + i + "][" + key + "]: Invalid value: " + GoText.quote(values.get(i)) + ": "
                        + String.join("; ", broken));
            }
        }
        if (problems.size() == 1) {
            throw new SelectorException(problems.iterator().next());
        }
        if (!problems.isEmpty()) {
            throw new SelectorException("[" + String.join(", ", problems) + "]");
        }
        return new LabelRequirement(key, operator, values);
    }

    /** Whether a label set satisfies this term, with kube's semantics for absent keys. */
    boolean matches(Map<String, String> labels) {
        boolean present = labels.containsKey(key);
        return switch (operator) {
            case IN, EQUALS, DOUBLE_EQUALS -> present && values.contains(labels.get(key));
            case NOT_IN, NOT_EQUALS -> !present || !values.contains(labels.get(key));
            case EXISTS -> present;
            case DOES_NOT_EXIST -> !present;
            case GREATER_THAN, LESS_THAN -> present && compares(labels.get(key));
        };
    }

    private boolean compares(String labelValue) {
        Optional<Long> actual = integer(labelValue);
        if (actual.isEmpty() || values.size() != 1) {
            return false;
        }
        Optional<Long> bound = integer(values.getFirst());
        if (bound.isEmpty()) {
            return false;
        }
        return operator == LabelOperator.GREATER_THAN ? actual.get() > bound.get() : actual.get() < bound.get();
    }

    /** The value as a 64-bit decimal integer, as Go's {@code strconv.ParseInt(s, 10, 64)} reads it. */
    static Optional<Long> integer(String text) {
        if (!INTEGER.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException outOfRange) {
            return Optional.empty();
        }
    }

    /** The value this term pins the key to, when it pins it to exactly one. */
    Optional<String> exactValue() {
        return switch (operator) {
            case EQUALS, DOUBLE_EQUALS, IN -> values.size() == 1 ? Optional.of(values.getFirst()) : Optional.empty();
            default -> Optional.empty();
        };
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        if (operator == LabelOperator.DOES_NOT_EXIST) {
            text.append('!');
        }
        text.append(key);
        if (operator == LabelOperator.EXISTS || operator == LabelOperator.DOES_NOT_EXIST) {
            return text.toString();
        }
        text.append(operator.infix());
        boolean set = operator == LabelOperator.IN || operator == LabelOperator.NOT_IN;
        List<String> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return text.append(set ? "(" : "").append(String.join(",", sorted)).append(set ? ")" : "").toString();
    }
}
