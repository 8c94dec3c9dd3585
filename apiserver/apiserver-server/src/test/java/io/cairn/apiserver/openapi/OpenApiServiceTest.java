package io.cairn.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.apiserver.resource.ResourceCatalog;
import io.cairn.apiserver.resource.ResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class OpenApiServiceTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ResourceCatalog CATALOG = ResourceCatalog.builtIn();
    private static final OpenApiService SERVICE = OpenApiService.create(CATALOG::all, List.of());

    private static JsonNode doc(String path) {
        return JSON.readTree(SERVICE.groupVersion(path).orElseThrow().json());
    }

    private static JsonNode schema(JsonNode doc, String name) {
        JsonNode s = doc.path("components").path("schemas").path(name);
        assertThat(s.isObject()).as("schema %s", name).isTrue();
        return s;
    }

    @Test
    void theIndexListsEveryServedGroupVersionWithTheHashOfItsDocument() {
        JsonNode index = JSON.readTree(SERVICE.index().json());
        assertThat(index.path("paths").propertyNames()).containsExactly("api/v1", "apis/apiextensions.k8s.io/v1",
                "apis/apps/v1", "apis/coordination.k8s.io/v1");
        String hash = SERVICE.groupVersion("apis/apps/v1").orElseThrow().hash();
        assertThat(hash).matches("[0-9A-F]{128}");
        assertThat(index.path("paths").path("apis/apps/v1").path("serverRelativeURL").asString())
                .isEqualTo("/openapi/v3/apis/apps/v1?hash=" + hash);
        assertThat(SERVICE.groupVersion("apis/batch/v1")).isEmpty();
    }

    @Test
    void theConfigMapSchemaHasItsFieldsTypesDescriptionsAndGroupVersionKind() {
        JsonNode cm = schema(doc("api/v1"), "io.k8s.api.core.v1.ConfigMap");
        assertThat(cm.path("type").asString()).isEqualTo("object");
        assertThat(cm.path("description").asString()).contains("configuration data");
        JsonNode data = cm.path("properties").path("data");
        assertThat(data.path("type").asString()).isEqualTo("object");
        assertThat(data.path("additionalProperties").path("type").asString()).isEqualTo("string");
        assertThat(data.path("description").asString()).startsWith("Data contains the configuration data.");
        assertThat(cm.path("properties").path("binaryData").path("additionalProperties").path("format").asString())
                .isEqualTo("byte");
        assertThat(cm.path("properties").path("immutable").path("type").asString()).isEqualTo("boolean");
        assertThat(cm.path("properties").path("metadata").path("$ref").asString())
                .isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
        assertThat(cm.path("x-kubernetes-group-version-kind").toString())
                .isEqualTo("[{\"group\":\"\",\"kind\":\"ConfigMap\",\"version\":\"v1\"}]");
    }

    @Test
    void describedReferencesAreWrappedInAllOfAndScalarsCarryKubesFormats() {
        JsonNode apps = doc("apis/apps/v1");
        JsonNode spec = schema(apps, "io.k8s.api.apps.v1.DeploymentSpec");
        assertThat(spec.path("properties").path("template").path("$ref").asString())
                .isEqualTo("#/components/schemas/io.k8s.api.core.v1.PodTemplateSpec");
        JsonNode updated = schema(apps, "io.k8s.api.apps.v1.DeploymentCondition").path("properties")
                .path("lastUpdateTime");
        assertThat(updated.path("allOf").get(0).path("$ref").asString())
                .isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Time");
        assertThat(updated.path("description").asString()).isNotEmpty();
        assertThat(spec.path("properties").path("replicas").path("format").asString()).isEqualTo("int32");
        assertThat(spec.path("required").toString()).isEqualTo("[\"selector\",\"template\"]");
        JsonNode meta = schema(apps, "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
        assertThat(meta.path("properties").path("generation").path("format").asString()).isEqualTo("int64");
        assertThat(meta.path("properties").path("creationTimestamp").toString())
                .contains("\"#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Time\"");
        assertThat(schema(apps, "io.k8s.apimachinery.pkg.apis.meta.v1.Time").path("format").asString())
                .isEqualTo("date-time");
        assertThat(schema(apps, ModelSchemas.INT_OR_STRING).path("format").asString()).isEqualTo("int-or-string");
        assertThat(schema(apps, ModelSchemas.QUANTITY).path("oneOf").size()).isEqualTo(2);
    }

    @Test
    void leaseTimesAreMicroTimesAsInKube() {
        JsonNode lease = schema(doc("apis/coordination.k8s.io/v1"), "io.k8s.api.coordination.v1.LeaseSpec");
        assertThat(lease.path("properties").path("renewTime").toString())
                .contains("io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime");
    }

    @Test
    void patchStrategiesAndMergeKeysComeFromTheStrategyData() {
        JsonNode apps = doc("apis/apps/v1");
        JsonNode containers = schema(apps, "io.k8s.api.core.v1.PodSpec").path("properties").path("containers");
        assertThat(containers.path("x-kubernetes-patch-merge-key").asString()).isEqualTo("name");
        assertThat(containers.path("x-kubernetes-patch-strategy").asString()).isEqualTo("merge");
        assertThat(containers.path("type").asString()).isEqualTo("array");
        assertThat(containers.path("items").path("$ref").asString())
                .isEqualTo("#/components/schemas/io.k8s.api.core.v1.Container");
        JsonNode volumes = schema(apps, "io.k8s.api.core.v1.PodSpec").path("properties").path("volumes");
        assertThat(volumes.path("x-kubernetes-patch-strategy").asString()).isEqualTo("merge,retainKeys");
        JsonNode strategy = schema(apps, "io.k8s.api.apps.v1.DeploymentSpec").path("properties").path("strategy");
        assertThat(strategy.path("x-kubernetes-patch-strategy").asString()).isEqualTo("retainKeys");
        assertThat(strategy.has("x-kubernetes-patch-merge-key")).isFalse();
        JsonNode owners = schema(apps, "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta").path("properties")
                .path("ownerReferences");
        assertThat(owners.path("x-kubernetes-patch-merge-key").asString()).isEqualTo("uid");
        assertThat(schema(apps, "io.k8s.api.core.v1.Container").path("required").toString())
                .isEqualTo("[\"name\"]");
    }

    @Test
    void listTypesAndMapKeysComeFromTheListTypeData() {
        JsonNode apps = doc("apis/apps/v1");
        JsonNode containers = schema(apps, "io.k8s.api.core.v1.PodSpec").path("properties").path("containers");
        assertThat(containers.path("x-kubernetes-list-type").asString()).isEqualTo("map");
        assertThat(containers.path("x-kubernetes-list-map-keys").toString()).isEqualTo("[\"name\"]");
        JsonNode ports = schema(apps, "io.k8s.api.core.v1.Container").path("properties").path("ports");
        assertThat(ports.path("x-kubernetes-list-map-keys").toString()).isEqualTo("[\"containerPort\",\"protocol\"]");
        JsonNode args = schema(apps, "io.k8s.api.core.v1.Container").path("properties").path("args");
        assertThat(args.path("x-kubernetes-list-type").asString()).isEqualTo("atomic");
        assertThat(args.has("x-kubernetes-list-map-keys")).isFalse();
        JsonNode finalizers = schema(apps, "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta").path("properties")
                .path("finalizers");
        assertThat(finalizers.path("x-kubernetes-list-type").asString()).isEqualTo("set");
    }

    @Test
    void everyListTypeRowOfAPublishedDefinitionNamesOneOfItsFields() throws Exception {
        List<String> rows;
        try (var in = ListTypes.class.getResourceAsStream("list-types.txt")) {
            rows = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
        Map<String, JsonNode> schemas = new TreeMap<>();
        for (String gv : List.of("api/v1", "apis/apiextensions.k8s.io/v1", "apis/apps/v1",
                "apis/coordination.k8s.io/v1")) {
            doc(gv).path("components").path("schemas").properties().forEach(e -> schemas.put(e.getKey(), e.getValue()));
        }
        int checked = 0;
        for (String row : rows) {
            String[] w = row.strip().split("\\s+");
            String definition = PatchExtensions.definitionPackage(w[0]) + "." + w[1];
            if (schemas.containsKey(definition)) {
                JsonNode field = schemas.get(definition).path("properties").path(w[2]);
                assertThat(field.isObject()).as(row).isTrue();
                assertThat(field.path("type").asString().equals("array") || field.has("allOf")).as(row).isTrue();
                assertThat(field.path("x-kubernetes-list-type").asString()).as(row).isEqualTo(w[3]);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(100);
    }

    @Test
    void everyServedKindHasASchemaAndItsOperationsWithGroupVersionKindAndFieldValidation() {
        for (ResourceType t : CATALOG.all()) {
            String gv = t.group().isEmpty() ? "api/" + t.version() : "apis/" + t.group() + "/" + t.version();
            JsonNode doc = doc(gv);
            String gvk = "{\"group\":\"" + t.group() + "\",\"kind\":\"" + t.kind() + "\",\"version\":\""
                    + t.version() + "\"}";
            List<String> kindSchemas = new ArrayList<>();
            doc.path("components").path("schemas").properties().forEach(e -> {
                if (e.getValue().path("x-kubernetes-group-version-kind").toString().equals("[" + gvk + "]")) {
                    kindSchemas.add(e.getKey());
                }
            });
            assertThat(kindSchemas).as(t.kind()).hasSize(1);
            Map<String, Integer> actions = new TreeMap<>();
            doc.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
                if (op.getValue().path("x-kubernetes-group-version-kind").toString().equals(gvk)) {
                    actions.merge(op.getValue().path("x-kubernetes-action").asString(), 1, Integer::sum);
                    if (op.getKey().equals("patch")) {
                        assertThat(op.getValue().path("parameters").toString()).contains("\"fieldValidation\"");
                        assertThat(op.getValue().path("requestBody").path("content").has(
                                "application/strategic-merge-patch+json")).isTrue();
                    }
                }
            }));
            assertThat(actions.keySet()).as(t.kind()).contains("get", "list", "post", "put", "patch", "delete");
            assertThat(actions.containsKey("deletecollection")).as(t.kind()).isEqualTo(!t.kind().equals("Namespace"));
            assertThat(actions.get("patch")).as(t.kind()).isEqualTo(t.has("status") ? 2 : 1);
        }
    }

    @Test
    void theScaleSubresourceIsAnAutoscalingScaleAndItsSchemaIsInTheDocument() {
        JsonNode apps = doc("apis/apps/v1");
        JsonNode scale = apps.path("paths").path("/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale");
        assertThat(scale.path("patch").path("x-kubernetes-group-version-kind").toString())
                .isEqualTo("{\"group\":\"autoscaling\",\"kind\":\"Scale\",\"version\":\"v1\"}");
        assertThat(schema(apps, "io.k8s.api.autoscaling.v1.Scale").path("x-kubernetes-group-version-kind").isArray())
                .isTrue();
        assertThat(doc("api/v1").path("components").path("schemas").has("io.k8s.api.autoscaling.v1.Scale")).isFalse();
    }

    @Test
    void everyReferenceResolvesWithinItsDocument() {
        for (String gv : List.of("api/v1", "apis/apiextensions.k8s.io/v1", "apis/apps/v1",
                "apis/coordination.k8s.io/v1")) {
            JsonNode doc = doc(gv);
            List<String> refs = new ArrayList<>();
            collectRefs(doc, refs);
            assertThat(refs).isNotEmpty();
            for (String ref : refs) {
                assertThat(ref).startsWith("#/components/schemas/");
                assertThat(doc.path("components").path("schemas").has(ref.substring("#/components/schemas/".length())))
                        .as("%s in %s", ref, gv).isTrue();
            }
        }
    }

    @Test
    void customResourceDefinitionsAreDescribedUnderTheirOwnGoModule() {
        JsonNode crd = schema(doc("apis/apiextensions.k8s.io/v1"),
                "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition");
        assertThat(crd.path("x-kubernetes-group-version-kind").get(0).path("kind").asString())
                .isEqualTo("CustomResourceDefinition");
        JsonNode spec = crd.path("properties").path("spec");
        assertThat(spec.has("allOf") ? spec.path("allOf").get(0).path("$ref").asString()
                : spec.path("$ref").asString()).isEqualTo(
                "#/components/schemas/io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1"
                        + ".CustomResourceDefinitionSpec");
        JsonNode props = schema(doc("apis/apiextensions.k8s.io/v1"),
                "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps");
        assertThat(props.path("properties").has("x-kubernetes-preserve-unknown-fields")).isTrue();
    }

    @Test
    void invalidatingRebuildsFromTheSourcesAsTheyAreThen() {
        ResourceType widget = new ResourceType("example.com", "v1", "Widget", "widgets", "widget", true, List.of(),
                List.of(), "example.com/widgets", Set.of(), false);
        List<ResourceType> served = new ArrayList<>(CATALOG.all());
        List<String> descriptions = new ArrayList<>(List.of("first"));
        KindSchemaSource widgets = t -> {
            if (!t.kind().equals("Widget")) {
                return Optional.empty();
            }
            ObjectNode w = JsonNodeFactory.instance.objectNode().put("description", descriptions.getLast())
                    .put("type", "object");
            w.putArray("x-kubernetes-group-version-kind").add(JsonNodeFactory.instance.objectNode()
                    .put("group", "example.com").put("kind", "Widget").put("version", "v1"));
            ObjectNode list = JsonNodeFactory.instance.objectNode().put("type", "object");
            return Optional.of(new KindSchema("com.example.v1.Widget", "com.example.v1.WidgetList",
                    Map.of("com.example.v1.Widget", w, "com.example.v1.WidgetList", list), false));
        };
        OpenApiService service = OpenApiService.create(() -> List.copyOf(served), List.of(widgets));
        assertThat(service.groupVersion("apis/example.com/v1")).isEmpty();
        served.add(widget);
        service.invalidate();
        JsonNode doc = JSON.readTree(service.groupVersion("apis/example.com/v1").orElseThrow().json());
        assertThat(doc.path("components").path("schemas").path("com.example.v1.Widget").path("description")
                .asString()).isEqualTo("first");
        JsonNode patch = doc.path("paths").path("/apis/example.com/v1/namespaces/{namespace}/widgets/{name}")
                .path("patch");
        assertThat(patch.path("requestBody").path("content").propertyNames()).containsExactly(
                "application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json");
        assertThat(doc.path("components").path("schemas").has(ResourcePaths.DELETE_OPTIONS)).isTrue();
        String before = service.index().hash();
        descriptions.add("second");
        assertThat(service.index().hash()).as("cached until invalidated").isEqualTo(before);
        service.invalidate();
        assertThat(service.index().hash()).isNotEqualTo(before);
        assertThat(JSON.readTree(service.groupVersion("apis/example.com/v1").orElseThrow().json()).path("components")
                .path("schemas").path("com.example.v1.Widget").path("description").asString()).isEqualTo("second");
        assertThat(JSON.readTree(service.index().json()).path("paths").has("apis/example.com/v1")).isTrue();
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("$ref") && e.getValue().isString()) {
                    refs.add(e.getValue().asString());
                } else {
                    collectRefs(e.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectRefs(n, refs));
        }
    }
}
