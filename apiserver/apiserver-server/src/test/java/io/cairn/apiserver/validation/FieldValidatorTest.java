package io.cairn.apiserver.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.apiserver.registry.ObjectCodec;
import io.cairn.apiserver.resource.ResourceCatalog;
import io.cairn.apiserver.resource.ResourceType;
import io.cairn.apiserver.status.StatusException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

class FieldValidatorTest {
    static final ResourceCatalog CATALOG = ResourceCatalog.builtIn();
    static final ResourceType CM = CATALOG.find("", "v1", "configmaps").orElseThrow();
    static final ResourceType POD = CATALOG.find("", "v1", "pods").orElseThrow();
    static final ResourceType DEPLOY = CATALOG.find("apps", "v1", "deployments").orElseThrow();

    private static ObjectNode json(String text) {
        return (ObjectNode) ObjectCodec.JSON.readTree(text);
    }

    private static Checked warn(ResourceType t, String body) {
        return FieldValidator.body(t, body.getBytes(StandardCharsets.UTF_8), "application/json", json(body),
                FieldValidation.WARN);
    }

    static Stream<Arguments> bodies() {
        return Stream.of(
                Arguments.of(CM, "{'kind':'ConfigMap','data':{'foo':'1'},'foo':1}",
                        List.of("unknown field \"foo\""), "{'kind':'ConfigMap','data':{'foo':'1'}}"),
                Arguments.of(CM, "{'metadata':{'name':'a','labels':{'x':'y'},'bogus':{'a':1}}}",
                        List.of("unknown field \"metadata.bogus\""), "{'metadata':{'name':'a','labels':{'x':'y'}}}"),
                Arguments.of(DEPLOY, "{'spec':{'selector':{'matchLabels':{'a':'b'},'extra':1},'template':{'spec':"
                                + "{'containers':[{'name':'a'},{'name':'b','foo':true,'ports':[{'containerPort':1,"
                                + "'bar':2}]}]}}}}",
                        List.of("unknown field \"spec.selector.extra\"",
                                "unknown field \"spec.template.spec.containers[1].foo\"",
                                "unknown field \"spec.template.spec.containers[1].ports[0].bar\""),
                        "{'spec':{'selector':{'matchLabels':{'a':'b'}},'template':{'spec':{'containers':[{'name':"
                                + "'a'},{'name':'b','ports':[{'containerPort':1}]}]}}}}"),
                Arguments.of(POD, "{'spec':{'containers':[{'name':'a','resources':{'limits':{'cpu':'1'}}}],"
                                + "'nodeSelector':{'any':'thing'}}}",
                        List.of(), "{'spec':{'containers':[{'name':'a','resources':{'limits':{'cpu':'1'}}}],"
                                + "'nodeSelector':{'any':'thing'}}}"),
                Arguments.of(CM, "{'metadata':{'name':'a','managedFields':[{'manager':'m','fieldsV1':{'f:data':"
                                + "{'.':{}}}}]}}",
                        List.of(), "{'metadata':{'name':'a','managedFields':[{'manager':'m','fieldsV1':{'f:data':"
                                + "{'.':{}}}}]}}"),
                Arguments.of(CM, "{'data':{'a':'1'},'data':{'b':'2','b':'3'}}",
                        List.of("duplicate field \"data\"", "duplicate field \"data.b\""), "{'data':{'b':'3'}}"),
                Arguments.of(CM, "{'foo':1,'metadata':{'name':'a','name':'b'},'foo':2,'bar':{'x':1,'x':2}}",
                        List.of("unknown field \"foo\"", "duplicate field \"metadata.name\"", "unknown field \"bar\""),
                        "{'metadata':{'name':'b'}}"));
    }

    @ParameterizedTest
    @MethodSource("bodies")
    void warnReportsEachProblemInDocumentOrderAndDropsTheUnknownFields(ResourceType t, String body,
                                                                        List<String> warnings, String stored) {
        Checked c = warn(t, body.replace('\'', '"'));

        assertThat(c.warnings()).containsExactlyElementsOf(warnings);
        assertThat(c.object()).isEqualTo(json(stored.replace('\'', '"')));
    }

    @Test
    void strictFailsWithTheDecodersMessageListingEveryProblem() {
        String body = "{\"kind\":\"ConfigMap\",\"foo\":1,\"data\":{},\"data\":{},\"bar\":2}";

        assertThatThrownBy(() -> FieldValidator.body(CM, body.getBytes(StandardCharsets.UTF_8), "application/json",
                json(body), FieldValidation.STRICT))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.reason()).isEqualTo("BadRequest");
                    assertThat(e.getMessage()).isEqualTo("ConfigMap in version \"v1\" cannot be handled as a ConfigMap:"
                            + " strict decoding error: unknown field \"foo\", duplicate field \"data\","
                            + " unknown field \"bar\"");
                });
    }

    @Test
    void ignoreIsSilentButStillDropsUnknownFields() {
        String body = "{\"data\":{\"a\":\"1\"},\"foo\":1}";

        Checked c = FieldValidator.body(CM, body.getBytes(StandardCharsets.UTF_8), "application/json", json(body),
                FieldValidation.IGNORE);

        assertThat(c.warnings()).isEmpty();
        assertThat(c.object()).isEqualTo(json("{\"data\":{\"a\":\"1\"}}"));
    }

    @Test
    void yamlDuplicatesAreOneYamlErrorWhoseLinesBecomeSeparateWarnings() {
        String yaml = "kind: ConfigMap\ndata:\n  a: '1'\n  a: '2'\nfoo: 1\nkind: ConfigMap\n";
        byte[] raw = yaml.getBytes(StandardCharsets.UTF_8);
        ObjectNode parsed = json("{\"kind\":\"ConfigMap\",\"data\":{\"a\":\"2\"},\"foo\":1}");

        Checked c = FieldValidator.body(CM, raw, "application/yaml", parsed, FieldValidation.WARN);

        assertThat(c.warnings()).containsExactly("line 4: key \"a\" already set in map",
                "line 6: key \"kind\" already set in map", "unknown field \"foo\"");
        assertThatThrownBy(() -> FieldValidator.body(CM, raw, "application/yaml", parsed, FieldValidation.STRICT))
                .hasMessage("ConfigMap in version \"v1\" cannot be handled as a ConfigMap: strict decoding error:"
                        + " yaml: unmarshal errors:\n  line 4: key \"a\" already set in map\n"
                        + "  line 6: key \"kind\" already set in map, unknown field \"foo\"");
    }
}
