package io.cairn.apiserver.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The JSONPath subset of printer columns and scale paths: {@code .field}, {@code ['field']}, {@code [n]},
 * {@code [*]}, an optional surrounding {@code {…}} and a leading {@code $}; a backslash escapes a dot in a name
 * ({@code .metadata.labels.app\.kubernetes\.io/name}).
 *
 * <p>Why: kube evaluates a CRD's {@code additionalPrinterColumns} with its JSONPath library and uses only the first
 * result; these forms are the ones CRDs use, and a path outside them is refused when the CRD is written.
 */
public final class JsonPath {
    private static final String ANY = "*";
    private final List<Object> steps;

    private JsonPath(List<Object> steps) {
        this.steps = List.copyOf(steps);
    }

    /** The parsed path, or empty when it is not in the supported subset. */
    public static Optional<JsonPath> parse(String text) {
        String p = text.strip();
        if (p.startsWith("{") && p.endsWith("}")) {
            p = p.substring(1, p.length() - 1).strip();
        }
        if (p.startsWith("$")) {
            p = p.substring(1);
        }
        List<Object> steps = new ArrayList<>();
        int i = 0;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '.') {
                StringBuilder name = new StringBuilder();
                i++;
                while (i < p.length() && p.charAt(i) != '.' && p.charAt(i) != '[') {
                    if (p.charAt(i) == '\\' && i + 1 < p.length()) {
                        i++;
                    }
                    name.append(p.charAt(i++));
                }
                if (name.isEmpty()) {
                    return Optional.empty();
                }
                steps.add(name.toString());
            } else if (c == '[') {
                int end = p.indexOf(']', i);
                if (end < 0) {
                    return Optional.empty();
                }
                String inner = p.substring(i + 1, end).strip();
                i = end + 1;
                if (inner.equals(ANY)) {
                    steps.add(ANY);
                } else if (inner.length() >= 2 && (inner.startsWith("'") && inner.endsWith("'")
                        || inner.startsWith("\"") && inner.endsWith("\""))) {
                    steps.add(inner.substring(1, inner.length() - 1));
                } else {
                    try {
                        steps.add(Integer.parseInt(inner));
                    } catch (NumberFormatException e) {
                        return Optional.empty();
                    }
                }
            } else {
                return Optional.empty();
            }
        }
        return steps.isEmpty() ? Optional.empty() : Optional.of(new JsonPath(steps));
    }

    /** The first value the path finds in {@code root}, if any (kube prints only the first result). */
    public Optional<JsonNode> first(JsonNode root) {
        return first(root, 0);
    }

    /** The field names of a path made only of names, for writing through it (scale paths). */
    public Optional<List<String>> names() {
        List<String> names = new ArrayList<>();
        for (Object s : steps) {
            if (!(s instanceof String n) || n.equals(ANY)) {
                return Optional.empty();
            }
            names.add(n);
        }
        return Optional.of(names);
    }

    private Optional<JsonNode> first(JsonNode at, int step) {
        if (at == null || at.isMissingNode()) {
            return Optional.empty();
        }
        if (step == steps.size()) {
            return Optional.of(at);
        }
        Object s = steps.get(step);
        if (s instanceof Integer index) {
            int n = index < 0 ? at.size() + index : index;
            return at.isArray() && n >= 0 && n < at.size() ? first(at.get(n), step + 1) : Optional.empty();
        }
        if (s.equals(ANY)) {
            Iterable<JsonNode> children = at.isArray() || at.isObject() ? at.values() : List.of();
            for (JsonNode child : children) {
                Optional<JsonNode> found = first(child, step + 1);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }
        return at.isObject() ? first(at.get((String) s), step + 1) : Optional.empty();
    }
}
