package io.cairn.apiserver.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class LabelSelectorTest {

    private static final String NAME_RULE = "must consist of alphanumeric characters, '-', '_' or '.', and must start"
            + " and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for"
            + " validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
    private static final String VALUE_RULE = "a valid label must be an empty string or consist of alphanumeric"
            + " characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or"
            + " 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
    private static final String SUBDOMAIN_RULE = "a lowercase RFC 1123 subdomain must consist of lower case"
            + " alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g."
            + " 'example.com', regex used for validation is"
            + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    private static final String OPERATORS = "in, notin, =, ==, !=, gt, lt";

    @ParameterizedTest(name = "[{index}] \"{0}\" is written canonically as \"{1}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            x=a                  | x=a
            x==a                 | x==a
            x!=a                 | x!=a
            x in (b,a)           | x in (a,b)
            x notin (a)          | x notin (a)
            x in (a,a)           | x in (a)
            x                    | x
            !x                   | !x
            x>1                  | x>1
            x<1                  | x<1
            b=1,a=2              | a=2,b=1
            "  x = a ,  y  "     | x=a,y
            x=                   | x=
            "x=,y"               | x=,y
            x in ()              | x in ()
            "x in (,a)"          | "x in (,a)"
            "x in (a,)"          | "x in (,a)"
            "x in (a,,b)"        | "x in (,a,b)"
            in in (notin)        | in in (notin)
            example.com/x=a      | example.com/x=a
            "x\tin\n(a)"         | x in (a)
            !a,b,!c              | !a,b,!c
            """)
    void validSelectorsHaveKubesCanonicalForm(String text, String canonical) throws SelectorException {
        assertThat(LabelSelector.parse(text.translateEscapes())).hasToString(canonical);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" selects everything")
    @ValueSource(strings = {"", " ", "\t\n"})
    void emptyOrBlankTextSelectsEverything(String text) throws SelectorException {
        LabelSelector selector = LabelSelector.parse(text);

        assertThat(selector.matchesEverything()).isTrue();
        assertThat(selector.matches(Map.of("any", "thing"))).isTrue();
        assertThat(selector).hasToString("");
    }

    @Test
    void aSelectorWithARequirementDoesNotSelectEverything() throws SelectorException {
        assertThat(LabelSelector.parse("x").matchesEverything()).isFalse();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" on [{1}] -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            x=a          | x=a      | true
            x=a          | x=b      | false
            x=a          | ""       | false
            x==a         | x=a      | true
            x!=a         | ""       | true
            x!=a         | x=a      | false
            x!=a         | x=b      | true
            x in (a,b)   | x=b      | true
            x in (a,b)   | x=c      | false
            x in (a,b)   | ""       | false
            x notin (a)  | ""       | true
            x notin (a)  | x=a      | false
            x notin (a)  | x=b      | true
            x            | x=       | true
            x            | y=a      | false
            !x           | y=a      | true
            !x           | x=a      | false
            x>1          | x=2      | true
            x>1          | x=1      | false
            x>1          | x=abc    | false
            x>1          | ""       | false
            x<1          | x=-5     | true
            x<1          | x=1      | false
            x=           | x=       | true
            x=           | ""       | false
            x in ()      | x=       | true
            x=a,y=b      | x=a;y=b  | true
            x=a,y=b      | x=a      | false
            x=a,!y       | x=a      | true
            """)
    void requirementsMatchWithKubesSemantics(String selector, String labels, boolean expected)
            throws SelectorException {
        assertThat(LabelSelector.parse(selector).matches(labels(labels))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" pins {1} to \"{2}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            x=a,y=b     | y | b
            x==a        | x | a
            x in (a)    | x | a
            x=          | x | ""
            """)
    void anExactRequirementExposesItsValue(String selector, String key, String value) throws SelectorException {
        assertThat(LabelSelector.parse(selector).exactValue(key)).contains(value);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" does not pin {1}")
    @CsvSource(delimiter = '|', textBlock = """
            x!=a        | x
            x in (a,b)  | x
            x           | x
            x=a         | y
            """)
    void otherRequirementsPinNoValue(String selector, String key) throws SelectorException {
        assertThat(LabelSelector.parse(selector).exactValue(key)).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" is refused")
    @MethodSource("invalidSelectors")
    void invalidSelectorsAreRefusedWithKubesMessage(String text, String message) {
        assertThatThrownBy(() -> LabelSelector.parse(text))
                .isInstanceOf(SelectorException.class)
                .hasMessage(message);
    }

    static Object[][] invalidSelectors() {
        String requirement = "unable to parse requirement: ";
        return new Object[][] {
            {"a b", requirement + "found 'b', expected: " + OPERATORS},
            {"x=a b", "found 'b', expected: ',' or 'end of string'"},
            {"x=a,", "found '', expected: identifier after ','"},
            {",", "found ',', expected: !, identifier, or 'end of string'"},
            {"(x)", "found '(', expected: !, identifier, or 'end of string'"},
            {"x in (a", requirement + "found '', expected: ',' or ')'"},
            {"x in (a b)", requirement + "found 'b', expected: ',' or ')'"},
            {"x in a", requirement + "found 'a' expected: '('"},
            {"x in (=)", requirement + "found '=', expected: ',', ')' or identifier"},
            {"x in (a,=)", requirement + "found '=', expected: ',', or identifier"},
            {"x=(", requirement + "found '(', expected: identifier"},
            {"!", requirement + "found '', expected: identifier"},
            {"!x=a", "found '=', expected: ',' or 'end of string'"},
            {"x=>a", requirement + "found '>', expected: identifier"},
            {"-x=a", requirement + "<nil>: Invalid value: \"-x\": name part " + NAME_RULE},
            {"a/", requirement + "<nil>: Invalid value: \"a/\": name part must be non-empty; name part "
                    + NAME_RULE},
            {"/x", requirement + "<nil>: Invalid value: \"/x\": prefix part must be non-empty"},
            {"Example.com/x", requirement + "<nil>: Invalid value: \"Example.com/x\": prefix part "
                    + SUBDOMAIN_RULE},
            {"a/b/c", requirement + "<nil>: Invalid value: \"a/b/c\": a qualified name " + NAME_RULE
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"},
            {"k".repeat(64), requirement + "<nil>: Invalid value: \"" + "k".repeat(64)
                    + "\": name part must be no more than 63 characters"},
            {"x=-a", requirement + "values[0][x]: Invalid value: \"-a\": " + VALUE_RULE},
            {"x in (a,-b)", requirement + "values[0][x]: Invalid value: \"-b\": " + VALUE_RULE},
            {"x=" + "v".repeat(64), requirement + "values[0][x]: Invalid value: \"" + "v".repeat(64)
                    + "\": must be no more than 63 characters"},
            {"x>a", requirement + "values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must be an"
                    + " integer"},
            {"x<", requirement + "values[0]: Invalid value: \"\": for 'Gt', 'Lt' operators, the value must be an"
                    + " integer"},
            {"x>99999999999999999999", requirement + "values[0]: Invalid value: \"99999999999999999999\": for 'Gt',"
                    + " 'Lt' operators, the value must be an integer"},
            {"x>-a", requirement + "[values[0]: Invalid value: \"-a\": for 'Gt', 'Lt' operators, the value must be"
                    + " an integer, values[0][x]: Invalid value: \"-a\": " + VALUE_RULE + "]"},
            {"x<-1", requirement + "values[0][x]: Invalid value: \"-1\": " + VALUE_RULE},
            {"x=a\"b", requirement + "values[0][x]: Invalid value: \"a\\\"b\": " + VALUE_RULE},
        };
    }

    @Test
    void selectorsWithTheSameRequirementsAreEqual() throws SelectorException {
        assertThat(LabelSelector.parse("b=1, a in (y,x)")).isEqualTo(LabelSelector.parse("a in (x,y),b=1"))
                .hasSameHashCodeAs(LabelSelector.parse("a in (x,y),b=1"));
        assertThat(LabelSelector.parse("a=1")).isNotEqualTo(LabelSelector.parse("a==1"));
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new HashMap<>();
        if (text == null || text.isEmpty()) {
            return labels;
        }
        for (String pair : text.split(";")) {
            int eq = pair.indexOf('=');
            labels.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return labels;
    }
}
