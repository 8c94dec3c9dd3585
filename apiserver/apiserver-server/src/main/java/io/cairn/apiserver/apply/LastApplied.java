package io.cairn.apiserver.apply;

import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Client-side apply's {@code kubectl.kubernetes.io/last-applied-configuration} annotation as kube's field manager
 * treats it when the applier is {@code kubectl}.
 *
 * <p>Why: moving an object from {@code kubectl apply} to {@code kubectl apply --server-side} must not stop at
 * conflicts with {@code kubectl-client-side-apply} over fields the annotation shows kubectl itself applied; and
 * while the annotation exists, kube keeps it in step with what kubectl applies server-side, so a later client-side
 * apply still computes the right patch.
 */
final class LastApplied {
    static final String ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";
    /** The only manager for which kube upgrades and keeps the annotation. */
    static final String KUBECTL = "kubectl";

    private static final JsonMapper SORTED = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private LastApplied() {
    }

    /** The configuration recorded on an object, when it carries a parseable one. */
    static Optional<ObjectNode> of(Optional<ObjectNode> object) {
        JsonNode text = object.map(o -> o.path("metadata").path("annotations").path(ANNOTATION))
                .orElse(null);
        if (text == null || !text.isString()) {
            return Optional.empty();
        }
        try {
            return SORTED.readTree(text.asString()) instanceof ObjectNode o ? Optional.of(o) : Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    /** Sets the annotation on {@code next} to {@code config} (without the annotation), as Go encodes it. */
    static void record(ObjectNode next, ObjectNode config) {
        ObjectNode c = config.deepCopy();
        if (c.get("metadata") instanceof ObjectNode meta && meta.get("annotations") instanceof ObjectNode a) {
            a.remove(ANNOTATION);
            if (a.isEmpty()) {
                meta.remove("annotations");
            }
        }
        Object plain = SORTED.convertValue(c, Object.class);
        next.withObject("metadata").withObject("annotations").put(ANNOTATION, SORTED.writeValueAsString(plain) + "\n");
    }
}
