package io.cairn.apiserver.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.apiserver.registry.ObjectCodec;
import io.cairn.apiserver.status.StatusException;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class PatchValidationTest {
    private static final UnaryOperator<ObjectNode> ADD_FOO = o -> {
        o.put("foo", 1);
        return o;
    };

    private static ObjectNode json(String text) {
        return (ObjectNode) ObjectCodec.JSON.readTree(text);
    }

    private static PatchValidation merge(String patch, FieldValidation mode) {
        return FieldValidator.patch(FieldValidatorTest.CM, "application/merge-patch+json",
                patch.getBytes(StandardCharsets.UTF_8), mode);
    }

    @Test
    void strictRejectsAnUnknownFieldInThePatchedObjectWithKubesInvalidPatchError() {
        PatchValidation v = merge("{\"foo\":1}", FieldValidation.STRICT);

        assertThatThrownBy(() -> v.around(ADD_FOO).apply(json("{\"kind\":\"ConfigMap\",\"data\":{\"a\":\"1\"}}")))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(422);
                    assertThat(e.reason()).isEqualTo("Invalid");
                    assertThat(e.getMessage()).isEqualTo(" \"\" is invalid: patch: Invalid value: "
                            + "\"{\\\"data\\\":{\\\"a\\\":\\\"1\\\"},\\\"foo\\\":1,\\\"kind\\\":\\\"ConfigMap\\\"}\":"
                            + " strict decoding error: unknown field \"foo\"");
                    assertThat(e.causes()).singleElement().satisfies(c -> {
                        assertThat(c.type()).isEqualTo("FieldValueInvalid");
                        assertThat(c.field()).isEqualTo("patch");
                    });
                });
    }

    @Test
    void warnDropsTheUnknownFieldAndKeepsItsWarning() {
        PatchValidation v = merge("{\"foo\":1}", FieldValidation.WARN);

        ObjectNode out = v.around(ADD_FOO).apply(json("{\"data\":{\"a\":\"1\"}}"));

        assertThat(out).isEqualTo(json("{\"data\":{\"a\":\"1\"}}"));
        assertThat(v.warnings()).containsExactly("unknown field \"foo\"");
    }

    @Test
    void duplicateKeysInAMergePatchComeBeforeTheUnknownFieldsOfTheResult() {
        PatchValidation v = merge("{\"data\":{\"a\":\"1\",\"a\":\"2\"},\"foo\":1}", FieldValidation.WARN);

        v.around(ADD_FOO).apply(json("{}"));

        assertThat(v.warnings()).containsExactly("duplicate field \"data.a\"", "unknown field \"foo\"");
    }

    @Test
    void unknownKeysOfAJsonPatchOperationAreNamedWithTheJsonPatchPrefix() {
        PatchValidation v = FieldValidator.patch(FieldValidatorTest.CM, "application/json-patch+json",
                "[{\"op\":\"add\",\"path\":\"/data\",\"value\":{},\"bogus\":1,\"op\":\"add\"}]"
                        .getBytes(StandardCharsets.UTF_8), FieldValidation.WARN);

        v.around(UnaryOperator.identity()).apply(json("{}"));

        assertThat(v.warnings()).containsExactly("json patch unknown field \"[0].bogus\"",
                "json patch duplicate field \"[0].op\"");
    }

    @Test
    void ignoreNeitherFailsNorWarnsButDrops() {
        PatchValidation v = merge("{\"foo\":1}", FieldValidation.IGNORE);

        ObjectNode out = v.around(ADD_FOO).apply(json("{}"));

        assertThat(out).isEqualTo(json("{}"));
        assertThat(v.warnings()).isEmpty();
    }
}
