package io.cairn.apiserver.patch;

import java.util.Iterator;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Value equality for the {@code test} operation.
 *
 * <p>Why not {@link JsonNode#equals}: JSON has one number type, so {@code 1}, {@code 1.0} and {@code 1e0} are equal
 * (kube compares decoded numbers), while Jackson's nodes distinguish int, long, double and decimal.
 */
final class JsonValues {

    private JsonValues() {
    }

    /** Whether two JSON values are equal: objects ignoring member order, arrays in order, numbers by value. */
    static boolean equal(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> member : a.properties()) {
                JsonNode other = b.get(member.getKey());
                if (other == null || !equal(member.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            Iterator<JsonNode> left = a.values().iterator();
            Iterator<JsonNode> right = b.values().iterator();
            while (left.hasNext()) {
                if (!equal(left.next(), right.next())) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }
}
