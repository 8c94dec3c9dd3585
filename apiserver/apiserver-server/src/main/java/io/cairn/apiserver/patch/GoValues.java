package io.cairn.apiserver.patch;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import tools.jackson.databind.JsonNode;

/**
 * JSON values as Go's generic decoding holds them: their type names, {@code ==} and {@code %v} text.
 *
 * <p>Why: strategic merge patch compares merge keys and scalar list elements with Go's {@code ==} on decoded values
 * (an integer and a float are different values), and kube's error messages print the offending maps and types in
 * Go's notation, e.g. {@code map: map[image:nginx] does not contain declared merge key: name}.
 */
final class GoValues {

    private GoValues() {
    }

    /** The Go type a decoded value has, as {@code reflect.Type} prints it ({@code %!s(<nil>)} for null). */
    static String typeName(JsonNode node) {
        if (node.isObject()) {
            return "map[string]interface {}";
        }
        if (node.isArray()) {
            return "[]interface {}";
        }
        if (node.isString()) {
            return "string";
        }
        if (node.isIntegralNumber()) {
            return "int64";
        }
        if (node.isNumber()) {
            return "float64";
        }
        if (node.isBoolean()) {
            return "bool";
        }
        return "%!s(<nil>)";
    }

    /** Go's {@code ==} on two decoded scalars: same type and same value. Missing values are null. */
    static boolean equal(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.isIntegralNumber() == b.isIntegralNumber() && a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if ((a.isNull() || a.isMissingNode()) && (b.isNull() || b.isMissingNode())) {
            return true;
        }
        return a.equals(b);
    }

    /** Go's {@code %v} of a decoded value: maps with sorted keys, slices space-separated, nil as {@code <nil>}. */
    static String format(JsonNode node) {
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
            members.sort(Map.Entry.comparingByKey());
            StringJoiner out = new StringJoiner(" ", "map[", "]");
            members.forEach(m -> out.add(m.getKey() + ":" + format(m.getValue())));
            return out.toString();
        }
        if (node.isArray()) {
            StringJoiner out = new StringJoiner(" ", "[", "]");
            node.values().forEach(v -> out.add(format(v)));
            return out.toString();
        }
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        if (node.isNumber()) {
            return formatFloat(node.doubleValue());
        }
        if (node.isBoolean()) {
            return Boolean.toString(node.booleanValue());
        }
        return "<nil>";
    }

    private static String formatFloat(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e21) {
            return new BigDecimal(d).toPlainString();
        }
        return Double.toString(d);
    }
}
