package io.cairn.apiserver.openapi;

import io.cairn.apiserver.resource.CustomKind;
import io.cairn.apiserver.resource.ResourceType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The schemas of custom kinds, built from the structural schema of their CustomResourceDefinition version.
 *
 * <p>Why: {@code kubectl explain <custom kind>}, kubectl's choice of {@code fieldValidation=Strict} and of merge
 * patch for client-side apply all read a custom kind's group-version document, as they do for built-in kinds. The
 * kind's schema is the definition's {@code openAPIV3Schema} with the fields every object has put in as kube-apiserver
 * puts them: {@code apiVersion} and {@code kind} (their descriptions taken from a built-in model, so they read as on
 * any other kind) and {@code metadata} as a reference to ObjectMeta. The list schema is kube's usual one. Definition
 * names follow kube's rule for custom kinds: the group's labels reversed, then version and kind
 * ({@code stable.example.com}, {@code v1}, {@code CronTab} → {@code com.example.stable.v1.CronTab}).
 */
final class CustomKindSchemas implements KindSchemaSource {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final ModelSchemas models;

    CustomKindSchemas(ModelSchemas models) {
        this.models = models;
    }

    @Override
    public Optional<KindSchema> describe(ResourceType type) {
        Optional<JsonNode> schema = type.custom().flatMap(CustomKind::schema);
        if (schema.isEmpty() || !schema.get().isObject()) {
            return Optional.empty();
        }
        Map<String, ObjectNode> components = new TreeMap<>();
        String objectMeta = models.addTo(ModelSchemas.model("V1ObjectMeta").orElseThrow(), components);
        String listMeta = models.addTo(ModelSchemas.model("V1ListMeta").orElseThrow(), components);
        Map<String, ObjectNode> scratch = new TreeMap<>();
        ObjectNode sample = scratch.get(models.addTo(ModelSchemas.model("V1ConfigMap").orElseThrow(), scratch));
        JsonNode apiVersion = sample.path("properties").path("apiVersion");
        JsonNode kind = sample.path("properties").path("kind");

        String prefix = definitionPrefix(type.group(), type.version());
        String definition = prefix + type.kind();
        String listDefinition = prefix + type.listKind();

        ObjectNode object = ((ObjectNode) schema.get()).deepCopy();
        object.put("type", "object");
        ObjectNode properties = object.has("properties") && object.get("properties").isObject()
                ? (ObjectNode) object.get("properties") : object.putObject("properties");
        properties.set("apiVersion", apiVersion.deepCopy());
        properties.set("kind", kind.deepCopy());
        properties.set("metadata", refWithDescription(objectMeta, "Standard object's metadata."));
        object.set("x-kubernetes-group-version-kind",
                F.arrayNode().add(ModelKindSchemas.gvk(type.group(), type.version(), type.kind())));
        components.put(definition, sorted(object));

        ObjectNode list = F.objectNode();
        list.put("description", type.listKind() + " is a list of " + type.kind());
        ObjectNode listProperties = list.putObject("properties");
        listProperties.set("apiVersion", apiVersion.deepCopy());
        ObjectNode items = listProperties.putObject("items");
        items.put("description", "List of " + type.plural() + ". More info: "
                + "https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md");
        items.put("type", "array");
        items.set("items", ModelSchemas.ref(definition));
        listProperties.set("kind", kind.deepCopy());
        listProperties.set("metadata", refWithDescription(listMeta, "Standard list metadata."));
        list.set("required", F.arrayNode().add("items"));
        list.put("type", "object");
        list.set("x-kubernetes-group-version-kind",
                F.arrayNode().add(ModelKindSchemas.gvk(type.group(), type.version(), type.listKind())));
        components.put(listDefinition, list);
        return Optional.of(new KindSchema(definition, listDefinition, components, false));
    }

    /** {@code stable.example.com}, {@code v1} → {@code com.example.stable.v1.}. */
    static String definitionPrefix(String group, String version) {
        List<String> labels = new ArrayList<>(List.of(group.split("\\.")));
        Collections.reverse(labels);
        return String.join(".", labels) + "." + version + ".";
    }

    private static ObjectNode refWithDescription(String definition, String description) {
        ObjectNode o = F.objectNode();
        o.set("allOf", F.arrayNode().add(ModelSchemas.ref(definition)));
        o.put("description", description);
        return o;
    }

    /** The object with its properties in name order, as kube publishes them. */
    private static ObjectNode sorted(ObjectNode object) {
        ObjectNode properties = (ObjectNode) object.get("properties");
        Map<String, JsonNode> byName = new TreeMap<>();
        properties.properties().forEach(e -> byName.put(e.getKey(), e.getValue()));
        properties.removeAll();
        byName.forEach(properties::set);
        return object;
    }
}
