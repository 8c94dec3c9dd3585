package io.cairn.apiserver.crd;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.apiserver.registry.ObjectCodec;
import io.cairn.apiserver.resource.ResourceCatalog;
import io.cairn.apiserver.resource.ResourceType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class DefinitionTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    private static ObjectNode crd(String versions) {
        ObjectNode o = (ObjectNode) ObjectCodec.JSON.readTree("""
                {"metadata":{"name":"widgets.example.com"},"spec":{"group":"example.com","scope":"Cluster",
                 "names":{"plural":"widgets","kind":"Widget"},"versions":%s}}
                """.formatted(versions));
        DefinitionStatus.defaults(o);
        return o;
    }

    @Test
    void servedVersionsArePublishedInKubesPriorityOrder() {
        ObjectNode o = crd("[{\"name\":\"v1alpha1\",\"served\":true},{\"name\":\"v1\",\"served\":true,"
                + "\"storage\":true},{\"name\":\"v2beta1\",\"served\":true},{\"name\":\"v3\",\"served\":false}]");
        List<ResourceType> types = Definition.of(o).types();
        assertThat(types).extracting(ResourceType::version).containsExactly("v1", "v2beta1", "v1alpha1");
        assertThat(types.getFirst().storageName()).isEqualTo("example.com/widgets");
        assertThat(types.getFirst().namespaced()).isFalse();
        assertThat(types.getFirst().custom().orElseThrow().storageVersion()).isEqualTo("v1");
        assertThat(Stream.of("v10", "v2", "v11alpha2", "foo", "v1beta1").sorted(KubeVersions.PRIORITY).toList())
                .containsExactly("v10", "v2", "v1beta1", "v11alpha2", "foo");
    }

    @Test
    void aWrittenDefinitionIsAcceptedAndEstablished() {
        ObjectNode o = crd("[{\"name\":\"v1\",\"served\":true,\"storage\":true}]");
        new DefinitionStatus(CLOCK).update(o, Optional.empty(), Optional.empty());
        assertThat(o.get("status")).isEqualTo(ObjectCodec.JSON.readTree("""
                {"acceptedNames":{"plural":"widgets","singular":"widget","kind":"Widget","listKind":"WidgetList"},
                 "conditions":[
                  {"type":"NamesAccepted","status":"True","lastTransitionTime":"2026-01-02T03:04:05Z",
                   "reason":"NoConflicts","message":"no conflicts found"},
                  {"type":"Established","status":"True","lastTransitionTime":"2026-01-02T03:04:05Z",
                   "reason":"InitialNamesAccepted","message":"the initial names have been accepted"}],
                 "storedVersions":["v1"]}
                """));
        assertThat(Definition.of(o).established()).isTrue();
    }

    @Test
    void theCatalogServesEstablishedDefinitionsUntilTheyAreRemoved() {
        ResourceCatalog catalog = ResourceCatalog.builtIn();
        DefinitionIndex index = new DefinitionIndex(catalog);
        int[] changes = {0};
        index.onChange(() -> changes[0]++);
        ObjectNode o = crd("[{\"name\":\"v1\",\"served\":true,\"storage\":true,"
                + "\"schema\":{\"openAPIV3Schema\":{\"type\":\"object\"}}}]");
        index.put(o);
        assertThat(catalog.find("example.com", "v1", "widgets")).isEmpty();
        new DefinitionStatus(CLOCK).update(o, Optional.empty(), Optional.empty());
        index.put(o);
        assertThat(catalog.find("example.com", "v1", "widgets")).isPresent();
        assertThat(index.schema("example.com", "v1", "Widget")).contains(ObjectCodec.JSON.readTree(
                "{\"type\":\"object\"}"));
        index.remove("widgets.example.com");
        assertThat(catalog.find("example.com", "v1", "widgets")).isEmpty();
        assertThat(index.schema("example.com", "v1", "Widget")).isEmpty();
        assertThat(changes[0]).isEqualTo(3);
    }
}
