package io.cairn.apiserver.table;

import java.util.Collection;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Lenient reads of fields of a stored object.
 *
 * <p>Why: stored objects may lack any optional field (a pod without status, a service without ports); kube prints
 * Go's zero values for those, so every read here falls back to "", 0, false or an empty list instead of failing.
 */
final class Fields {

    private Fields() {
    }

    /** The node at a path of object keys; a missing node if any step is absent. */
    static JsonNode at(JsonNode node, String... path) {
        JsonNode current = node;
        for (String key : path) {
            current = current.path(key);
        }
        return current;
    }

    /** The string at a path, or "" if absent or not a string. */
    static String text(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        return value.isString() ? value.stringValue() : "";
    }

    /** The integer at a path, or {@code fallback} if absent or not a number. */
    static long integer(JsonNode node, long fallback, String... path) {
        JsonNode value = at(node, path);
        return value.isNumber() ? value.asLong() : fallback;
    }

    /** The integer at a path, or 0. */
    static long integer(JsonNode node, String... path) {
        return integer(node, 0, path);
    }

    /** The boolean at a path, or false. */
    static boolean bool(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        return value.isBoolean() && value.booleanValue();
    }

    /** The elements of the array at a path, or none. */
    static Collection<JsonNode> items(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        return value.isArray() ? value.values() : List.of();
    }

    /** The number of keys of the object (or elements of the array) at a path, or 0. */
    static int count(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        return value.isObject() || value.isArray() ? value.size() : 0;
    }
}
