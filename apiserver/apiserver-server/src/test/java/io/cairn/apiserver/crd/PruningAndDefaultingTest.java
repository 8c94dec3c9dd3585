package io.cairn.apiserver.crd;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.apiserver.registry.ObjectCodec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class PruningAndDefaultingTest {
    private static final JsonNode SCHEMA = ObjectCodec.JSON.readTree("""
            {"type":"object","properties":{
              "spec":{"type":"object","properties":{
                "size":{"type":"string","default":"small"},
                "limits":{"type":"object","default":{},"properties":{"cpu":{"type":"integer","default":1}}},
                "items":{"type":"array","items":{"type":"object","properties":{"n":{"type":"integer","default":0}}}},
                "free":{"type":"object","x-kubernetes-preserve-unknown-fields":true,
                        "properties":{"known":{"type":"object","properties":{"a":{"type":"string"}}}}},
                "map":{"type":"object","additionalProperties":{"type":"object","properties":{"v":{"type":"string"}}}},
                "template":{"type":"object","x-kubernetes-embedded-resource":true,
                            "properties":{"spec":{"type":"object"}}},
                "gone":{"type":"string"}}}}}
            """);

    private static ObjectNode object(String spec) {
        return (ObjectNode) ObjectCodec.JSON.readTree("{\"apiVersion\":\"example.com/v1\",\"kind\":\"W\","
                + "\"metadata\":{\"name\":\"w\",\"labels\":{\"a\":\"b\"}},\"spec\":" + spec + ",\"extra\":1}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"typo":1}                                | {}                                       | spec.typo
            {"free":{"any":1,"known":{"a":"x","b":2}}} | {"free":{"any":1,"known":{"a":"x"}}}     | spec.free.known.b
            {"map":{"k":{"v":"x","w":1}}}              | {"map":{"k":{"v":"x"}}}                  | spec.map.k.w
            {"items":[{"n":1,"m":2}]}                  | {"items":[{"n":1}]}                      | spec.items[0].m
            {"template":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"x":1},"y":2}} | {"template":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{}}} | spec.template.spec.x
            """)
    void unknownFieldsArePrunedAndReported(String spec, String kept, String firstPruned) {
        ObjectNode o = object(spec);
        var pruned = Pruning.prune(o, SCHEMA);
        assertThat(o.get("spec")).isEqualTo(ObjectCodec.JSON.readTree(kept));
        assertThat(o.has("extra")).isFalse();
        assertThat(o.path("metadata").path("labels").path("a").asString()).isEqualTo("b");
        assertThat(pruned).contains(firstPruned, "extra");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {}                              | {"size":"small","limits":{"cpu":1}}
            {"size":"large"}                | {"size":"large","limits":{"cpu":1}}
            {"size":null,"limits":{"cpu":4}} | {"size":"small","limits":{"cpu":4}}
            {"gone":null}                   | {"size":"small","limits":{"cpu":1}}
            {"items":[{}]}                  | {"items":[{"n":0}],"size":"small","limits":{"cpu":1}}
            """)
    void defaultsFillWhatIsMissing(String spec, String defaulted) {
        ObjectNode o = object(spec);
        Defaulting.apply(o, SCHEMA);
        assertThat(o.get("spec")).isEqualTo(ObjectCodec.JSON.readTree(defaulted));
    }
}
