package io.cairn.apiserver.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.apiserver.registry.ObjectCodec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class JsonPathTest {
    private static final JsonNode OBJECT = ObjectCodec.JSON.readTree("""
            {"metadata":{"name":"w","creationTimestamp":"2026-01-01T00:00:00Z",
              "labels":{"app.kubernetes.io/name":"web"}},
             "spec":{"replicas":3,"ratio":0.5,"on":true,"items":[{"n":"a"},{"n":"b"}],"obj":{"k":1}}}
            """);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            .spec.replicas                              | 3
            {.spec.replicas}                            | 3
            $.spec.replicas                             | 3
            .spec.items[1].n                            | "b"
            .spec.items[-1].n                           | "b"
            .spec.items[*].n                            | "a"
            .spec['obj'].k                              | 1
            .metadata.labels.app\\.kubernetes\\.io/name | "web"
            """)
    void aPathFindsItsFirstResult(String path, String json) {
        assertThat(JsonPath.parse(path).orElseThrow().first(OBJECT)).contains(ObjectCodec.JSON.readTree(json));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({".spec.missing", ".spec.items[5].n", ".spec.replicas.deeper"})
    void aPathWithNoResultFindsNothing(String path) {
        assertThat(JsonPath.parse(path).orElseThrow().first(OBJECT)).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({"spec.replicas", ".spec[", ".spec[x]", "''", ".."})
    void aPathOutsideTheSubsetIsRefused(String path) {
        assertThat(JsonPath.parse(path)).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            integer | .spec.replicas          | 3
            integer | .spec.ratio             | 0
            number  | .spec.replicas          | 3.0
            boolean | .spec.on                | true
            boolean | .spec.replicas          | null
            string  | .spec.obj               | "{\\"k\\":1}"
            string  | .spec.replicas          | "3"
            date    | .metadata.creationTimestamp | "2d"
            date    | .spec.items[0].n        | "<invalid>"
            """)
    void cellsAreTypedByTheirColumn(String type, String path, String cell) {
        Elapsed elapsed = new Elapsed(Clock.fixed(Instant.parse("2026-01-03T00:00:00Z"), ZoneOffset.UTC));
        JsonNode v = JsonPath.parse(path).orElseThrow().first(OBJECT).orElseThrow();
        assertThat(CustomColumnsPrinter.cell(type, v, elapsed).toString())
                .isEqualTo(ObjectCodec.JSON.readTree(cell).toString());
    }
}
