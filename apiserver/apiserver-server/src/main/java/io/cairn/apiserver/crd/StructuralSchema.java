package io.cairn.apiserver.crd;

import io.cairn.apiserver.status.Cause;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The structural-schema rules kube-apiserver enforces on a v1 definition's {@code openAPIV3Schema}, those that
 * pruning, defaulting and validation rely on: an object at the root, a type on every specified field and array item
 * (unless {@code x-kubernetes-int-or-string} or {@code x-kubernetes-preserve-unknown-fields}), items on arrays,
 * {@code properties} and {@code additionalProperties} never together, and only {@code name} and {@code generateName}
 * below the root {@code metadata}.
 *
 * <p>Why: without a type everywhere, pruning and defaulting would be ambiguous; kube refuses such schemas.
 */
final class StructuralSchema {
    private static final Set<String> METADATA_FIELDS = Set.of("name", "generateName");

    private StructuralSchema() {
    }

    static void check(JsonNode schema, String path, List<Cause> out) {
        String type = schema.path("type").asString("");
        if (type.isEmpty()) {
            out.add(FieldErrors.required(path + ".type", "must not be empty at the root"));
        } else if (!type.equals("object")) {
            out.add(FieldErrors.invalid(path + ".type", type, "must be object at the root"));
        }
        JsonNode metadata = schema.path("properties").path("metadata");
        for (Map.Entry<String, JsonNode> p : metadata.path("properties").properties()) {
            if (!METADATA_FIELDS.contains(p.getKey())) {
                out.add(FieldErrors.forbidden(path + ".properties[metadata]", "must not specify anything other than"
                        + " name and generateName, but metadata is implicitly specified"));
                break;
            }
        }
        node(schema, path, out);
    }

    private static void node(JsonNode s, String path, List<Cause> out) {
        JsonNode props = s.get("properties");
        JsonNode additional = s.get("additionalProperties");
        if (props != null && props.isObject() && !props.isEmpty() && additional != null && additional.isObject()) {
            out.add(FieldErrors.forbidden(path + ".additionalProperties",
                    "additionalProperties and properties are mutual exclusive"));
        }
        if (props != null) {
            for (Map.Entry<String, JsonNode> p : props.properties()) {
                String child = path + ".properties[" + p.getKey() + "]";
                typed(p.getValue(), child, "must not be empty for specified object fields", out);
                node(p.getValue(), child, out);
            }
        }
        if (additional != null && additional.isObject()) {
            typed(additional, path + ".additionalProperties", "must not be empty for specified object fields", out);
            node(additional, path + ".additionalProperties", out);
        }
        JsonNode items = s.get("items");
        if (s.path("type").asString("").equals("array") && (items == null || !items.isObject())) {
            out.add(FieldErrors.required(path + ".items", "must be specified"));
        }
        if (items != null && items.isObject()) {
            typed(items, path + ".items", "must not be empty for specified array items", out);
            node(items, path + ".items", out);
        }
    }

    private static void typed(JsonNode s, String path, String message, List<Cause> out) {
        boolean free = s.path("x-kubernetes-int-or-string").asBoolean(false)
                || s.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        if (s.path("type").asString("").isEmpty() && !free) {
            out.add(FieldErrors.required(path + ".type", message));
        }
    }
}
