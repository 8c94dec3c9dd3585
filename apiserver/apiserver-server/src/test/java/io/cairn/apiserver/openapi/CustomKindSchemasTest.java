package io.cairn.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.apiserver.resource.CustomKind;
import io.cairn.apiserver.resource.ResourceCatalog;
import io.cairn.apiserver.resource.ResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Custom kinds in the OpenAPI v3 documents, from their definition's structural schema. */
class CustomKindSchemasTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNode SCHEMA = JSON.readTree("""
            {"type": "object", "description": "A cron tab.",
             "properties": {
               "spec": {"type": "object", "description": "What to run.", "required": ["cronSpec"],
                 "properties": {"cronSpec": {"type": "string", "pattern": "^(\\\\d+|\\\\*)(/\\\\d+)?(\\\\s+(\\\\d+|\\\\*)(/\\\\d+)?){4}$"},
                                "replicas": {"type": "integer", "minimum": 1, "maximum": 10}}},
               "status": {"type": "object", "x-kubernetes-preserve-unknown-fields": true}}}""");
    private static final ResourceType CRON_TABS = new ResourceType("stable.example.com", "v1", "CronTab",
            "crontabs", "crontab", true, List.of("ct"), List.of("all"), "stable.example.com/crontabs",
            Set.of("status"), true, Optional.of(new CustomKind("v1", List.of(), Optional.empty(), Optional.of(SCHEMA))));

    private static JsonNode document(OpenApiService service) {
        return JSON.readTree(service.groupVersion("apis/stable.example.com/v1").orElseThrow().json());
    }

    @Test
    void theKindIsItsSchemaWithTheFieldsEveryObjectHas() {
        List<ResourceType> served = new ArrayList<>(ResourceCatalog.builtIn().all());
        served.add(CRON_TABS);
        JsonNode doc = document(OpenApiService.create(() -> served, List.of()));

        JsonNode kind = doc.path("components").path("schemas").path("com.example.stable.v1.CronTab");
        assertThat(kind.path("description").asString()).isEqualTo("A cron tab.");
        assertThat(kind.path("properties").propertyNames())
                .containsExactly("apiVersion", "kind", "metadata", "spec", "status");
        assertThat(kind.path("properties").path("apiVersion").path("description").asString())
                .as("described as on built-in kinds").contains("APIVersion");
        assertThat(kind.path("properties").path("metadata").path("allOf").get(0).path("$ref").asString())
                .isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
        assertThat(kind.path("properties").path("spec").path("properties").path("replicas").path("maximum").asInt())
                .isEqualTo(10);
        assertThat(kind.path("x-kubernetes-group-version-kind").get(0).path("kind").asString()).isEqualTo("CronTab");
        assertThat(SCHEMA.path("properties").has("metadata")).as("the definition's schema is not changed").isFalse();

        JsonNode list = doc.path("components").path("schemas").path("com.example.stable.v1.CronTabList");
        assertThat(list.path("properties").path("items").path("items").path("$ref").asString())
                .isEqualTo("#/components/schemas/com.example.stable.v1.CronTab");
        assertThat(doc.path("components").path("schemas").has("io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta"))
                .isTrue();
    }

    @Test
    void customKindsTakeNoStrategicMergePatchButDoTakeFieldValidation() {
        List<ResourceType> served = new ArrayList<>(ResourceCatalog.builtIn().all());
        served.add(CRON_TABS);
        JsonNode patch = document(OpenApiService.create(() -> served, List.of())).path("paths")
                .path("/apis/stable.example.com/v1/namespaces/{namespace}/crontabs/{name}").path("patch");

        assertThat(patch.path("requestBody").path("content").propertyNames()).containsExactly(
                "application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json");
        List<String> parameters = new ArrayList<>();
        patch.path("parameters").forEach(p -> parameters.add(p.path("name").asString()));
        assertThat(parameters).contains("fieldValidation", "fieldManager", "force");
    }

    @Test
    void aKindWithoutASchemaIsLeftOut() {
        ResourceType bare = new ResourceType("stable.example.com", "v1", "Bare", "bares", "bare", true, List.of(),
                List.of(), "stable.example.com/bares", Set.of(), true,
                Optional.of(new CustomKind("v1", List.of(), Optional.empty(), Optional.empty())));
        List<ResourceType> served = new ArrayList<>(ResourceCatalog.builtIn().all());
        served.add(bare);

        assertThat(document(OpenApiService.create(() -> served, List.of())).path("components").path("schemas")
                .has("com.example.stable.v1.Bare")).isFalse();
    }

    @Test
    void definitionNamesReverseTheGroup() {
        assertThat(CustomKindSchemas.definitionPrefix("stable.example.com", "v1beta1"))
                .isEqualTo("com.example.stable.v1beta1.");
    }
}
