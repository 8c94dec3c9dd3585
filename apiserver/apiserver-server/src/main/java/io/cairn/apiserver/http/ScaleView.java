package io.cairn.apiserver.http;

import io.cairn.apiserver.apply.FieldManager;
import io.cairn.apiserver.registry.ObjectCodec;
import io.cairn.apiserver.registry.Registry;
import io.cairn.apiserver.registry.Tracking;
import io.cairn.apiserver.resource.ResourceType;
import io.cairn.apiserver.status.Statuses;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.cairn.apiserver.resource.CustomKind;
import io.cairn.apiserver.table.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code scale} subresource: an {@code autoscaling/v1} Scale view of a workload's {@code spec.replicas}.
 *
 * <p>Why: {@code kubectl scale} and autoscalers patch the Scale, not the workload; the write goes to the workload
 * with the same optimistic concurrency as any update.
 */
final class ScaleView {
    private ScaleView() {
    }

    static void handle(ServerRequest req, ServerResponse res, Registry registry, ResourceType t, String ns,
                       String name, Query q, long maxBody, Tracking tracking, FieldManager fields) {
        String method = req.prologue().method().text();
        switch (method) {
            case "GET" -> Wire.send(res, 200, scaleOf(t, registry.get(t, ns, name)), Accepts.JSON);
            case "PUT" -> {
                ObjectNode body = Bodies.object(Bodies.read(req, maxBody), Bodies.mediaType(req), "Scale");
                Wire.send(res, 200, scaleOf(t, registry.patch(t, ns, name, "", current ->
                        applyScale(t, current, body), q.dryRun(), tracking)), Accepts.JSON);
            }
            case "PATCH" -> {
                if (Bodies.mediaType(req).equals(ServerSideApply.MEDIA_TYPE)) {
                    apply(res, registry, t, ns, name, q, Bodies.read(req, maxBody), fields);
                    return;
                }
                UnaryOperator<ObjectNode> patcher = ResourceHandler.patcher(Bodies.mediaType(req),
                        Bodies.read(req, maxBody));
                Wire.send(res, 200, scaleOf(t, registry.patch(t, ns, name, "", current ->
                        applyScale(t, current, patcher.apply(scaleOf(t, current))), q.dryRun(), tracking)),
                        Accepts.JSON);
            }
            default -> throw Statuses.methodNotSupported(t.group(), t.plural(), method);
        }
    }

    /**
     * Server-side apply of a Scale: its {@code spec.replicas} is applied to the parent's, owned by the manager with
     * subresource {@code scale}, and conflicts with the parent's other owners of {@code spec.replicas}.
     */
    private static void apply(ServerResponse res, Registry registry, ResourceType t, String ns, String name,
                              Query q, byte[] raw, FieldManager fields) {
        String manager = ServerSideApply.requireManager(q);
        ObjectNode scale = Bodies.object(raw, "application/yaml", "Scale");
        String version = scale.path("apiVersion").asString("");
        if (!version.equals("autoscaling/v1")) {
            throw Statuses.badRequest("Incorrect version specified in apply patch. Specified patch version: "
                    + version + ", expected: autoscaling/v1");
        }
        ObjectNode named = ObjectCodec.JSON.createObjectNode();
        named.withObject("metadata").put("name", name);
        ObjectNode scaled = applyScale(t, named, scale); // checks the Scale; replicas land at the kind's own path
        ObjectNode config = ObjectCodec.JSON.createObjectNode();
        config.put("apiVersion", t.apiVersion());
        config.put("kind", t.kind());
        if (scale.path("spec").has("replicas")) {
            scaled.remove("metadata");
            config.setAll(scaled);
        }
        boolean force = q.flag("force");
        Wire.send(res, 200, scaleOf(t, registry.patch(t, ns, name, "",
                current -> fields.applyMerge(t, java.util.Optional.of(current), config, manager, "scale"),
                q.dryRun(), (live, next) -> fields.apply(t, live, next, config, manager, "scale", force))),
                Accepts.JSON);
    }

    private static ObjectNode applyScale(ResourceType t, ObjectNode current, ObjectNode scale) {
        JsonNode replicas = scale.path("spec").path("replicas");
        if (!replicas.isIntegralNumber() && !replicas.isMissingNode()) {
            throw Statuses.badRequest("Scale in version \"v1\" cannot be handled as a Scale: spec.replicas must be"
                    + " an integer");
        }
        int n = replicas.isMissingNode() ? 0 : replicas.asInt();
        if (n < 0) {
            throw Statuses.invalid("autoscaling", "Scale", current.path("metadata").path("name").asString(""),
                    java.util.List.of(new io.cairn.apiserver.status.Cause("FieldValueInvalid",
                            "Invalid value: " + n + ": must be greater than or equal to 0", "spec.replicas")));
        }
        String rv = scale.path("metadata").path("resourceVersion").asString("");
        ObjectNode next = current.deepCopy();
        Optional<CustomKind.ScalePaths> custom = t.custom().flatMap(CustomKind::scale);
        if (custom.isPresent()) {
            List<String> names = JsonPath.parse(custom.get().specReplicas()).flatMap(JsonPath::names)
                    .orElse(List.of("spec", "replicas"));
            ObjectNode at = next;
            for (String f : names.subList(0, names.size() - 1)) {
                at = at.withObject(f);
            }
            at.put(names.getLast(), n);
        } else {
            next.withObject("spec").put("replicas", n);
        }
        if (!rv.isEmpty()) {
            next.withObject("metadata").put("resourceVersion", rv);
        }
        return next;
    }

    static ObjectNode scaleOf(ResourceType t, ObjectNode o) {
        ObjectNode s = ObjectCodec.JSON.createObjectNode();
        s.put("kind", "Scale");
        s.put("apiVersion", "autoscaling/v1");
        ObjectNode m = s.putObject("metadata");
        JsonNode om = o.path("metadata");
        for (String f : new String[] {"name", "namespace", "uid", "resourceVersion", "creationTimestamp"}) {
            if (om.has(f)) {
                m.set(f, om.get(f).deepCopy());
            }
        }
        Optional<CustomKind.ScalePaths> custom = t.custom().flatMap(CustomKind::scale);
        if (custom.isPresent()) {
            CustomKind.ScalePaths p = custom.get();
            s.putObject("spec").put("replicas", at(o, p.specReplicas()).asInt(0));
            ObjectNode st = s.putObject("status");
            st.put("replicas", at(o, p.statusReplicas()).asInt(0));
            p.labelSelector().map(path -> at(o, path)).filter(JsonNode::isString)
                    .ifPresent(sel -> st.put("selector", sel.asString()));
            return s;
        }
        s.putObject("spec").put("replicas", o.path("spec").path("replicas").asInt(0));
        ObjectNode st = s.putObject("status");
        st.put("replicas", o.path("status").path("replicas").asInt(0));
        String selector = selector(o.path("spec").path("selector"));
        if (!selector.isEmpty()) {
            st.put("selector", selector);
        }
        return s;
    }

    private static JsonNode at(ObjectNode o, String path) {
        return JsonPath.parse(path).flatMap(p -> p.first(o)).orElse(MissingNode.getInstance());
    }

    private static String selector(JsonNode sel) {
        Map<String, String> labels = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : sel.path("matchLabels").properties()) {
            labels.put(e.getKey(), e.getValue().asString(""));
        }
        StringBuilder b = new StringBuilder();
        labels.forEach((k, v) -> b.append(b.isEmpty() ? "" : ",").append(k).append('=').append(v));
        return b.toString();
    }
}
