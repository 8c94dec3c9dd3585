package io.cairn.apiserver.openapi;

import io.cairn.apiserver.resource.ResourceType;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The paths and operations of one served resource: list, create and deletecollection on the collection; read,
 * replace, patch and delete on an object; the list across namespaces; and the {@code status}, {@code scale} and
 * {@code finalize} subresources it serves. Each operation carries {@code x-kubernetes-action} and
 * {@code x-kubernetes-group-version-kind}, as kube-apiserver's do.
 *
 * <p>Why: kubectl reads the PATCH operation of a kind to learn which patch types and query parameters the server
 * takes (strategic merge patch for client-side apply, {@code fieldValidation} for server-side validation); every
 * PATCH of the kind (the object's and its status's) must say the same, since kubectl stops at the first it finds.
 */
final class ResourcePaths {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    static final String DELETE_OPTIONS = "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions";
    static final String STATUS = "io.k8s.apimachinery.pkg.apis.meta.v1.Status";
    static final String PATCH = "io.k8s.apimachinery.pkg.apis.meta.v1.Patch";
    static final String SCALE = "io.k8s.api.autoscaling.v1.Scale";
    private static final List<String> RESPONSE_TYPES = List.of("application/json", "application/yaml");

    private final ResourceType type;
    private final KindSchema schema;
    private final String tag;
    private final String operationGroup;

    ResourcePaths(ResourceType type, KindSchema schema) {
        this.type = type;
        this.schema = schema;
        String g = type.group().isEmpty() ? "core" : type.group().replaceFirst("\\.k8s\\.io$", "");
        StringBuilder camel = new StringBuilder();
        for (String part : g.split("\\.")) {
            camel.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        this.operationGroup = camel.toString() + Character.toUpperCase(type.version().charAt(0)) + type.version().substring(1);
        String lower = Character.toLowerCase(camel.charAt(0)) + camel.substring(1);
        this.tag = lower + "_" + type.version();
    }

    /** Adds this resource's paths to the document's {@code paths} object. */
    void addTo(ObjectNode paths) {
        String root = type.group().isEmpty() ? "/api/" + type.version()
                : "/apis/" + type.group() + "/" + type.version();
        String scope = type.namespaced() ? "Namespaced" : "";
        String collection = root + (type.namespaced() ? "/namespaces/{namespace}/" : "/") + type.plural();
        String object = collection + "/{name}";
        String kind = type.kind();
        ObjectNode gvk = ModelKindSchemas.gvk(type.group(), type.version(), kind);

        ObjectNode c = pathItem(false);
        c.set("get", operation("list", "list" + operationGroup + scope + kind, "Lists or watches the " + kind
                + " objects.", QueryParameters.LIST, null, responses(schema.listDefinition(), false, false), gvk));
        c.set("post", operation("post", "create" + operationGroup + scope + kind, "Creates a " + kind + ".",
                QueryParameters.WRITE, body("*/*", schema.definition()),
                responses(schema.definition(), true, true), gvk));
        if (!kind.equals("Namespace")) {
            c.set("delete", operation("deletecollection", "delete" + operationGroup + "Collection" + scope + kind,
                    "Deletes a collection of " + kind + " objects.", QueryParameters.DELETE_COLLECTION,
                    body("*/*", DELETE_OPTIONS), responses(STATUS, false, false), gvk));
        }
        paths.set(collection, c);

        ObjectNode o = pathItem(true);
        objectOperations(o, scope + kind, kind, schema.definition(), gvk);
        o.set("delete", operation("delete", "delete" + operationGroup + scope + kind, "Deletes a " + kind + ".",
                QueryParameters.DELETE, body("*/*", DELETE_OPTIONS), responses(STATUS, false, true), gvk));
        paths.set(object, o);

        if (type.namespaced()) {
            ObjectNode all = F.objectNode();
            all.set("get", operation("list", "list" + operationGroup + kind + "ForAllNamespaces", "Lists or watches"
                    + " the " + kind + " objects of every namespace.", QueryParameters.LIST, null,
                    responses(schema.listDefinition(), false, false), gvk));
            all.set("parameters", F.arrayNode().add(QueryParameters.query("pretty")));
            paths.set(root + "/" + type.plural(), all);
        }
        for (String sub : type.subresources().stream().sorted().toList()) {
            ObjectNode s = pathItem(true);
            switch (sub) {
                case "status" -> objectOperations(s, scope + kind + "Status", kind + " status", schema.definition(),
                        gvk);
                case "scale" -> objectOperations(s, scope + kind + "Scale", kind + " scale", SCALE,
                        ModelKindSchemas.gvk("autoscaling", "v1", "Scale"));
                case "finalize" -> s.set("put", operation("put", "replace" + operationGroup + scope + kind
                        + "Finalize", "Replaces the finalizers of a " + kind + ".", QueryParameters.WRITE,
                        body("*/*", schema.definition()), responses(schema.definition(), true, false), gvk));
                default -> {
                    continue;
                }
            }
            paths.set(object + "/" + sub, s);
        }
    }

    private void objectOperations(ObjectNode item, String name, String what, String definition, ObjectNode gvk) {
        item.set("get", operation("get", "read" + operationGroup + name, "Reads the " + what + ".", List.of(), null,
                responses(definition, false, false), gvk));
        item.set("put", operation("put", "replace" + operationGroup + name, "Replaces the " + what + ".",
                QueryParameters.WRITE, body("*/*", definition), responses(definition, true, false), gvk));
        ObjectNode patchBody = F.objectNode();
        ObjectNode content = patchBody.putObject("content");
        for (String mediaType : patchTypes()) {
            content.putObject(mediaType).set("schema", ModelSchemas.ref(PATCH));
        }
        patchBody.put("required", true);
        item.set("patch", operation("patch", "patch" + operationGroup + name, "Partially updates the " + what + ".",
                QueryParameters.PATCH, patchBody, responses(definition, true, false), gvk));
    }

    private List<String> patchTypes() {
        return schema.strategicMerge()
                ? List.of("application/apply-patch+yaml", "application/json-patch+json",
                        "application/merge-patch+json", "application/strategic-merge-patch+json")
                : List.of("application/apply-patch+yaml", "application/json-patch+json",
                        "application/merge-patch+json");
    }

    private ObjectNode pathItem(boolean named) {
        ObjectNode item = F.objectNode();
        ArrayNode params = item.putArray("parameters");
        if (named) {
            params.add(QueryParameters.path("name", "The name of the " + type.kind() + "."));
        }
        if (type.namespaced()) {
            params.add(QueryParameters.path("namespace", "The namespace of the objects."));
        }
        params.add(QueryParameters.query("pretty"));
        return item;
    }

    private ObjectNode operation(String action, String operationId, String description, List<String> query,
                                 ObjectNode requestBody, ObjectNode responses, ObjectNode gvk) {
        ObjectNode op = F.objectNode();
        op.put("description", description);
        op.put("operationId", operationId);
        if (!query.isEmpty()) {
            op.set("parameters", QueryParameters.of(query));
        }
        if (requestBody != null) {
            op.set("requestBody", requestBody);
        }
        op.set("responses", responses);
        op.putArray("tags").add(tag);
        op.put("x-kubernetes-action", action);
        op.set("x-kubernetes-group-version-kind", gvk.deepCopy());
        return op;
    }

    private static ObjectNode body(String mediaType, String definition) {
        ObjectNode b = F.objectNode();
        b.putObject("content").putObject(mediaType).set("schema", ModelSchemas.ref(definition));
        b.put("required", true);
        return b;
    }

    private static ObjectNode responses(String definition, boolean created, boolean accepted) {
        ObjectNode r = F.objectNode();
        r.set("200", response("OK", definition));
        if (created) {
            r.set("201", response("Created", definition));
        }
        if (accepted) {
            r.set("202", response("Accepted", definition));
        }
        r.putObject("401").put("description", "Unauthorized");
        return r;
    }

    private static ObjectNode response(String description, String definition) {
        ObjectNode r = F.objectNode();
        ObjectNode content = r.putObject("content");
        for (String t : RESPONSE_TYPES) {
            content.putObject(t).set("schema", ModelSchemas.ref(definition));
        }
        r.put("description", description);
        return r;
    }}
