package io.cairn.apiserver.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoJsonSyntaxTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{}", " [ ] ", "{\"a\":[1,-2.5e+3,true,false,null,\"x\\u00e9\\n\"],\"b\":{}}", "0", "\"s\""})
    void wellFormedJsonHasNoError(String json) {
        assertThat(GoJsonSyntax.firstError(json.getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "``             | unexpected end of JSON input",
        "{\"a\":        | unexpected end of JSON input",
        "{not json     | invalid character 'n' looking for beginning of object key string",
        "{\"a\" 1}      | invalid character '1' after object key",
        "{\"a\":1 \"b\"} | invalid character '\"' after object key:value pair",
        "{\"a\":1,}     | invalid character '}' looking for beginning of object key string",
        "[1,]          | invalid character ']' looking for beginning of value",
        "[1 2]         | invalid character '2' after array element",
        "{\"a\":1}x     | invalid character 'x' after top-level value",
        "01            | invalid character '1' after top-level value",
        "-x            | invalid character 'x' in numeric literal",
        "1.e5          | invalid character 'e' after decimal point in numeric literal",
        "1e+           | unexpected end of JSON input",
        "1ex           | invalid character 'x' in exponent of numeric literal",
        "tru?          | invalid character '?' in literal true (expecting 'e')",
        "nil           | invalid character 'i' in literal null (expecting 'u')",
        "\"\\q\"        | invalid character 'q' in string escape code",
        "\"\\u12g4\"    | invalid character 'g' in \\u hexadecimal character escape",
        "'a'           | invalid character '\\'' looking for beginning of value",
    })
    void malformedJsonGetsGosMessage(String json, String message) {
        assertThat(GoJsonSyntax.firstError(json.getBytes(StandardCharsets.UTF_8))).hasValue(message);
    }

    @Test
    void aControlCharacterInAStringIsQuotedAsGoQuotesIt() {
        assertThat(GoJsonSyntax.firstError("\"a\tb\"".getBytes(StandardCharsets.UTF_8)))
                .hasValue("invalid character '\\t' in string literal");
        assertThat(GoJsonSyntax.firstError(new byte[] {'"', 1, '"'}))
                .hasValue("invalid character '\\x01' in string literal");
    }

    @Test
    void deepNestingIsRefusedAtGosLimitWithoutExhaustingTheStack() {
        byte[] deep = "[".repeat(3_000_000).getBytes(StandardCharsets.US_ASCII);

        assertThat(GoJsonSyntax.firstError(deep)).hasValue("invalid character '[' exceeded max depth");
        assertThat(GoJsonSyntax.firstError(("[".repeat(10_000) + "]".repeat(10_000))
                .getBytes(StandardCharsets.US_ASCII))).isEmpty();
    }
}
