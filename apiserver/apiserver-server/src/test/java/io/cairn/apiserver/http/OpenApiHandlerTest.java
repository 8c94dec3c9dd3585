package io.cairn.apiserver.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenApiHandlerTest {

    @ParameterizedTest(name = "Accept \"{0}\" → {1}")
    @CsvSource(delimiter = '|', value = {
            "''|true",
            "application/json|true",
            "application/json, */*|true",
            "*/*|true",
            "application/*;q=0.5|true",
            "application/com.github.proto-openapi.spec.v3.v1.0+protobuf|false",
            "application/com.github.proto-openapi.spec.v3.v1.0+protobuf, application/json;q=0.9|true",
            "text/html|false",
            "application/yaml|false",
    })
    void documentsAreServedToClientsThatAcceptJson(String accept, boolean served) {
        assertThat(OpenApiHandler.acceptsJson(accept)).isEqualTo(served);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"/openapi/v3, true", "/openapi/v3/api/v1, true", "/openapi/v2, false", "/openapi/v3x, false"})
    void onlyTheV3PathsAreHandled(String path, boolean handled) {
        assertThat(OpenApiHandler.handles(path)).isEqualTo(handled);
    }
}
