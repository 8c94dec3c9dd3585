package io.cairn.apiserver.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonPatchTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest(name = "[{index}] {0} with {1} gives {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            {'app': 'web'}                       | [{'op': 'add', 'path': '/tier', 'value': 'front'}]             | {'app': 'web', 'tier': 'front'}
            {'ports': [80, 443]}                 | [{'op': 'add', 'path': '/ports/1', 'value': 8080}]             | {'ports': [80, 8080, 443]}
            {'ports': [80]}                      | [{'op': 'add', 'path': '/ports/-', 'value': 443}]              | {'ports': [80, 443]}
            {'ports': [80]}                      | [{'op': 'add', 'path': '/ports/1', 'value': 443}]              | {'ports': [80, 443]}
            {'ports': [80, 443]}                 | [{'op': 'add', 'path': '/ports/-1', 'value': 1}]               | {'ports': [80, 443, 1]}
            {'app': 'web'}                       | [{'op': 'add', 'path': '/app', 'value': 'api'}]                | {'app': 'api'}
            {'a': {}}                            | [{'op': 'add', 'path': '/a/b', 'value': {'c': [1]}}]           | {'a': {'b': {'c': [1]}}}
            {'app': 'web', 'tier': 'front'}      | [{'op': 'remove', 'path': '/tier'}]                            | {'app': 'web'}
            {'ports': [80, 8080, 443]}           | [{'op': 'remove', 'path': '/ports/1'}]                         | {'ports': [80, 443]}
            {'ports': [80, 8080, 443]}           | [{'op': 'remove', 'path': '/ports/-1'}]                        | {'ports': [80, 8080]}
            {'app': 'web'}                       | [{'op': 'replace', 'path': '/app', 'value': 'api'}]            | {'app': 'api'}
            {'app': 'web'}                       | [{'op': 'replace', 'path': '/tier', 'value': 'back'}]          | {'app': 'web', 'tier': 'back'}
            {'ports': [80, 443]}                 | [{'op': 'replace', 'path': '/ports/0', 'value': 81}]           | {'ports': [81, 443]}
            {'a': 1}                             | [{'op': 'replace', 'path': '', 'value': {'b': 2}}]             | {'b': 2}
            {'a': {'x': 1}, 'b': {}}             | [{'op': 'move', 'from': '/a/x', 'path': '/b/y'}]               | {'a': {}, 'b': {'y': 1}}
            {'list': [1, 2, 3, 4]}               | [{'op': 'move', 'from': '/list/1', 'path': '/list/3'}]         | {'list': [1, 3, 4, 2]}
            {'a': {'x': [1]}}                    | [{'op': 'copy', 'from': '/a/x', 'path': '/b'}]                 | {'a': {'x': [1]}, 'b': [1]}
            {'a': {'x': [1]}}                    | [{'op': 'copy', 'from': '/a', 'path': '/a/y'}]                 | {'a': {'x': [1], 'y': {'x': [1]}}}
            {'a/b': 1, 'm~n': 2}                 | [{'op': 'replace', 'path': '/a~1b', 'value': 3}, {'op': 'remove', 'path': '/m~0n'}] | {'a/b': 3}
            {'': 1}                              | [{'op': 'replace', 'path': '/', 'value': 2}]                   | {'': 2}
            {'n': 1, 'o': {'p': 'q', 'r': [1, 'x']}} | [{'op': 'test', 'path': '/n', 'value': 1.0}, {'op': 'test', 'path': '/o', 'value': {'r': [1, 'x'], 'p': 'q'}}] | {'n': 1, 'o': {'p': 'q', 'r': [1, 'x']}}
            {'n': null}                          | [{'op': 'test', 'path': '/n', 'value': null}]                  | {'n': null}
            {'a': 1}                             | [{'op': 'test', 'path': '', 'value': {'a': 1}}]                | {'a': 1}
            {'a': 1}                             | []                                                             | {'a': 1}
            {'a': 1}                             | null                                                           | {'a': 1}
            [1, 2]                               | [{'op': 'add', 'path': '/0', 'value': 0}]                      | [0, 1, 2]
            {'a': 1}                             | [{'op': 'add', 'path': '/b', 'value': 2}, {'op': 'test', 'path': '/b', 'value': 2}, {'op': 'remove', 'path': '/a'}] | {'b': 2}
            """)
    void operationsApplyInOrder(String target, String patch, String expected) throws PatchException {
        assertThat(JsonPatch.apply(json(target), json(patch))).isEqualTo(json(expected));
    }

    @ParameterizedTest(name = "[{index}] {1} on {0} is refused: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            {'a': 1}        | [{'op': 'test', 'path': '/a', 'value': 2}]              | testing value /a failed: test failed
            {'a': 1}        | [{'op': 'test', 'path': '/b', 'value': 1}]              | testing value /b failed: test failed
            {'a': 1}        | [{'op': 'test', 'path': '/a', 'value': '1'}]            | testing value /a failed: test failed
            {'a': [1, 2]}   | [{'op': 'test', 'path': '/a', 'value': [2, 1]}]         | testing value /a failed: test failed
            {'a': 1}        | [{'op': 'test', 'path': '/x/y', 'value': 1}]            | test operation does not apply: is missing path: /x/y: missing value
            {'a': 1}        | [{'op': 'add', 'path': '/x/y', 'value': 1}]             | "add operation does not apply: doc is missing path: ""/x/y"": missing value"
            {'a': 1}        | [{'op': 'add', 'path': '', 'value': 1}]                 | "add operation does not apply: doc is missing path: ""\"\": missing value"
            {'a': 1}        | [{'op': 'add', 'path': 'a', 'value': 1}]                | "add operation does not apply: doc is missing path: ""a"": missing value"
            {'a': [1]}      | [{'op': 'add', 'path': '/a/2', 'value': 1}]             | error in add for path: '/a/2': Unable to access invalid index: 2: invalid index referenced
            {'a': [1]}      | [{'op': 'add', 'path': '/a/-3', 'value': 1}]            | error in add for path: '/a/-3': Unable to access invalid index: -3: invalid index referenced
            {'a': [1]}      | [{'op': 'add', 'path': '/a/x', 'value': 1}]             | "error in add for path: '/a/x': value was not a proper array index: 'x': strconv.Atoi: parsing ""x"": invalid syntax"
            {'a': 1}        | [{'op': 'remove', 'path': '/b'}]                        | error in remove for path: '/b': Unable to remove nonexistent key: b: missing value
            {'a': [1]}      | [{'op': 'remove', 'path': '/a/1'}]                      | error in remove for path: '/a/1': Unable to access invalid index: 1: invalid index referenced
            {'a': 1}        | [{'op': 'remove', 'path': '/x/y'}]                      | "remove operation does not apply: doc is missing path: ""/x/y"": missing value"
            {'a': [1]}      | [{'op': 'replace', 'path': '/a/5', 'value': 1}]         | replace operation does not apply: doc is missing key: /a/5: missing value
            {'a': 1}        | [{'op': 'replace', 'path': '/x/y', 'value': 1}]         | replace operation does not apply: doc is missing path: /x/y: missing value
            {'a': 1}        | [{'op': 'replace', 'path': '', 'value': 1}]             | replace operation value must be object or array
            {'a': 1}        | [{'op': 'move', 'from': '/x/y', 'path': '/b'}]          | move operation does not apply: doc is missing from path: /x/y: missing value
            {'a': 1}        | [{'op': 'move', 'from': '/a', 'path': '/x/y'}]          | move operation does not apply: doc is missing destination path: /x/y: missing value
            {'a': {'b': 1}} | [{'op': 'move', 'from': '/a', 'path': '/a/c'}]          | move operation does not apply: doc is missing destination path: /a/c: missing value
            {'a': 1}        | [{'op': 'copy', 'from': '/b', 'path': '/c'}]            | copy operation does not apply: doc is missing from path: /b: missing value
            {'a': 1}        | [{'op': 'copy', 'from': '/a', 'path': '/x/y'}]          | copy operation does not apply: doc is missing destination path: /x/y: missing value
            {'a': 1}        | [{'op': 'jump', 'path': '/a'}]                          | Unexpected kind: jump
            {'a': 1}        | [{'path': '/a'}]                                        | Unexpected kind: unknown
            {'a': 1}        | [{'op': 'remove'}]                                      | remove operation failed to decode path: missing value
            {'a': 1}        | [{'op': 'add', 'path': '/b'}]                           | add operation, missing value field: missing value
            """)
    void operationsThatDoNotApplyAreKube422s(String target, String patch, String message) {
        assertThatThrownBy(() -> JsonPatch.apply(json(target), json(patch)))
                .isInstanceOfSatisfying(PatchException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(422);
                    assertThat(e.reason()).isEqualTo("Invalid");
                    assertThat(e.statusMessage()).isEqualTo(PatchException.INVALID_MESSAGE);
                })
                .hasMessage(message);
    }

    @ParameterizedTest(name = "[{index}] {0} is not a patch")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            {'op': 'add'}     | json: cannot unmarshal object into Go value of type jsonpatch.Patch
            'add'             | json: cannot unmarshal string into Go value of type jsonpatch.Patch
            [1]               | json: cannot unmarshal number into Go value of type jsonpatch.Operation
            [[]]              | json: cannot unmarshal array into Go value of type jsonpatch.Operation
            """)
    void undecodablePatchesAreKube400s(String patch, String message) {
        assertThatThrownBy(() -> JsonPatch.apply(json("{}"), json(patch)))
                .isInstanceOfSatisfying(PatchException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.reason()).isEqualTo("BadRequest");
                    assertThat(e.statusMessage()).isEqualTo(message);
                })
                .hasMessage(message);
    }

    @Test
    void theTargetAndThePatchAreNeverModified() throws PatchException {
        JsonNode target = json("{'a': {'b': [1, 2]}, 'c': 1}");
        JsonNode patch = json("[{'op': 'add', 'path': '/a/b/-', 'value': {'d': 1}}, {'op': 'remove', 'path': '/c'},"
                + " {'op': 'add', 'path': '/a/b/2/e', 'value': 2}]");
        JsonNode targetBefore = target.deepCopy();
        JsonNode patchBefore = patch.deepCopy();

        JsonNode result = JsonPatch.apply(target, patch);

        assertThat(result).isEqualTo(json("{'a': {'b': [1, 2, {'d': 1, 'e': 2}]}}"));
        assertThat(target).isEqualTo(targetBefore);
        assertThat(patch).isEqualTo(patchBefore);
    }

    @Test
    void aFailedPatchLeavesTheTargetUntouched() {
        JsonNode target = json("{'a': 1}");

        assertThatThrownBy(() -> JsonPatch.apply(target, json("[{'op': 'remove', 'path': '/a'},"
                + " {'op': 'test', 'path': '/a', 'value': 1}]"))).isInstanceOf(PatchException.class);
        assertThat(target).isEqualTo(json("{'a': 1}"));
    }

    static JsonNode json(String relaxed) {
        return JSON.readTree(relaxed.replace('\'', '"'));
    }
}
