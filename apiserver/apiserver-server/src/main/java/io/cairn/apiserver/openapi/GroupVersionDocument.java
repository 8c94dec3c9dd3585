package io.cairn.apiserver.openapi;

import io.cairn.apiserver.resource.ResourceType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the OpenAPI 3.0 document of one group-version: the paths of its served resources and every component
 * schema they refer to.
 *
 * <p>Why per group-version: kube-apiserver splits its OpenAPI v3 by group-version so that a client downloads only
 * what it needs (kubectl apply of a ConfigMap fetches {@code api/v1} alone), and caches each by its hash.
 */
final class GroupVersionDocument {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private GroupVersionDocument() {
    }

    /**
     * The document of the given served kinds, all of one group-version. Kinds that no source describes are left out.
     * {@code common} are the schemas every group-version's operations refer to (DeleteOptions, Status, Patch and what
     * they reach); {@code scale} the autoscaling/v1 Scale and what it reaches, added where a kind serves
     * {@code scale}.
     */
    static ObjectNode build(List<ResourceType> types, List<KindSchemaSource> sources, Map<String, ObjectNode> common,
                            Map<String, ObjectNode> scale) {
        Map<String, ObjectNode> components = new TreeMap<>();
        Map<String, ObjectNode> paths = new TreeMap<>();
        for (ResourceType t : types) {
            Optional<KindSchema> schema = sources.stream().map(s -> s.describe(t)).flatMap(Optional::stream)
                    .findFirst();
            if (schema.isEmpty()) {
                continue;
            }
            schema.get().components().forEach((k, v) -> components.putIfAbsent(k, v.deepCopy()));
            ObjectNode own = F.objectNode();
            new ResourcePaths(t, schema.get()).addTo(own);
            own.properties().forEach(e -> paths.put(e.getKey(), (ObjectNode) e.getValue()));
            if (t.has("scale")) {
                scale.forEach((k, v) -> components.putIfAbsent(k, v.deepCopy()));
            }
        }
        common.forEach((k, v) -> components.putIfAbsent(k, v.deepCopy()));
        ObjectNode doc = F.objectNode();
        ObjectNode schemas = doc.putObject("components").putObject("schemas");
        components.forEach(schemas::set);
        doc.putObject("info").put("title", "Kubernetes").put("version", "unversioned");
        doc.put("openapi", "3.0.0");
        ObjectNode p = doc.putObject("paths");
        paths.forEach(p::set);
        return doc;
    }
}
