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

    /** Go's {@code %v} of a float64: the shortest digits, in exponent form for large or small magnitudes. */
    static String formatFloat(double d) {
        if (d == 0) {
            return "0";
        }
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Double.isNaN(d) ? "NaN" : d > 0 ? "+Inf" : "-Inf";
        }
        BigDecimal shortest = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        String digits = shortest.unscaledValue().abs().toString();
        int exponent = shortest.precision() - shortest.scale() - 1;
        int eprec = 6;
        if (eprec > digits.length() && digits.length() >= exponent + 1) {
            eprec = digits.length();
        }
        if (exponent >= -4 && exponent < eprec) {
            return shortest.toPlainString();
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String sign = d < 0 ? "-" : "";
        int abs = Math.abs(exponent);
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (abs < 10 ? "0" : "") + abs;
    }
}
