package io.cairn.apiserver.patch;

import static io.cairn.apiserver.patch.JsonPatchTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class MergePatchTest {

    @ParameterizedTest(name = "[{index}] {0} merged with {1} gives {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            {'tier': 'web'}                    | {'tier': 'api'}                   | {'tier': 'api'}
            {'tier': 'web'}                    | {'zone': 'b'}                     | {'tier': 'web', 'zone': 'b'}
            {'tier': 'web', 'zone': 'b'}       | {'zone': null}                    | {'tier': 'web'}
            {'tier': 'web'}                    | {'zone': null}                    | {'tier': 'web'}
            {'ports': [80, 443]}               | {'ports': [8080]}                 | {'ports': [8080]}
            {'spec': {'replicas': 1, 'paused': true}} | {'spec': {'replicas': 3, 'paused': null}} | {'spec': {'replicas': 3}}
            {'spec': 'flat'}                   | {'spec': {'replicas': 3}}         | {'spec': {'replicas': 3}}
            {'spec': {'replicas': 1}}          | {'spec': 'flat'}                  | {'spec': 'flat'}
            {'a': 1}                           | {'b': {'c': null, 'd': 2}}        | {'a': 1, 'b': {'d': 2}}
            {'a': 1}                           | {}                                | {'a': 1}
            {'a': 1}                           | [1, null]                         | [1, null]
            {'a': 1}                           | 'text'                            | 'text'
            {'a': 1}                           | null                              | null
            [1, 2]                             | {'a': 1}                          | {'a': 1}
            'text'                             | {'a': {'b': null}}                | {'a': {}}
            {'a': [{'b': 1}]}                  | {'a': [{'b': null}]}              | {'a': [{'b': null}]}
            """)
    void membersMergeNullsDeleteAndOtherValuesReplace(String target, String patch, String expected) {
        assertThat(MergePatch.apply(json(target), json(patch))).isEqualTo(json(expected));
    }

    @Test
    void theTargetAndThePatchAreNeverModified() {
        JsonNode target = json("{'a': {'b': 1, 'c': 2}}");
        JsonNode patch = json("{'a': {'b': null, 'd': {'e': 1}}}");

        JsonNode result = MergePatch.apply(target, patch);
        ((tools.jackson.databind.node.ObjectNode) result.get("a").get("d")).put("e", 9);

        assertThat(target).isEqualTo(json("{'a': {'b': 1, 'c': 2}}"));
        assertThat(patch).isEqualTo(json("{'a': {'b': null, 'd': {'e': 1}}}"));
    }
}
