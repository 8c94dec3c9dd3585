package io.cairn.apiserver.openapi;

import io.cairn.apiserver.resource.ResourceType;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The schemas of the built-in kinds, generated from client-java's model classes.
 *
 * <p>Why: each built-in kind has a model class named after its version and kind ({@code V1ConfigMap},
 * {@code V1Deployment}; {@code CoreV1Event} where two groups share the kind's name) and a list class beside it.
 * Only groups kube itself defines are looked up here (the core group, groups without a dot, and {@code *.k8s.io}),
 * so a custom resource whose kind happens to share a built-in's name is never described by the built-in's model.
 */
final class ModelKindSchemas implements KindSchemaSource {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final ModelSchemas schemas;

    ModelKindSchemas(ModelSchemas schemas) {
        this.schemas = schemas;
    }

    @Override
    public Optional<KindSchema> describe(ResourceType type) {
        if (!builtInGroup(type.group())) {
            return Optional.empty();
        }
        Optional<Class<?>> kind = modelClass(type.group(), type.version(), type.kind());
        Optional<Class<?>> list = modelClass(type.group(), type.version(), type.listKind());
        if (kind.isEmpty() || list.isEmpty()) {
            return Optional.empty();
        }
        Map<String, ObjectNode> components = new TreeMap<>();
        String definition = schemas.addTo(kind.get(), components);
        String listDefinition = schemas.addTo(list.get(), components);
        if (!definition.startsWith(goPackage(type.group(), type.version()) + ".")) {
            return Optional.empty();
        }
        components.get(definition).set("x-kubernetes-group-version-kind",
                F.arrayNode().add(gvk(type.group(), type.version(), type.kind())));
        components.get(listDefinition).set("x-kubernetes-group-version-kind",
                F.arrayNode().add(gvk(type.group(), type.version(), type.listKind())));
        return Optional.of(new KindSchema(definition, listDefinition, components, true));
    }

    /** The model class of a kind: {@code V1<Kind>}, else {@code <Group>V1<Kind>}. */
    static Optional<Class<?>> modelClass(String group, String version, String kind) {
        String v = Character.toUpperCase(version.charAt(0)) + version.substring(1);
        return ModelSchemas.model(v + kind).or(() -> ModelSchemas.model(groupPrefix(group) + v + kind));
    }

    static ObjectNode gvk(String group, String version, String kind) {
        ObjectNode o = F.objectNode();
        o.put("group", group);
        o.put("kind", kind);
        o.put("version", version);
        return o;
    }

    private static boolean builtInGroup(String group) {
        return group.isEmpty() || !group.contains(".") || group.endsWith(".k8s.io");
    }

    /** {@code ""} → {@code Core}, {@code coordination.k8s.io} → {@code Coordination}. */
    private static String groupPrefix(String group) {
        String first = group.isEmpty() ? "core" : group.split("\\.")[0];
        return Character.toUpperCase(first.charAt(0)) + first.substring(1);
    }

    /** The Go package prefix of a group-version's definitions: {@code io.k8s.api.coordination.v1}. */
    private static String goPackage(String group, String version) {
        if (group.equals("apiextensions.k8s.io")) {
            return "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions." + version;
        }
        String first = group.isEmpty() ? "core" : group.split("\\.")[0];
        return "io.k8s.api." + first.toLowerCase(Locale.ROOT) + "." + version;
    }
}
