package io.cairn.apiserver.crd;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Drops the fields a structural schema does not specify, as kube-apiserver does before storing a custom resource:
 * except below {@code x-kubernetes-preserve-unknown-fields: true}, an object keeps only its {@code properties} (or
 * every key when it has {@code additionalProperties}); the root and an {@code x-kubernetes-embedded-resource} keep
 * {@code apiVersion}, {@code kind} and {@code metadata}. Values of the wrong type are left for validation to refuse.
 *
 * <p>Why: a custom resource stores what its schema describes and nothing else, so a typo in a field name does not
 * linger in storage; the paths pruned are what {@code fieldValidation} reports.
 */
final class Pruning {
    private static final Set<String> TYPE_META = Set.of("apiVersion", "kind", "metadata");

    private Pruning() {
    }

    /** Prunes {@code object} (a whole custom resource) in place; answers the pruned paths ("spec.foo"). */
    static List<String> prune(ObjectNode object, JsonNode schema) {
        List<String> pruned = new ArrayList<>();
        object(object, schema, "", true, pruned);
        return pruned;
    }

    private static void value(JsonNode v, JsonNode s, String path, List<String> pruned) {
        if (v instanceof ObjectNode o) {
            object(o, s, path, s.path("x-kubernetes-embedded-resource").asBoolean(false), pruned);
        } else if (v.isArray() && s.get("items") instanceof ObjectNode items) {
            for (int i = 0; i < v.size(); i++) {
                value(v.get(i), items, path + "[" + i + "]", pruned);
            }
        }
    }

    private static void object(ObjectNode o, JsonNode s, String path, boolean keepTypeMeta, List<String> pruned) {
        boolean preserve = s.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        JsonNode props = s.path("properties");
        JsonNode additional = s.get("additionalProperties");
        boolean anyKey = additional != null && (additional.isObject() || additional.asBoolean(false));
        List<String> drop = new ArrayList<>();
        for (Map.Entry<String, JsonNode> f : o.properties()) {
            String name = f.getKey();
            if (keepTypeMeta && TYPE_META.contains(name)) {
                continue;
            }
            JsonNode ps = props.get(name);
            if (ps == null && additional != null && additional.isObject()) {
                ps = additional;
            }
            if (ps != null) {
                value(f.getValue(), ps, SchemaValidation.child(path, name), pruned);
            } else if (!preserve && !anyKey) {
                drop.add(name);
            }
        }
        for (String name : drop) {
            o.remove(name);
            pruned.add(SchemaValidation.child(path, name));
        }
    }
}
