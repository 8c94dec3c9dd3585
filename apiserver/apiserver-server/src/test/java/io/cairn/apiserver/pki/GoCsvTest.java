package io.cairn.apiserver.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Inputs use {@code \n}, {@code \r} and {@code |} (field separator in the expectation) as escapes. */
class GoCsvTest {

    private static byte[] input(String escaped) {
        return escaped.replace("\\n", "\n").replace("\\r", "\r").getBytes(StandardCharsets.UTF_8);
    }

    /** Records separated by {@code ;}, fields by {@code |}. */
    private static List<List<String>> records(String expected) {
        if (expected.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(expected.replace("\\n", "\n").split(";", -1))
                .map(record -> List.of(record.split("\\|", -1))).toList();
    }

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '~', quoteCharacter = '\'', emptyValue = "", value = {
        "a,b,c                        ~ a|b|c",
        "a,b,c\\n                     ~ a|b|c",
        "a,b,c\\r\\nd,e,f\\r\\n        ~ a|b|c;d|e|f",
        "a,b,c\\r                     ~ a|b|c",
        "\\n\\na,b,c\\n\\n\\nd,e,f    ~ a|b|c;d|e|f",
        "\\r\\n                       ~ ''",
        "''                           ~ ''",
        "' a , b ,c'                  ~ ' a | b |c'",
        "a,b,c,\"g1,g2\"              ~ a|b|c|g1,g2",
        "a,\"x\"\"y\",c               ~ a|x\"y|c",
        "a,\"multi\\nline\",c         ~ a|multi\\nline|c",
        "a,\"\",c                     ~ a||c",
        ",,                           ~ ||",
        "#comment,b,c                 ~ #comment|b|c",
        "'   '                        ~ '   '",
        "tök€n,ü,1                    ~ tök€n|ü|1",
    })
    void readsRecordsLikeGosEncodingCsv(String escapedInput, String expected) throws IOException {
        assertThat(GoCsv.parse(input(escapedInput.strip()))).isEqualTo(records(expected.strip()));
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '~', quoteCharacter = '\'', value = {
        "a,b\"c,d                  ~ parse error on line 1, column 4: bare \" in non-quoted-field",
        "x,y,z\\na,b,c\"           ~ parse error on line 2, column 6: bare \" in non-quoted-field",
        "a,\"b\"c,d                ~ parse error on line 1, column 5: extraneous or missing \" in quoted-field",
        "a,\"bc,d                  ~ parse error on line 1, column 8: extraneous or missing \" in quoted-field",
        "a,\"b\\nc\\nd\"e          ~ record on line 1; parse error on line 3, column 2: extraneous or missing \" in quoted-field",
    })
    void rejectsMalformedQuotingWithGosMessages(String escapedInput, String message) {
        assertThatThrownBy(() -> GoCsv.parse(input(escapedInput.strip())))
                .isInstanceOf(IOException.class).hasMessage(message.strip());
    }
}
