package io.cairn.apiserver.table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Label maps and label selectors in kube's canonical text form ({@code app=nginx,tier in (back,front)}).
 *
 * <p>Why: SELECTOR and NODE SELECTOR cells must read exactly like kube's {@code labels.FormatLabels} and
 * {@code metav1.FormatLabelSelector}: requirements sorted by key, set values sorted, {@code <none>} when empty.
 */
final class Selectors {

    static final String NONE = "<none>";

    private Selectors() {
    }

    /** A plain label map ({@code spec.selector} of a service, a node selector): sorted {@code k=v} pairs. */
    static String formatLabels(JsonNode labels) {
        String text = String.join(",", pairs(labels));
        return text.isEmpty() ? NONE : text;
    }

    /** A {@code metav1.LabelSelector}: {@code <none>} when absent or empty, {@code <error>} when invalid. */
    static String formatLabelSelector(JsonNode selector) {
        return requirements(selector).map(text -> text.isEmpty() ? NONE : text).orElse("<error>");
    }

    /** A {@code metav1.LabelSelector} as a deployment prints it: "" when absent or empty, {@code <invalid>}. */
    static String selectorString(JsonNode selector) {
        return requirements(selector).orElse("<invalid>");
    }

    private static List<String> pairs(JsonNode labels) {
        List<String> pairs = new ArrayList<>();
        if (labels.isObject()) {
            stringMap(labels).forEach((k, v) -> pairs.add(k + "=" + v));
        }
        return pairs;
    }

    private static Map<String, String> stringMap(JsonNode labels) {
        Map<String, String> map = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : labels.properties()) {
            map.put(entry.getKey(), entry.getValue().isString() ? entry.getValue().stringValue() : "");
        }
        return map;
    }

    /** The selector's requirements joined, or empty if one has an unknown operator. */
    private static Optional<String> requirements(JsonNode selector) {
        if (!selector.isObject()) {
            return Optional.of("");
        }
        List<Requirement> requirements = new ArrayList<>();
        stringMap(selector.path("matchLabels")).forEach((k, v) -> requirements.add(new Requirement(k, k + "=" + v)));
        for (JsonNode expression : Fields.items(selector, "matchExpressions")) {
            Optional<Requirement> requirement = expression(expression);
            if (requirement.isEmpty()) {
                return Optional.empty();
            }
            requirements.add(requirement.get());
        }
        requirements.sort(Comparator.comparing(Requirement::key));
        return Optional.of(String.join(",", requirements.stream().map(Requirement::text).toList()));
    }

    private static Optional<Requirement> expression(JsonNode expression) {
        String key = Fields.text(expression, "key");
        List<String> values = new ArrayList<>();
        Fields.items(expression, "values").forEach(v -> values.add(v.isString() ? v.stringValue() : ""));
        values.sort(Comparator.naturalOrder());
        String set = "(" + String.join(",", values) + ")";
        return switch (Fields.text(expression, "operator")) {
            case "In" -> Optional.of(new Requirement(key, key + " in " + set));
            case "NotIn" -> Optional.of(new Requirement(key, key + " notin " + set));
            case "Exists" -> Optional.of(new Requirement(key, key));
            case "DoesNotExist" -> Optional.of(new Requirement(key, "!" + key));
            default -> Optional.empty();
        };
    }

    private record Requirement(String key, String text) {
    }
}
