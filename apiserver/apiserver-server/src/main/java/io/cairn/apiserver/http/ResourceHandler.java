package io.cairn.apiserver.http;

import io.cairn.apiserver.apply.FieldManager;
import io.cairn.apiserver.patch.JsonPatch;
import io.cairn.apiserver.patch.MergePatch;
import io.cairn.apiserver.patch.PatchException;
import io.cairn.apiserver.patch.StrategicMergePatch;
import io.cairn.apiserver.registry.DeleteOutcome;
import io.cairn.apiserver.registry.ListResult;
import io.cairn.apiserver.registry.ObjectCodec;
import io.cairn.apiserver.registry.Preconditions;
import io.cairn.apiserver.registry.Registry;
import io.cairn.apiserver.registry.Tracking;
import io.cairn.apiserver.resource.ResourceType;
import io.cairn.apiserver.status.Cause;
import io.cairn.apiserver.status.StatusException;
import io.cairn.apiserver.status.Statuses;
import io.cairn.apiserver.table.IncludeObject;
import io.cairn.apiserver.table.TableConverter;
import io.cairn.apiserver.validation.Checked;
import io.cairn.apiserver.validation.FieldValidation;
import io.cairn.apiserver.validation.FieldValidator;
import io.cairn.apiserver.validation.PatchValidation;
import io.cairn.apiserver.validation.WarningHeaders;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The verbs on one resource: get, list, watch, create, update, patch, delete and deletecollection, plus the
 * {@code status}, {@code scale} and {@code finalize} subresources.
 *
 * <p>Why: this is kube-apiserver's generic REST handler — decoding, options and encoding around the
 * {@link Registry}, which owns the semantics.
 */
final class ResourceHandler {
    private final Registry registry;
    private final TableConverter tables;
    private final WatchStream watches;
    private final long maxBody;
    private final FieldManager fields;

    ResourceHandler(Registry registry, TableConverter tables, WatchStream watches, long maxBody,
                    FieldManager fields) {
        this.registry = registry;
        this.tables = tables;
        this.watches = watches;
        this.maxBody = maxBody;
        this.fields = fields;
    }

    void handle(ServerRequest req, ServerResponse res, ResourceType t, ResourcePath p, Accepts accepts) {
        String method = req.prologue().method().text();
        Query q = new Query(req);
        String ns = t.namespaced() ? p.namespace() : "";
        if (!t.namespaced() && !p.namespace().isEmpty()) {
            throw Statuses.pathNotFound();
        }
        if (!p.subresource().isEmpty() && !t.has(p.subresource())) {
            throw Statuses.pathNotFound();
        }
        if (p.name().isEmpty()) {
            if (t.namespaced() && p.namespace().isEmpty() && !method.equals("GET")) {
                throw Statuses.methodNotSupported(t.group(), t.plural(), method);
            }
            switch (method) {
                case "GET" -> {
                    if (q.flag("watch")) {
                        watches.serve(req, res, t, ns, "", q, accepts);
                    } else {
                        list(res, t, ns, q, accepts);
                    }
                }
                case "POST" -> {
                    Checked body = checked(req, res, t, q, "CreateOptions");
                    Wire.send(res, 201, registry.create(t, ns, body.object(), q.dryRun(), updates(req, q, t, "")),
                            Accepts.JSON);
                }
                case "DELETE" -> deleteCollection(req, res, t, ns, q);
                default -> throw Statuses.methodNotSupported(t.group(), t.plural(), method);
            }
            return;
        }
        if (p.subresource().equals("scale")) {
            ScaleView.handle(req, res, registry, t, ns, p.name(), q, maxBody, updates(req, q, t, "scale"), fields);
            return;
        }
        switch (method) {
            case "GET" -> {
                ObjectNode o = registry.get(t, ns, p.name());
                if (accepts == Accepts.TABLE) {
                    Wire.send(res, 200, tables.table(t, List.of(o),
                            q.includeObject(), o.path("metadata").path("resourceVersion")
                                    .asString(""), Optional.empty(), Optional.empty()), accepts);
                } else {
                    Wire.send(res, 200, o, accepts);
                }
            }
            case "PUT" -> {
                Checked body = checked(req, res, t, q, "UpdateOptions");
                Wire.send(res, 200, registry.update(t, ns, p.name(), p.subresource(), body.object(), q.dryRun(),
                        updates(req, q, t, p.subresource())), Accepts.JSON);
            }
            case "PATCH" -> {
                FieldValidation mode = FieldValidation.parse(q.get("fieldValidation"), "PatchOptions");
                byte[] raw = Bodies.read(req, maxBody);
                if (Bodies.mediaType(req).equals(ServerSideApply.MEDIA_TYPE)) {
                    ServerSideApply.handle(res, registry, fields, t, ns, p, q, raw, mode);
                    return;
                }
                if (q.req().query().contains("force")) {
                    throw Statuses.invalid("meta.k8s.io", "PatchOptions", "", List.of(new Cause(
                            "FieldValueForbidden", "Forbidden: may not be specified for non-apply patch", "force")));
                }
                UnaryOperator<ObjectNode> patcher = patcher(t, Bodies.mediaType(req), raw);
                PatchValidation checks = FieldValidator.patch(t, Bodies.mediaType(req), raw, mode);
                ObjectNode patched;
                try {
                    patched = registry.patch(t, ns, p.name(), p.subresource(), checks.around(patcher), q.dryRun(),
                            updates(req, q, t, p.subresource()));
                } finally {
                    warn(res, checks.warnings());
                }
                Wire.send(res, 200, patched, Accepts.JSON);
            }
            case "DELETE" -> {
                if (!p.subresource().isEmpty()) {
                    throw Statuses.methodNotSupported(t.group(), t.plural(), method);
                }
                DeleteOptions opts = DeleteOptions.read(Bodies.read(req, maxBody), q);
                DeleteOutcome out = registry.delete(t, ns, p.name(), opts.preconditions(), opts.dryRun());
                Wire.send(res, 200, out.removed() ? success(t, out.object()) : out.object(), Accepts.JSON);
            }
            default -> throw Statuses.methodNotSupported(t.group(), t.plural(), method);
        }
    }

    /** Managed fields of an Update by the request's manager: {@code fieldManager}, else from the User-Agent. */
    private Tracking updates(ServerRequest req, Query q, ResourceType t, String subresource) {
        String manager = FieldManager.managerOf(q.get("fieldManager"),
                req.headers().first(HeaderNames.USER_AGENT).orElse(""));
        return (live, next) -> fields.update(t, live, next, manager, subresource);
    }

    /** A create or update body after field validation; its warnings are already on the response. */
    private Checked checked(ServerRequest req, ServerResponse res, ResourceType t, Query q, String optionsKind) {
        FieldValidation mode = FieldValidation.parse(q.get("fieldValidation"), optionsKind);
        byte[] raw = Bodies.read(req, maxBody);
        String mediaType = Bodies.mediaType(req);
        Checked c = FieldValidator.body(t, raw, mediaType, Bodies.object(raw, mediaType, t.kind()), mode);
        warn(res, c.warnings());
        return c;
    }

    static void warn(ServerResponse res, List<String> warnings) {
        List<String> values = WarningHeaders.values(warnings);
        if (!values.isEmpty()) {
            res.header(HeaderNames.create(WarningHeaders.NAME), values.toArray(String[]::new));
        }
    }

    private void list(ServerResponse res, ResourceType t, String ns, Query q, Accepts accepts) {
        Filters f = Filters.of(t, q);
        long exact = 0;
        String rv = q.get("resourceVersion");
        String match = q.get("resourceVersionMatch");
        if (!match.isEmpty() && !match.equals("Exact") && !match.equals("NotOlderThan")) {
            throw Statuses.badRequest("resourceVersionMatch: Unsupported value: \"" + match
                    + "\": supported values: \"Exact\", \"NotOlderThan\"");
        }
        if (!match.isEmpty() && rv.isEmpty()) {
            throw Statuses.badRequest("resourceVersionMatch is forbidden unless resourceVersion is provided");
        }
        if (match.equals("Exact")) {
            exact = parseVersion(rv);
        } else if (!rv.isEmpty()) {
            parseVersion(rv);
        }
        if (!q.get("continue").isEmpty() && !rv.isEmpty() && !rv.equals("0")) {
            throw Statuses.badRequest("specifying resource version is not allowed when using continue");
        }
        ListResult r = registry.list(t, ns, f.test(), f.filtering(), q.number("limit", 0),
                q.get("continue").isEmpty() ? Optional.empty() : Optional.of(q.get("continue")), exact);
        if (accepts == Accepts.TABLE) {
            Wire.send(res, 200, tables.table(t, r.items(),
                    q.includeObject(), Long.toString(r.revision()), r.continueToken(),
                    r.remaining()), accepts);
            return;
        }
        ObjectNode list = ObjectCodec.JSON.createObjectNode();
        list.put("kind", t.listKind());
        list.put("apiVersion", t.apiVersion());
        ObjectNode meta = list.putObject("metadata");
        meta.put("resourceVersion", Long.toString(r.revision()));
        r.continueToken().ifPresent(c -> meta.put("continue", c));
        r.remaining().ifPresent(n -> meta.put("remainingItemCount", n));
        ArrayNode items = list.putArray("items");
        for (ObjectNode o : r.items()) {
            ObjectNode item = o.deepCopy();
            item.remove("kind");
            item.remove("apiVersion");
            items.add(item);
        }
        Wire.send(res, 200, list, accepts);
    }

    private void deleteCollection(ServerRequest req, ServerResponse res, ResourceType t, String ns, Query q) {
        if (t.kind().equals("Namespace")) {
            throw Statuses.methodNotSupported(t.group(), t.plural(), "DELETE");
        }
        DeleteOptions opts = DeleteOptions.read(Bodies.read(req, maxBody), q);
        Filters f = Filters.of(t, q);
        ListResult all = registry.list(t, ns, f.test(), f.filtering(), 0, Optional.empty(), 0);
        List<ObjectNode> deleted = new ArrayList<>();
        for (ObjectNode o : all.items()) {
            JsonNode m = o.path("metadata");
            try {
                deleted.add(registry.delete(t, m.path("namespace").asString(""), m.path("name").asString(""),
                        Preconditions.NONE, opts.dryRun()).object());
            } catch (StatusException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
        ObjectNode list = ObjectCodec.JSON.createObjectNode();
        list.put("kind", t.listKind());
        list.put("apiVersion", t.apiVersion());
        list.putObject("metadata").put("resourceVersion", Long.toString(all.revision()));
        ArrayNode items = list.putArray("items");
        deleted.forEach(items::add);
        Wire.send(res, 200, list, Accepts.JSON);
    }

    /** The patch of a kind's object: strategic merge patches follow the kind's declared patch strategies. */
    static UnaryOperator<ObjectNode> patcher(ResourceType t, String mediaType, byte[] raw) {
        if (!mediaType.equals("application/strategic-merge-patch+json")) {
            return patcher(mediaType, raw);
        }
        JsonNode patch = Bodies.json(raw);
        return current -> {
            try {
                return asObject(StrategicMergePatch.apply(t.apiVersion(), t.kind(), current, patch));
            } catch (PatchException e) {
                throw Statuses.patchFailed(e.httpStatus(), e.reason(), e.statusMessage());
            }
        };
    }

    /** A patch without a kind's strategies: a strategic merge patch merges like a JSON merge patch (Scale has none). */
    static UnaryOperator<ObjectNode> patcher(String mediaType, byte[] raw) {
        JsonNode patch = Bodies.json(raw);
        return switch (mediaType) {
            case "application/json-patch+json" -> current -> {
                if (!patch.isArray()) {
                    throw Statuses.badRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
                }
                if (patch.size() > JsonPatch.MAX_OPERATIONS) {
                    throw Statuses.tooLarge("The allowed maximum operations in a JSON patch is "
                            + JsonPatch.MAX_OPERATIONS + ", got " + patch.size());
                }
                try {
                    return asObject(JsonPatch.apply(current, patch));
                } catch (PatchException e) {
                    throw Statuses.patchFailed(e.httpStatus(), e.reason(), e.statusMessage());
                }
            };
            case "application/merge-patch+json", "application/strategic-merge-patch+json" -> current -> {
                if (!patch.isObject()) {
                    throw Statuses.badRequest("Invalid JSON Patch");
                }
                return asObject(MergePatch.apply(current, patch));
            };
            default -> throw Statuses.unsupportedMediaType(mediaType, List.of("application/json-patch+json",
                    "application/merge-patch+json", "application/strategic-merge-patch+json", ServerSideApply.MEDIA_TYPE));
        };
    }

    private static ObjectNode asObject(JsonNode n) {
        if (n instanceof ObjectNode o) {
            return o;
        }
        throw Statuses.badRequest("the patched object is not a JSON object");
    }

    private static long parseVersion(String rv) {
        try {
            long v = Long.parseLong(rv);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw Statuses.badRequest("Invalid value: \"" + rv + "\": resourceVersion: invalid value");
        }
    }

    static ObjectNode success(ResourceType t, ObjectNode deleted) {
        ObjectNode s = ObjectCodec.JSON.createObjectNode();
        s.put("kind", "Status");
        s.put("apiVersion", "v1");
        s.putObject("metadata");
        s.put("status", "Success");
        ObjectNode d = s.putObject("details");
        d.put("name", deleted.path("metadata").path("name").asString(""));
        if (!t.group().isEmpty()) {
            d.put("group", t.group());
        }
        d.put("kind", t.plural());
        d.put("uid", deleted.path("metadata").path("uid").asString(""));
        return s;
    }
}
