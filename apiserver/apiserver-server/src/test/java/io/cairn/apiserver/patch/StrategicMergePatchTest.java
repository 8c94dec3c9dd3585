package io.cairn.apiserver.patch;

import static io.cairn.apiserver.patch.JsonPatchTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cairn.apiserver.resource.ResourceCatalog;
import io.cairn.apiserver.resource.ResourceType;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class StrategicMergePatchTest {

    private static final String DEPLOYMENT = "apps/v1 Deployment";

    static Stream<Arguments> merges() {
        return Stream.of(
                Arguments.of("containers merge by name and keep the fields the patch does not mention", DEPLOYMENT,
                        pod("[{'name': 'web', 'image': 'nginx:1.27', 'ports': [{'containerPort': 80}]},"
                                + " {'name': 'sidecar', 'image': 'envoy'}]"),
                        pod("[{'name': 'web', 'image': 'nginx:1.28'}]"),
                        pod("[{'name': 'web', 'image': 'nginx:1.28', 'ports': [{'containerPort': 80}]},"
                                + " {'name': 'sidecar', 'image': 'envoy'}]")),
                Arguments.of("a new container goes before the live ones, as kube places unknown elements",
                        DEPLOYMENT,
                        pod("[{'name': 'web', 'image': 'nginx'}]"),
                        pod("[{'name': 'log', 'image': 'fluentd'}]"),
                        pod("[{'name': 'log', 'image': 'fluentd'}, {'name': 'web', 'image': 'nginx'}]")),
                Arguments.of("an env var is added and another deleted with $patch delete", DEPLOYMENT,
                        pod("[{'name': 'web', 'env': [{'name': 'A', 'value': '1'}, {'name': 'B', 'value': '2'}]}]"),
                        pod("[{'name': 'web', 'env': [{'name': 'C', 'value': '3'}, {'$patch': 'delete', 'name': 'A'}]}]"),
                        pod("[{'name': 'web', 'env': [{'name': 'C', 'value': '3'}, {'name': 'B', 'value': '2'}]}]")),
                Arguments.of("container ports merge by containerPort", DEPLOYMENT,
                        pod("[{'name': 'web', 'ports': [{'containerPort': 80, 'name': 'http'},"
                                + " {'containerPort': 443, 'name': 'https'}]}]"),
                        pod("[{'name': 'web', 'ports': [{'containerPort': 443, 'protocol': 'TCP'}]}]"),
                        pod("[{'name': 'web', 'ports': [{'containerPort': 80, 'name': 'http'},"
                                + " {'containerPort': 443, 'name': 'https', 'protocol': 'TCP'}]}]")),
                Arguments.of("finalizers are unioned without duplicates, patch elements first", DEPLOYMENT,
                        "{'metadata': {'finalizers': ['a', 'b']}}",
                        "{'metadata': {'finalizers': ['c', 'a']}}",
                        "{'metadata': {'finalizers': ['c', 'a', 'b']}}"),
                Arguments.of("$deleteFromPrimitiveList removes finalizers", DEPLOYMENT,
                        "{'metadata': {'finalizers': ['a', 'b', 'c']}}",
                        "{'metadata': {'$deleteFromPrimitiveList/finalizers': ['a', 'c']}}",
                        "{'metadata': {'finalizers': ['b']}}"),
                Arguments.of("$setElementOrder reorders the merged list", DEPLOYMENT,
                        pod("[{'name': 'a'}, {'name': 'b'}, {'name': 'c'}]"),
                        "{'spec': {'template': {'spec': {'$setElementOrder/containers':"
                                + " [{'name': 'c'}, {'name': 'a'}, {'name': 'b'}],"
                                + " 'containers': [{'name': 'a', 'image': 'x'}]}}}}",
                        pod("[{'name': 'c'}, {'name': 'a', 'image': 'x'}, {'name': 'b'}]")),
                Arguments.of("$setElementOrder places a new element where the list names it", DEPLOYMENT,
                        pod("[{'name': 'a'}, {'name': 'b'}]"),
                        "{'spec': {'template': {'spec': {'$setElementOrder/containers':"
                                + " [{'name': 'a'}, {'name': 'n'}, {'name': 'b'}],"
                                + " 'containers': [{'name': 'n', 'image': 'z'}]}}}}",
                        pod("[{'name': 'a'}, {'name': 'n', 'image': 'z'}, {'name': 'b'}]")),
                Arguments.of("a kubectl apply patch changes the image and drops an env var", DEPLOYMENT,
                        pod("[{'name': 'web', 'image': 'nginx:1.27',"
                                + " 'env': [{'name': 'A', 'value': '1'}, {'name': 'B', 'value': '2'}]}]"),
                        "{'spec': {'template': {'spec': {'$setElementOrder/containers': [{'name': 'web'}],"
                                + " 'containers': [{'$setElementOrder/env': [{'name': 'B'}],"
                                + " 'env': [{'$patch': 'delete', 'name': 'A'}], 'image': 'nginx:1.28',"
                                + " 'name': 'web'}]}}}}",
                        pod("[{'name': 'web', 'image': 'nginx:1.28', 'env': [{'name': 'B', 'value': '2'}]}]")),
                Arguments.of("$retainKeys on the strategy switches RollingUpdate to Recreate", DEPLOYMENT,
                        "{'spec': {'strategy': {'type': 'RollingUpdate', 'rollingUpdate': {'maxSurge': 1}}}}",
                        "{'spec': {'strategy': {'$retainKeys': ['type'], 'type': 'Recreate'}}}",
                        "{'spec': {'strategy': {'type': 'Recreate'}}}"),
                Arguments.of("without $retainKeys the strategy merges and keeps rollingUpdate", DEPLOYMENT,
                        "{'spec': {'strategy': {'type': 'RollingUpdate', 'rollingUpdate': {'maxSurge': 1}}}}",
                        "{'spec': {'strategy': {'type': 'Recreate'}}}",
                        "{'spec': {'strategy': {'type': 'Recreate', 'rollingUpdate': {'maxSurge': 1}}}}"),
                Arguments.of("$patch replace in a list replaces the whole list", DEPLOYMENT,
                        pod("[{'name': 'a', 'image': 'x'}, {'name': 'b', 'image': 'y'}]"),
                        pod("[{'name': 'c', 'image': 'z'}, {'$patch': 'replace'}]"),
                        pod("[{'name': 'c', 'image': 'z'}]")),
                Arguments.of("$retainKeys in a volume swaps its source", DEPLOYMENT,
                        "{'spec': {'template': {'spec': {'volumes': [{'name': 'data', 'emptyDir': {}},"
                                + " {'name': 'tmp', 'emptyDir': {}}]}}}}",
                        "{'spec': {'template': {'spec': {'volumes': [{'name': 'data',"
                                + " '$retainKeys': ['configMap', 'name'], 'configMap': {'name': 'cfg'}}]}}}}",
                        "{'spec': {'template': {'spec': {'volumes': [{'name': 'data', 'configMap': {'name': 'cfg'}},"
                                + " {'name': 'tmp', 'emptyDir': {}}]}}}}"),
                Arguments.of("container args have no strategy and are replaced", DEPLOYMENT,
                        pod("[{'name': 'web', 'args': ['--a', '--b']}]"),
                        pod("[{'name': 'web', 'args': ['--c']}]"),
                        pod("[{'name': 'web', 'args': ['--c']}]")),
                Arguments.of("null deletes a label and a spec field", DEPLOYMENT,
                        "{'metadata': {'labels': {'app': 'web', 'tier': 'front'}}, 'spec': {'paused': true}}",
                        "{'metadata': {'labels': {'tier': null}}, 'spec': {'paused': null, 'replicas': 2}}",
                        "{'metadata': {'labels': {'app': 'web'}}, 'spec': {'replicas': 2}}"),
                Arguments.of("$patch replace on a map replaces it", DEPLOYMENT,
                        "{'spec': {'selector': {'matchLabels': {'app': 'web', 'tier': 'front'}}}}",
                        "{'spec': {'selector': {'$patch': 'replace', 'matchLabels': {'app': 'api'}}}}",
                        "{'spec': {'selector': {'matchLabels': {'app': 'api'}}}}"),
                Arguments.of("$patch delete on a map empties it, as kube does", DEPLOYMENT,
                        "{'spec': {'strategy': {'type': 'Recreate'}, 'replicas': 1}}",
                        "{'spec': {'strategy': {'$patch': 'delete'}}}",
                        "{'spec': {'strategy': {}, 'replicas': 1}}"),
                Arguments.of("$patch delete on a map the object lacks adds nothing", DEPLOYMENT,
                        "{'spec': {'replicas': 1}}",
                        "{'spec': {'strategy': {'$patch': 'delete'}}}",
                        "{'spec': {'replicas': 1}}"),
                Arguments.of("a new element is stored without directives or nulls", DEPLOYMENT,
                        pod("[{'name': 'web'}]"),
                        pod("[{'name': 'log', 'image': null, 'env': [{'name': 'X', '$patch': 'merge'}],"
                                + " '$retainKeys': ['name']}]"),
                        pod("[{'name': 'log', 'env': [{'name': 'X'}]}, {'name': 'web'}]")),
                Arguments.of("owner references merge by uid", DEPLOYMENT,
                        "{'metadata': {'ownerReferences': [{'uid': 'u1', 'name': 'a'}, {'uid': 'u2', 'name': 'b'}]}}",
                        "{'metadata': {'ownerReferences': [{'uid': 'u2', 'controller': true}]}}",
                        "{'metadata': {'ownerReferences': [{'uid': 'u1', 'name': 'a'},"
                                + " {'uid': 'u2', 'name': 'b', 'controller': true}]}}"),
                Arguments.of("service ports merge by port", "v1 Service",
                        "{'spec': {'ports': [{'port': 80, 'targetPort': 8080}, {'port': 443}]}}",
                        "{'spec': {'ports': [{'port': 80, 'targetPort': 9090}]}}",
                        "{'spec': {'ports': [{'port': 80, 'targetPort': 9090}, {'port': 443}]}}"),
                Arguments.of("a pod merges its containers by name too", "v1 Pod",
                        "{'spec': {'containers': [{'name': 'a', 'image': 'x'}, {'name': 'b', 'image': 'y'}]}}",
                        "{'spec': {'containers': [{'name': 'b', 'image': 'z'}]}}",
                        "{'spec': {'containers': [{'name': 'a', 'image': 'x'}, {'name': 'b', 'image': 'z'}]}}"),
                Arguments.of("configmap data merges key by key", "v1 ConfigMap",
                        "{'data': {'a': '1', 'b': '2'}}",
                        "{'data': {'b': '3', 'a': null}}",
                        "{'data': {'b': '3'}}"),
                Arguments.of("a null patch leaves the object as it is", DEPLOYMENT,
                        "{'spec': {'replicas': 1}}", "null", "{'spec': {'replicas': 1}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("merges")
    void mergesAsKubeDoes(String behaviour, String kind, String original, String patch, String expected)
            throws PatchException {
        String[] k = kind.split(" ");

        JsonNode result = StrategicMergePatch.apply(k[0], k[1], json(original), json(patch));

        assertThat(result).isEqualTo(json(expected));
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("a list element without its merge key", pod("[{'name': 'web'}]"),
                        pod("[{'image': 'x'}]"), 500, "",
                        "map: map[image:x] does not contain declared merge key: name"),
                Arguments.of("a delete directive without the merge key", pod("[{'name': 'web'}]"),
                        pod("[{'$patch': 'delete', 'image': 'x'}]"), 500, "",
                        "map: map[$patch:delete image:x] does not contain declared merge key: name"),
                Arguments.of("a merge directive in a list", pod("[{'name': 'web'}]"),
                        pod("[{'$patch': 'merge'}]"), 500, "",
                        "merging lists cannot yet be specified in the patch"),
                Arguments.of("an unknown directive in a list", pod("[{'name': 'web'}]"),
                        pod("[{'$patch': 'shuffle', 'name': 'web'}]"), 500, "",
                        "unknown patch type: shuffle in map: map[$patch:shuffle name:web]"),
                Arguments.of("an unknown directive on a map", "{'spec': {'replicas': 1}}",
                        "{'spec': {'$patch': 'merge', 'replicas': 2}}", 500, "",
                        "unknown patch type: merge in map: map[$patch:merge replicas:2]"),
                Arguments.of("$retainKeys that is not a list", "{'spec': {'strategy': {}}}",
                        "{'spec': {'strategy': {'$retainKeys': 'type'}}}", 400, "BadRequest",
                        "invalid patch format of retainKeys"),
                Arguments.of("$retainKeys missing a key the patch sets", "{'spec': {'strategy': {}}}",
                        "{'spec': {'strategy': {'$retainKeys': ['type'], 'rollingUpdate': {}}}}", 400,
                        "BadRequest", "invalid patch format of retainKeys"),
                Arguments.of("$setElementOrder without a list name", pod("[{'name': 'web'}]"),
                        "{'spec': {'template': {'spec': {'$setElementOrderX/containers': []}}}}", 400,
                        "BadRequest", "invalid patch format of setElementOrder list"),
                Arguments.of("$setElementOrder that is not a list", pod("[{'name': 'web'}]"),
                        "{'spec': {'template': {'spec': {'$setElementOrder/containers': 'web'}}}}", 500, "",
                        "expected a []interface {}, but received a string"),
                Arguments.of("$deleteFromPrimitiveList without a list name", "{'metadata': {'finalizers': ['a']}}",
                        "{'metadata': {'$deleteFromPrimitiveList': ['a']}}", 400, "BadRequest",
                        "invalid patch format of primitive list"),
                Arguments.of("a patch list out of the $setElementOrder order", pod("[{'name': 'a'}, {'name': 'b'}]"),
                        "{'spec': {'template': {'spec': {'$setElementOrder/containers': [{'name': 'a'}, {'name': 'b'}],"
                                + " 'containers': [{'name': 'b', 'image': 'y'}, {'name': 'a', 'image': 'x'}]}}}}",
                        500, "", "The order in patch list:\n[map[image:y name:b] map[image:x name:a]]\n doesn't match"
                                + " $setElementOrder list:\n[map[name:a] map[name:b]]\n"),
                Arguments.of("a list of lists", "{'metadata': {'finalizers': []}}",
                        "{'metadata': {'finalizers': [['a']]}}", 422, "Invalid",
                        PatchException.INVALID_MESSAGE),
                Arguments.of("list elements of different types", "{'metadata': {'finalizers': ['a']}}",
                        "{'metadata': {'finalizers': [1]}}", 500, "",
                        "list element types are not identical: [[a] [1]]"),
                Arguments.of("a patch that is not an object", "{}", "[1]", 400, "BadRequest",
                        "json: cannot unmarshal array into Go value of type map[string]interface {}"));
    }

    @ParameterizedTest(name = "{0} is refused")
    @MethodSource("failures")
    void refusesMalformedPatchesWithKubesAnswer(String behaviour, String original, String patch, int status,
                                                 String reason, String message) {
        PatchException e = catchThrowableOfType(PatchException.class,
                () -> StrategicMergePatch.apply("apps/v1", "Deployment", json(original), json(patch)));

        assertThat(e).isNotNull();
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.statusMessage()).isEqualTo(message);
    }

    @Test
    void aKindWithoutDeclaredStrategiesIsAnUnsupportedMediaType() {
        PatchException e = catchThrowableOfType(PatchException.class,
                () -> StrategicMergePatch.apply("example.com/v1", "Widget", json("{}"), json("{'a': 1}")));

        assertThat(e.httpStatus()).isEqualTo(415);
        assertThat(e.reason()).isEqualTo("UnsupportedMediaType");
        assertThat(e.statusMessage()).isEqualTo("the body of the request was in an unknown format - accepted media"
                + " types include: application/json-patch+json, application/merge-patch+json,"
                + " application/apply-patch+yaml");
    }

    @Test
    void everyBuiltInKindHasStrategicMergePatch() throws PatchException {
        for (ResourceType t : ResourceCatalog.builtIn().all()) {
            JsonNode result = StrategicMergePatch.apply(t.apiVersion(), t.kind(), json("{'metadata': {'name': 'a'}}"),
                    json("{'metadata': {'finalizers': ['x']}}"));

            assertThat(result).as(t.kind()).isEqualTo(json("{'metadata': {'name': 'a', 'finalizers': ['x']}}"));
        }
    }

    @Test
    void anObjectFieldTheModelDoesNotKnowFailsTheLookup() {
        PatchException e = catchThrowableOfType(PatchException.class, () -> StrategicMergePatch.apply("apps/v1",
                "Deployment", json("{'spec': {'bogus': {'a': 1}}}"), json("{'spec': {'bogus': {'a': 2}}}")));

        assertThat(e.httpStatus()).isEqualTo(500);
        assertThat(e.statusMessage())
                .isEqualTo("unable to find api field in struct DeploymentSpec for the json field \"bogus\"");
    }

    @Test
    void theObjectAndThePatchAreNeverModified() throws PatchException {
        JsonNode original = json(pod("[{'name': 'web', 'env': [{'name': 'A'}]}]"));
        JsonNode patch = json(pod("[{'name': 'web', 'env': [{'$patch': 'delete', 'name': 'A'}]}]"));
        JsonNode originalCopy = original.deepCopy();
        JsonNode patchCopy = patch.deepCopy();

        JsonNode result = StrategicMergePatch.apply("apps/v1", "Deployment", original, patch);

        assertThat(result).isEqualTo(json(pod("[{'name': 'web', 'env': []}]")));
        assertThat(original).isEqualTo(originalCopy);
        assertThat(patch).isEqualTo(patchCopy);
    }

    /** A deployment whose pod template has these containers. */
    private static String pod(String containers) {
        return "{'spec': {'template': {'spec': {'containers': " + containers + "}}}}";
    }
}
