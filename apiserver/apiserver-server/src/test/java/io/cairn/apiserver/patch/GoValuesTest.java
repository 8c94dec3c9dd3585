package io.cairn.apiserver.patch;

import static io.cairn.apiserver.patch.JsonPatchTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoValuesTest {

    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource({"80.5, 80.5", "1000000.0, 1e+06", "123456.0, 123456", "0.0001, 0.0001", "0.00001, 1e-05",
            "-2.5e30, -2.5e+30", "1.0, 1", "0.0, 0"})
    void floatsPrintAsGoPrintsThem(double value, String expected) {
        assertThat(GoValues.formatFloat(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {'name': 'web', 'image': 'x', 'ports': [{'containerPort': 80}]} | map[image:x name:web ports:[map[containerPort:80]]]
            ['a', 1, 2.5, true, null]                                     | [a 1 2.5 true <nil>]
            """)
    void valuesPrintAsGoPrintsDecodedJson(String value, String expected) {
        assertThat(GoValues.format(json(value))).isEqualTo(expected);
    }
}
