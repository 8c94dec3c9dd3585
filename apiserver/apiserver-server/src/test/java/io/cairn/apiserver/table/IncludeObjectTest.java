package io.cairn.apiserver.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IncludeObjectTest {

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(emptyValue = "", textBlock = """
            None, NONE
            Metadata, METADATA
            Object, OBJECT
            '', METADATA
            '  ', METADATA
            """)
    void parsesTheQueryValuesKubeAccepts(String queryValue, IncludeObject expected) {
        assertThat(IncludeObject.parse(queryValue)).isEqualTo(expected);
    }

    @Test
    void rejectsAnyOtherValueWithKubesMessage() {
        assertThatThrownBy(() -> IncludeObject.parse("object"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unrecognized includeObject value: \"object\"");
    }
}
