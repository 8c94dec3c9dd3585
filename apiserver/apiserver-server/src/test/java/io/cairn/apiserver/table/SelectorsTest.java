package io.cairn.apiserver.table;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.MissingNode;

class SelectorsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {}                                  | <none>
            {"b":"2","a":"1"}                   | a=1,b=2
            {"app":""}                          | app=
            """)
    void formatsALabelMapSortedByKey(String labels, String expected) {
        assertThat(Selectors.formatLabels(Fixtures.parse(labels))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {}                                                                     | <none>
            {"matchLabels":{}}                                                     | <none>
            {"matchLabels":{"app":"nginx"}}                                        | app=nginx
            {"matchExpressions":[{"key":"k","operator":"In","values":["b","a"]}]}  | k in (a,b)
            {"matchExpressions":[{"key":"k","operator":"NotIn","values":["x"]}]}   | k notin (x)
            {"matchExpressions":[{"key":"k","operator":"Exists"}]}                 | k
            {"matchExpressions":[{"key":"k","operator":"DoesNotExist"}]}           | !k
            {"matchLabels":{"z":"1"},"matchExpressions":[{"key":"a","operator":"Exists"}]} | a,z=1
            {"matchExpressions":[{"key":"k","operator":"Near"}]}                   | <error>
            """)
    void formatsALabelSelectorInCanonicalForm(String selector, String expected) {
        assertThat(Selectors.formatLabelSelector(Fixtures.parse(selector))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> [{1}]")
    @CsvSource(delimiter = '|', emptyValue = "", textBlock = """
            {}                                                       | ''
            {"matchLabels":{"app":"web"}}                             | app=web
            {"matchExpressions":[{"key":"k","operator":"Near"}]}     | <invalid>
            """)
    void formatsADeploymentSelectorWithoutPlaceholderForEmpty(String selector, String expected) {
        assertThat(Selectors.selectorString(Fixtures.parse(selector))).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void printsNoneForAnAbsentSelector() {
        assertThat(Selectors.formatLabelSelector(MissingNode.getInstance())).isEqualTo("<none>");
        assertThat(Selectors.formatLabels(MissingNode.getInstance())).isEqualTo("<none>");
    }
}
