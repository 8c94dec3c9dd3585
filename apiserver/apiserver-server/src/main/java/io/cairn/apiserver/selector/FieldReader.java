package io.cairn.apiserver.selector;

import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How one selectable field is read from an object's JSON, rendered as kube renders it for field selectors.
 *
 * <p>Why: kube derives field values from typed objects, so absent strings read as {@code ""}, absent booleans as
 * {@code "false"} and absent counts as {@code "0"}; reading the JSON tree needs those same defaults.
 */
@FunctionalInterface
interface FieldReader extends Function<ObjectNode, String> {

    /** A string at a path, or {@code ""} when absent or null. */
    static FieldReader text(String... path) {
        return object -> {
            JsonNode node = at(object, path);
            return node.isValueNode() && !node.isNull() ? node.asString() : "";
        };
    }

    /** A string at a path, falling back to another path when the first is absent or empty. */
    static FieldReader textOr(FieldReader first, FieldReader fallback) {
        return object -> {
            String value = first.apply(object);
            return value.isEmpty() ? fallback.apply(object) : value;
        };
    }

    /** A boolean at a path as {@code "true"}/{@code "false"}, absent meaning {@code "false"}. */
    static FieldReader bool(String... path) {
        return object -> Boolean.toString(at(object, path).asBoolean(false));
    }

    /** An integer at a path in decimal, absent meaning {@code "0"}. */
    static FieldReader integer(String... path) {
        return object -> Long.toString(at(object, path).asLong(0L));
    }

    /** A reader that yields the same text for every object. */
    static FieldReader constant(String value) {
        return object -> value;
    }

    private static JsonNode at(ObjectNode object, String... path) {
        JsonNode node = object;
        for (String step : path) {
            node = step.matches("\\d+") ? node.path(Integer.parseInt(step)) : node.path(step);
        }
        return node;
    }
}
