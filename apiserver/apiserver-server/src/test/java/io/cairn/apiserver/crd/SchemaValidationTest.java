package io.cairn.apiserver.crd;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.apiserver.registry.ObjectCodec;
import io.cairn.apiserver.status.Cause;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class SchemaValidationTest {
    private static final JsonNode SCHEMA = ObjectCodec.JSON.readTree("""
            {"type":"object","properties":{"spec":{"type":"object","required":["color"],"properties":{
              "replicas":{"type":"integer","minimum":0,"maximum":10},
              "ratio":{"type":"number","exclusiveMinimum":true,"minimum":0,"exclusiveMaximum":true,"maximum":1},
              "color":{"type":"string","pattern":"^[a-z]+$","minLength":2,"maxLength":6},
              "size":{"type":"string","enum":["small","large"]},
              "port":{"x-kubernetes-int-or-string":true},
              "note":{"type":"string","nullable":true},
              "id":{"type":"string","format":"uuid"},
              "tags":{"type":"array","maxItems":2,"minItems":1,"items":{"type":"string"}},
              "labels":{"type":"object","additionalProperties":{"type":"integer"}},
              "pod":{"type":"object","x-kubernetes-embedded-resource":true,
                     "x-kubernetes-preserve-unknown-fields":true}}}}}
            """);

    private static List<String> causes(String spec) {
        ObjectNode o = (ObjectNode) ObjectCodec.JSON.readTree("{\"apiVersion\":\"example.com/v1\",\"kind\":\"W\","
                + "\"metadata\":{\"name\":\"w\"},\"spec\":" + spec + "}");
        return SchemaValidation.validate(o, SCHEMA).stream().map(c -> c.field() + ": " + c.message()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"color":"red","replicas":"3"}        | spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"
            {"color":"red","replicas":1.5}        | spec.replicas: Invalid value: "number": spec.replicas in body must be of type integer: "number"
            {"color":"red","replicas":11}         | spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10
            {"color":"red","replicas":-1}         | spec.replicas: Invalid value: -1: spec.replicas in body should be greater than or equal to 0
            {"color":"red","ratio":1}             | spec.ratio: Invalid value: 1: spec.ratio in body should be less than 1
            {"color":"red","ratio":0}             | spec.ratio: Invalid value: 0: spec.ratio in body should be greater than 0
            {"replicas":1}                        | spec.color: Required value
            {"color":"Red"}                       | spec.color: Invalid value: "Red": spec.color in body should match '^[a-z]+$'
            {"color":"r"}                         | spec.color: Invalid value: "r": spec.color in body should be at least 2 chars long
            {"color":"abcdefg"}                   | spec.color: Too long: may not be more than 6 bytes
            {"color":"red","size":"huge"}         | spec.size: Unsupported value: "huge": supported values: "small", "large"
            {"color":"red","port":true}           | spec.port: Invalid value: "boolean": spec.port in body must be of type integer,string: "boolean"
            {"color":"red","id":"nope"}           | spec.id: Invalid value: "nope": spec.id in body must be of type uuid: "nope"
            {"color":"red","tags":["a","b","c"]}  | spec.tags: Too many: 3: must have at most 2 items
            {"color":"red","tags":[1]}            | spec.tags[0]: Invalid value: "integer": spec.tags[0] in body must be of type string: "integer"
            {"color":"red","labels":{"a":"x"}}    | spec.labels.a: Invalid value: "string": spec.labels.a in body must be of type integer: "string"
            {"color":null}                        | spec.color: Invalid value: "null": spec.color in body must be of type string: "null"
            {"color":"red","pod":{"kind":"Pod"}}  | spec.pod.apiVersion: Required value: must not be empty
            """)
    void aBrokenRuleGivesKubesCause(String spec, String expected) {
        assertThat(causes(spec)).containsExactly(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"color":"red","replicas":10,"ratio":0.5,"size":"large","port":"http","note":null}
            {"color":"red","port":8080,"id":"0a1b2c3d-0000-4000-8000-000000000000","tags":["x"],"labels":{"a":1}}
            """)
    void aValidResourceHasNoCauses(String spec) {
        assertThat(causes(spec)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"replicas":"x","color":"Red"} | spec.color: Invalid value: "Red": spec.color in body should match '^[a-z]+$' ; spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"
            """)
    void causesComeInFieldNameOrder(String spec, String expected) {
        assertThat(String.join(" ; ", causes(spec))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"20,20", "1.5,1.5", "0.1,0.1"})
    void numbersPrintAsGoPrintsThem(String json, String printed) {
        assertThat(FieldErrors.number(ObjectCodec.JSON.readTree(json))).isEqualTo(printed);
        assertThat(new Cause("t", "m", "f").field()).isEqualTo("f");
    }
}
