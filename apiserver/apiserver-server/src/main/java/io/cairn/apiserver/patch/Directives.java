package io.cairn.apiserver.patch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The directive keys of strategic merge patch and their removal from values that are stored as sent.
 *
 * <p>Why: a patch carries instructions ({@code $patch}, {@code $retainKeys}, {@code $setElementOrder/<list>},
 * {@code $deleteFromPrimitiveList/<list>}) inside the data. Where kube copies a patch value into the object without
 * merging (a new list element, a replaced list), its conversion to the typed object then drops those unknown keys and
 * turns {@code null} members into absent ones; Cairn stores JSON, so it drops them explicitly to keep the same
 * stored object.
 */
final class Directives {

    static final String PATCH = "$patch";
    static final String RETAIN_KEYS = "$retainKeys";
    static final String SET_ELEMENT_ORDER = "$setElementOrder";
    static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList";

    static final String DELETE = "delete";
    static final String REPLACE = "replace";
    static final String MERGE = "merge";

    private Directives() {
    }

    /** Whether a key is one of the directive keys. */
    static boolean isDirective(String key) {
        return key.equals(PATCH) || key.equals(RETAIN_KEYS) || key.startsWith(SET_ELEMENT_ORDER + "/")
                || key.startsWith(DELETE_FROM_PRIMITIVE_LIST + "/");
    }

    /** The value without directive keys and null members, at every depth; the value is changed in place. */
    static JsonNode strip(JsonNode value) {
        if (value instanceof ObjectNode object) {
            List<String> drop = new ArrayList<>();
            for (Map.Entry<String, JsonNode> member : object.properties()) {
                if (isDirective(member.getKey()) || member.getValue().isNull()) {
                    drop.add(member.getKey());
                } else {
                    strip(member.getValue());
                }
            }
            drop.forEach(object::remove);
        } else if (value instanceof ArrayNode array) {
            array.values().forEach(Directives::strip);
        }
        return value;
    }

    /**
     * kube's {@code removeDirectives}: empty when the value is an object holding {@code $patch} (such a value is not
     * kept at all); otherwise the value with every such object left out of its objects and lists.
     */
    static Optional<JsonNode> removeObjectsWithPatch(JsonNode value) {
        if (value instanceof ObjectNode object) {
            if (object.has(PATCH)) {
                return Optional.empty();
            }
            List<String> drop = new ArrayList<>();
            for (Map.Entry<String, JsonNode> member : object.properties()) {
                Optional<JsonNode> kept = removeObjectsWithPatch(member.getValue());
                if (kept.isEmpty()) {
                    drop.add(member.getKey());
                }
            }
            drop.forEach(object::remove);
        } else if (value instanceof ArrayNode array) {
            for (int i = array.size() - 1; i >= 0; i--) {
                if (removeObjectsWithPatch(array.get(i)).isEmpty()) {
                    array.remove(i);
                }
            }
        }
        return Optional.of(value);
    }
}
