package io.cairn.apiserver.patch;

import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies a JSON Merge Patch (RFC 7386).
 *
 * <p>Why: {@code kubectl patch --type=merge} and clients' {@code application/merge-patch+json} requests (also used
 * for custom resources, which have no strategic merge) merge objects member by member: a {@code null} member deletes,
 * an object member merges recursively, anything else replaces; a patch that is not an object replaces the target.
 * The input trees are never modified.
 *
 * <p>kube-apiserver additionally refuses, before merging, a patch that is JSON {@code null} or a scalar with 400
 * BadRequest {@code Invalid JSON Patch}; that check belongs to the request handler, not to this function.
 */
public final class MergePatch {

    private MergePatch() {
    }

    /** The target with the patch merged in. */
    public static JsonNode apply(JsonNode target, JsonNode patch) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(patch, "patch");
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target.isObject()
                ? (ObjectNode) target.deepCopy()
                : JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> member : patch.properties()) {
            if (member.getValue().isNull()) {
                result.remove(member.getKey());
            } else {
                JsonNode current = result.get(member.getKey());
                result.set(member.getKey(), apply(current == null ? JsonNodeFactory.instance.nullNode() : current,
                        member.getValue()));
            }
        }
        return result;
    }
}
