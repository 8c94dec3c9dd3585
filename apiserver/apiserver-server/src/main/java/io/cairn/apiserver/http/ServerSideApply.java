package io.cairn.apiserver.http;

import io.cairn.apiserver.apply.FieldManager;
import io.cairn.apiserver.registry.Registry;
import io.cairn.apiserver.registry.Tracking;
import io.cairn.apiserver.resource.ResourceType;
import io.cairn.apiserver.status.Cause;
import io.cairn.apiserver.status.StatusException;
import io.cairn.apiserver.status.Statuses;
import io.cairn.apiserver.validation.Checked;
import io.cairn.apiserver.validation.FieldValidation;
import io.cairn.apiserver.validation.FieldValidator;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code PATCH} with {@code application/apply-patch+yaml}: server-side apply of a YAML or JSON configuration to an
 * object or its {@code status}, creating the object (201) when it is missing.
 *
 * <p>Why apart from the other patches: an apply is a merge that may become a create and carries its own options
 * ({@code fieldManager} required, {@code force}); the merge and ownership rules live in {@link FieldManager}.
 */
final class ServerSideApply {
    static final String MEDIA_TYPE = "application/apply-patch+yaml";
    private static final int CREATE_RACES = 3;

    private ServerSideApply() {
    }

    /** The {@code fieldManager} an apply must name (kube's 422 without one). */
    static String requireManager(Query q) {
        String manager = q.get("fieldManager");
        if (manager.isEmpty()) {
            throw Statuses.invalid("meta.k8s.io", "PatchOptions", "", List.of(new Cause("FieldValueRequired",
                    "Required value: is required for apply patch", "fieldManager")));
        }
        return manager;
    }

    static void handle(ServerResponse res, Registry registry, FieldManager fields, ResourceType t, String ns,
                       ResourcePath p, Query q, byte[] raw, FieldValidation mode) {
        String manager = requireManager(q);
        boolean force = q.flag("force");
        ObjectNode parsed = Bodies.object(raw, "application/yaml", t.kind());
        fields.checkConfiguration(t, parsed);
        Checked checked = FieldValidator.body(t, raw, "application/yaml", parsed, mode);
        ResourceHandler.warn(res, checked.warnings());
        ObjectNode config = checked.object();
        String bodyName = config.path("metadata").path("name").asString("");
        if (!bodyName.isEmpty() && !bodyName.equals(p.name())) {
            throw Statuses.badRequest("the name of the object (" + bodyName + ") does not match the name on the URL ("
                    + p.name() + ")");
        }
        String bodyNs = config.path("metadata").path("namespace").asString("");
        if (t.namespaced() && !bodyNs.isEmpty() && !bodyNs.equals(ns)) {
            throw Statuses.badRequest("the namespace of the provided object does not match the namespace sent on"
                    + " the request");
        }
        String sub = p.subresource();
        Tracking tracking = (live, next) -> fields.apply(t, live, next, config, manager, sub, force);
        for (int attempt = 0; ; attempt++) {
            try {
                Wire.send(res, 200, registry.patch(t, ns, p.name(), sub,
                        current -> fields.applyMerge(t, Optional.of(current), config, manager, sub), q.dryRun(),
                        tracking), Accepts.JSON);
                return;
            } catch (StatusException e) {
                if (e.code() != 404 || !sub.isEmpty() || !e.reason().equals("NotFound")) {
                    throw e;
                }
            }
            ObjectNode created = fields.applyMerge(t, Optional.empty(), config, manager, sub);
            created.withObject("metadata").put("name", p.name());
            try {
                Wire.send(res, 201, registry.create(t, ns, created, q.dryRun(), tracking), Accepts.JSON);
                return;
            } catch (StatusException e) {
                // created concurrently: apply to what is there now
                if (e.code() != 409 || !e.reason().equals("AlreadyExists") || attempt >= CREATE_RACES) {
                    throw e;
                }
            }
        }
    }
}
