package io.cairn.apiserver.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.apiserver.status.StatusException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FieldValidationTest {

    @ParameterizedTest
    @CsvSource({"'', WARN", "Warn, WARN", "Strict, STRICT", "Ignore, IGNORE"})
    void theParameterNamesTheDirectiveAndItsAbsenceMeansWarn(String value, FieldValidation expected) {
        assertThat(FieldValidation.parse(value, "CreateOptions")).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"strict", "foo", "true"})
    void anyOtherValueIsAnInvalidOptionsError(String value) {
        assertThatThrownBy(() -> FieldValidation.parse(value, "UpdateOptions"))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(422);
                    assertThat(e.reason()).isEqualTo("Invalid");
                    assertThat(e.getMessage()).isEqualTo("UpdateOptions.meta.k8s.io \"\" is invalid: fieldValidation:"
                            + " Unsupported value: \"" + value + "\": supported values: \"\", \"Ignore\", \"Strict\","
                            + " \"Warn\"");
                    assertThat(e.toStatus().path("details").path("group").asString()).isEqualTo("meta.k8s.io");
                });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "unknown field \"foo\"|299 - \"unknown field \\\"foo\\\"\"",
        "a\\b|299 - \"a\\\\b\""})
    void warningsAreQuotedAsKubesRecorderDoes(String text, String header) {
        assertThat(WarningHeaders.values(List.of(text))).containsExactly(header);
    }

    @org.junit.jupiter.api.Test
    void repeatedAndUnsendableWarningsAreLeftOut() {
        assertThat(WarningHeaders.values(List.of("x", "x", "bad\ntext", ""))).containsExactly("299 - \"x\"");
    }
}
