package io.cairn.apiserver.crd;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.apiserver.registry.ObjectCodec;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class DefinitionValidationTest {
    private static ObjectNode crd() {
        ObjectNode o = (ObjectNode) ObjectCodec.JSON.readTree("""
                {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
                 "metadata":{"name":"widgets.example.com"},
                 "spec":{"group":"example.com","scope":"Namespaced",
                  "names":{"plural":"widgets","kind":"Widget","shortNames":["wd"]},
                  "versions":[{"name":"v1","served":true,"storage":true,
                    "schema":{"openAPIV3Schema":{"type":"object","properties":{"spec":{"type":"object",
                      "properties":{"replicas":{"type":"integer"}}}}}},
                    "subresources":{"status":{},"scale":{"specReplicasPath":".spec.replicas",
                      "statusReplicasPath":".status.replicas"}},
                    "additionalPrinterColumns":[{"name":"R","type":"integer","jsonPath":".spec.replicas"}]}]}}
                """);
        DefinitionStatus.defaults(o);
        return o;
    }

    private static List<String> causes(Consumer<ObjectNode> change) {
        ObjectNode o = crd();
        change.accept(o);
        return DefinitionValidation.create(o).stream().map(c -> c.field() + ": " + c.message()).toList();
    }

    private static ObjectNode version(ObjectNode crd) {
        return (ObjectNode) crd.path("spec").path("versions").get(0);
    }

    @Test
    void aWellFormedDefinitionHasNoCauses() {
        assertThat(causes(o -> { })).isEmpty();
        assertThat(crd().path("spec").path("names").path("singular").asString()).isEqualTo("widget");
        assertThat(crd().path("spec").path("names").path("listKind").asString()).isEqualTo("WidgetList");
    }

    @Test
    void theNameMustBePluralDotGroup() {
        assertThat(causes(o -> o.withObject("metadata").put("name", "widget.example.com"))).containsExactly(
                "metadata.name: Invalid value: \"widget.example.com\": must be spec.names.plural+\".\"+spec.group");
    }

    @Test
    void theGroupNeedsADot() {
        assertThat(causes(o -> {
            o.withObject("spec").put("group", "example");
            o.withObject("metadata").put("name", "widgets.example");
        })).containsExactly("spec.group: Invalid value: \"example\": should be a domain with at least one dot");
    }

    @Test
    void theScopeIsClusterOrNamespaced() {
        assertThat(causes(o -> o.withObject("spec").put("scope", "Global"))).containsExactly(
                "spec.scope: Unsupported value: \"Global\": supported values: \"Cluster\", \"Namespaced\"");
        assertThat(causes(o -> o.withObject("spec").remove("scope"))).containsExactly("spec.scope: Required value");
    }

    @Test
    void exactlyOneVersionIsStored() {
        List<String> none = causes(o -> version(o).put("storage", false));
        assertThat(none).hasSize(1);
        assertThat(none.getFirst()).startsWith("spec.versions: Invalid value: ")
                .endsWith(": must have exactly one version marked as storage version");
    }

    @Test
    void aVersionNeedsASchema() {
        assertThat(causes(o -> version(o).remove("schema"))).containsExactly(
                "spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required");
    }

    @Test
    void theSchemaMustBeStructural() {
        assertThat(causes(o -> ((ObjectNode) version(o).path("schema").path("openAPIV3Schema").path("properties")
                .path("spec").path("properties").path("replicas")).remove("type"))).containsExactly(
                "spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[replicas].type: Required value:"
                        + " must not be empty for specified object fields");
        assertThat(causes(o -> ((ObjectNode) version(o).path("schema").path("openAPIV3Schema")).put("type",
                "string"))).containsExactly("spec.versions[0].schema.openAPIV3Schema.type: Invalid value: \"string\":"
                + " must be object at the root");
    }

    @Test
    void namesAreDns1035Labels() {
        assertThat(causes(o -> ((ArrayNode) o.path("spec").path("names").path("shortNames")).add("Bad")))
                .singleElement().asString().startsWith("spec.names.shortNames[1]: Invalid value: \"Bad\": a DNS-1035"
                        + " label must consist of lower case alphanumeric characters");
    }

    @Test
    void printerColumnsAndScalePathsAreChecked() {
        assertThat(causes(o -> ((ObjectNode) version(o).path("additionalPrinterColumns").get(0)).put("type",
                "float"))).containsExactly("spec.versions[0].additionalPrinterColumns[0].type: Invalid value:"
                + " \"float\": must be one of boolean,date,integer,number,string");
        assertThat(causes(o -> ((ObjectNode) version(o).path("subresources").path("scale"))
                .put("specReplicasPath", ".status.replicas"))).containsExactly(
                "spec.versions[0].subresources.scale.specReplicasPath: Invalid value: \".status.replicas\": should be"
                        + " a json path under .spec");
    }

    @Test
    void theGroupAndPluralCannotChange() {
        ObjectNode old = crd();
        ObjectNode next = crd();
        next.withObject("spec").withObject("names").put("plural", "gizmos");
        next.withObject("metadata").put("name", "gizmos.example.com");
        assertThat(DefinitionValidation.update(next, old).stream().map(c -> c.field() + ": " + c.message()))
                .containsExactly("spec.names.plural: Invalid value: \"gizmos\": field is immutable");
    }
}
