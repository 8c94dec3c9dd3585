package io.cairn.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SchemaValidatorTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNode DOC = JSON.readTree(SchemaValidationTest.fixture("apis-apps-v1.json"));
    private static final JsonNode DEPLOYMENT = DOC.path("components").path("schemas")
            .path("io.k8s.api.apps.v1.Deployment");

    private static List<String> errors(String spec) {
        JsonNode d = JSON.readTree("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"x\"},"
                + "\"spec\":" + spec + "}");
        List<ClientException.FieldError> out = new ArrayList<>();
        new SchemaValidator(DOC).check(DEPLOYMENT, d, "", out);
        return out.stream().map(e -> e.path() + ": " + e.message()).toList();
    }

    private static final String OK_TEMPLATE = "\"selector\":{},\"template\":{\"spec\":{\"containers\":[{\"name\":\"c\"}]}}";

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "{" + OK_TEMPLATE + "}|",
        "{\"replicas\":1.5," + OK_TEMPLATE + "}|spec.replicas: must be an integer, not a number",
        "{\"paused\":\"yes\"," + OK_TEMPLATE + "}|spec.paused: must be a boolean, not a string",
        "{\"strategy\":{\"anything\":{\"goes\":1}}," + OK_TEMPLATE + "}|",
        "{\"selector\":{\"matchLabels\":{\"a\":1}},\"template\":{\"spec\":{\"containers\":[{\"name\":\"c\"}]}}}"
                + "|spec.selector.matchLabels.a: must be a string, not a number",
        "{\"selector\":{},\"template\":{\"spec\":{\"containers\":[{}]}}}|spec.template.spec.containers[0].name: required value",
        "{\"selector\":{},\"template\":{\"spec\":{\"containers\":{}}}}|spec.template.spec.containers: must be an array, not an object",
        "{\"selector\":{},\"template\":{\"spec\":{\"restartPolicy\":\"Sometimes\",\"containers\":[{\"name\":\"c\"}]}}}"
                + "|spec.template.spec.restartPolicy: unsupported value \"Sometimes\": must be one of [\"Always\",\"Never\",\"OnFailure\"]",
        "{\"template\":{\"spec\":{\"containers\":[{\"name\":\"c\"}]}}}|spec.selector: required value",
        "{\"selectr\":{}," + OK_TEMPLATE + "}|spec.selectr: unknown field \"selectr\""})
    void violationsAreReportedWithKubePaths(String spec, String expected) {
        List<String> errors = errors(spec);
        if (expected == null) {
            assertThat(errors).isEmpty();
        } else {
            assertThat(errors).containsExactly(expected);
        }
    }
}
