package io.cairn.apiserver.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.apiserver.registry.ObjectCodec;
import io.cairn.apiserver.resource.CustomKind;
import io.cairn.apiserver.resource.ResourceType;
import io.cairn.apiserver.status.StatusException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

class CustomKindFieldValidationTest {
    private static final ResourceType WIDGET = new ResourceType("example.com", "v1", "Widget", "widgets", "widget",
            true, List.of(), List.of(), "example.com/widgets", Set.of(), true, Optional.of(new CustomKind("v1",
            List.of(), Optional.empty(), Optional.of(ObjectCodec.JSON.readTree("""
                    {"type":"object","properties":{"spec":{"type":"object","properties":{
                      "replicas":{"type":"integer"},
                      "items":{"type":"array","items":{"type":"object","properties":{"n":{"type":"string"}}}},
                      "free":{"type":"object","x-kubernetes-preserve-unknown-fields":true},
                      "map":{"type":"object","additionalProperties":{"type":"string"}},
                      "pod":{"type":"object","x-kubernetes-embedded-resource":true,
                             "x-kubernetes-preserve-unknown-fields":true}}}}}
                    """)))));

    private static Checked check(String body, FieldValidation mode) {
        String json = body.replace('\'', '"');
        return FieldValidator.body(WIDGET, json.getBytes(StandardCharsets.UTF_8), "application/json",
                (ObjectNode) ObjectCodec.JSON.readTree(json), mode);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {'spec':{'replicas':1,'typo':2}}                          | unknown field "spec.typo"
            {'spec':{'items':[{'n':'a'},{'n':'b','m':1}]}}            | unknown field "spec.items[1].m"
            {'metadata':{'name':'w','bogus':1},'spec':{}}             | unknown field "metadata.bogus"
            {'spec':{'replicas':1},'status':{}}                       | unknown field "status"
            {'spec':{'replicas':1,'replicas':2}}                      | duplicate field "spec.replicas"
            """)
    void unknownAndDuplicateFieldsAreFoundByTheSchema(String body, String warning) {
        assertThat(check(body, FieldValidation.WARN).warnings()).containsExactly(warning);
        assertThatThrownBy(() -> check(body, FieldValidation.STRICT)).isInstanceOf(StatusException.class)
                .hasMessage("Widget in version \"v1\" cannot be handled as a Widget: strict decoding error: "
                        + warning);
    }

    @org.junit.jupiter.api.Test
    void aDefinitionsNestedSchemasKeepTheirFields() {
        ResourceType crds = io.cairn.apiserver.resource.ResourceCatalog.builtIn()
                .find("apiextensions.k8s.io", "v1", "customresourcedefinitions").orElseThrow();
        String json = """
                {"spec":{"versions":[{"name":"v1","schema":{"openAPIV3Schema":{"type":"object","properties":{
                  "m":{"type":"object","additionalProperties":{"type":"string"}},
                  "l":{"type":"array","items":{"type":"object","properties":{"n":{"type":"integer"}}}},
                  "x":{"x-kubernetes-preserve-unknown-fields":true,"x-kubernetes-int-or-string":true,
                       "default":{"a":1}}}}}}],"bogus":1}}
                """;
        Checked c = FieldValidator.body(crds, json.getBytes(StandardCharsets.UTF_8), "application/json",
                (ObjectNode) ObjectCodec.JSON.readTree(json), FieldValidation.WARN);
        assertThat(c.warnings()).containsExactly("unknown field \"spec.bogus\"");
        assertThat(c.object().path("spec").path("versions").get(0)).isEqualTo(ObjectCodec.JSON.readTree(json)
                .path("spec").path("versions").get(0));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w'},'spec':{'replicas':1}}
            {'spec':{'free':{'any':{'thing':1}},'map':{'a':'b'}}}
            {'spec':{'pod':{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p'},'spec':{'x':1}}}}
            """)
    void fieldsTheSchemaKnowsOrKeepsAreNoProblem(String body) {
        assertThat(check(body, FieldValidation.STRICT).warnings()).isEmpty();
    }
}
