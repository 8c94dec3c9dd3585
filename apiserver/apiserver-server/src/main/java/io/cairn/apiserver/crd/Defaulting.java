package io.cairn.apiserver.crd;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies a structural schema's {@code default}s to a custom resource, as kube-apiserver does on every write and on
 * every read from storage: a missing property with a default gets a copy of it (and defaults below it), and a
 * {@code null} of a non-nullable property is replaced by its default or, without one, dropped.
 *
 * <p>Why: defaults added to a schema later must show on objects stored before, so reads default too.
 */
final class Defaulting {
    private Defaulting() {
    }

    /** Defaults {@code object} in place; answers whether anything changed. */
    static boolean apply(ObjectNode object, JsonNode schema) {
        return object(object, schema, true);
    }

    private static boolean value(JsonNode v, JsonNode s) {
        if (v instanceof ObjectNode o) {
            return object(o, s, false);
        }
        boolean changed = false;
        if (v instanceof ArrayNode a && s.get("items") instanceof ObjectNode items) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).isNull() && !items.path("nullable").asBoolean(false) && items.has("default")) {
                    a.set(i, items.get("default").deepCopy());
                    changed = true;
                }
                changed |= value(a.get(i), items);
            }
        }
        return changed;
    }

    private static boolean object(ObjectNode o, JsonNode s, boolean root) {
        boolean changed = false;
        JsonNode props = s.path("properties");
        for (Map.Entry<String, JsonNode> p : props.properties()) {
            String name = p.getKey();
            JsonNode ps = p.getValue();
            if (root && name.equals("metadata")) {
                continue;
            }
            JsonNode current = o.get(name);
            if (current == null && ps.has("default")) {
                o.set(name, ps.get("default").deepCopy());
                changed = true;
            } else if (current != null && current.isNull() && !ps.path("nullable").asBoolean(false)) {
                if (ps.has("default")) {
                    o.set(name, ps.get("default").deepCopy());
                } else {
                    o.remove(name);
                }
                changed = true;
            }
        }
        JsonNode additional = s.get("additionalProperties");
        List<String> names = new ArrayList<>();
        o.propertyNames().forEach(names::add);
        for (String name : names) {
            if (root && name.equals("metadata")) {
                continue;
            }
            JsonNode ps = props.get(name);
            if (ps == null && additional != null && additional.isObject()) {
                ps = additional;
            }
            if (ps != null) {
                changed |= value(o.get(name), ps);
            }
        }
        return changed;
    }
}
