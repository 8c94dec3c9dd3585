package io.cairn.apiserver.registry;

import io.cairn.apiserver.status.Statuses;
import io.cairn.apiserver.store.Entry;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stored bytes ↔ object trees.
 *
 * <p>Why: the stored value never carries a resourceVersion (the store's mod revision is the version), as in
 * kube-apiserver's etcd3 storage; reads put it back. Values are JSON.
 */
public final class ObjectCodec {
    /** The shared JSON mapper of the API server. */
    public static final JsonMapper JSON = JsonMapper.builder().build();

    private ObjectCodec() {
    }

    /** Decodes a stored value and sets {@code metadata.resourceVersion} to its mod revision. */
    public static ObjectNode decode(Entry e) {
        try {
            JsonNode n = JSON.readTree(e.value());
            if (!(n instanceof ObjectNode o)) {
                throw Statuses.internal("stored value at " + e.key() + " is not an object");
            }
            o.withObject("metadata").put("resourceVersion", Long.toString(e.modRevision()));
            return o;
        } catch (JacksonException ex) {
            throw Statuses.internal("stored value at " + e.key() + " cannot be decoded: " + ex.getOriginalMessage());
        }
    }

    /** Encodes an object for storage, without its resourceVersion. */
    public static byte[] encode(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        if (copy.get("metadata") instanceof ObjectNode m) {
            m.remove("resourceVersion");
            m.remove("selfLink");
        }
        return JSON.writeValueAsBytes(copy);
    }
}
