package io.cairn.apiserver.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldSelectorTest {

    @ParameterizedTest(name = "[{index}] {0} is written canonically as {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            metadata.name=a        | metadata.name=a
            metadata.name==a       | metadata.name=a
            a!=b                   | a!=b
            "b=1,a=2"              | "a=2,b=1"
            "a=x\\,y"              | "a=x\\,y"
            "a=x\\=y"              | "a=x\\=y"
            "a=x\\\\y"             | "a=x\\\\y"
            a=                     | a=
            "a=b,"                 | a=b
            "a=b,,c=d"             | "a=b,c=d"
            a=!b                   | a=!b
            """)
    void validSelectorsHaveKubesCanonicalForm(String text, String canonical) throws SelectorException {
        assertThat(FieldSelector.parse(text)).hasToString(canonical);
    }

    @ParameterizedTest(name = "[{index}] {0} requires {1} to be \"{2}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            "a=x\\,y"              | a | "x,y"
            "a=x\\=y"              | a | "x=y"
            "a=x\\\\y"             | a | "x\\y"
            a==b                   | a | b
            a=                     | a | ""
            "metadata.name=n,metadata.namespace!=s" | metadata.name | n
            """)
    void escapedValuesAreUnescapedAndExposedAsExactValues(String text, String field, String value)
            throws SelectorException {
        assertThat(FieldSelector.parse(text).exactValue(field)).contains(value);
    }

    @Test
    void aNotEqualTermPinsNoValue() throws SelectorException {
        FieldSelector selector = FieldSelector.parse("metadata.name=n,metadata.namespace!=s");

        assertThat(selector.exactValue("metadata.namespace")).isEmpty();
        assertThat(selector.exactValue("spec.nodeName")).isEmpty();
    }

    @Test
    void fieldsAreListedOnceInKubesTermOrder() throws SelectorException {
        assertThat(FieldSelector.parse("b=1,a=2,a!=3").fields()).containsExactly("a", "b");
    }

    @Test
    void emptyTextSelectsEverything() throws SelectorException {
        FieldSelector selector = FieldSelector.parse("");

        assertThat(selector.matchesEverything()).isTrue();
        assertThat(selector.fields()).isEmpty();
        assertThat(selector.matches(field -> Optional.of("x"))).isTrue();
        assertThat(FieldSelector.parse("a=b").matchesEverything()).isFalse();
    }

    @ParameterizedTest(name = "[{index}] {0} on [{1}] -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            a=b                | a=b       | true
            a=b                | a=c       | false
            a==b               | a=b       | true
            a!=b               | a=c       | true
            a!=b               | a=b       | false
            a=                 | ""        | true
            a!=                | ""        | false
            a!=b               | ""        | true
            a=b                | ""        | false
            "a=b,c!=d"         | a=b;c=e   | true
            "a=b,c!=d"         | a=b;c=d   | false
            "a=x\\,y"          | "a=x,y"   | true
            """)
    void termsMatchWithMissingFieldsReadAsEmpty(String selector, String fields, boolean expected)
            throws SelectorException {
        assertThat(FieldSelector.parse(selector).matches(fields(fields))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0} is refused")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            a              | invalid selector: 'a'; can't understand 'a'
            "a=b,c"        | "invalid selector: 'a=b,c'; can't understand 'c'"
            " "            | "invalid selector: ' '; can't understand ' '"
            a=b=c          | invalid field selector: unescaped character in value: 61
            "a=b\\"        | "invalid field selector: invalid escape sequence: \\"
            "a=b\\x"       | "invalid field selector: invalid escape sequence: \\x"
            "a=b\\!"       | "invalid field selector: invalid escape sequence: \\!"
            """)
    void invalidSelectorsAreRefusedWithKubesMessage(String text, String message) {
        assertThatThrownBy(() -> FieldSelector.parse(text))
                .isInstanceOf(SelectorException.class)
                .hasMessage(message);
    }

    @Test
    void selectorsWithTheSameTermsAreEqual() throws SelectorException {
        assertThat(FieldSelector.parse("b=1,a=2")).isEqualTo(FieldSelector.parse("a=2,b=1"))
                .hasSameHashCodeAs(FieldSelector.parse("a=2,b=1"));
        assertThat(FieldSelector.parse("a=1")).isNotEqualTo(FieldSelector.parse("a!=1"));
    }

    private static Function<String, Optional<String>> fields(String text) {
        Map<String, String> values = new HashMap<>();
        if (text != null && !text.isEmpty()) {
            for (String pair : text.split(";")) {
                int eq = pair.indexOf('=');
                values.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return field -> Optional.ofNullable(values.get(field));
    }
}
