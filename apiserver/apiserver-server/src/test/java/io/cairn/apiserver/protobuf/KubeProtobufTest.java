package io.cairn.apiserver.protobuf;

import static io.cairn.apiserver.protobuf.Bodies.body;
import static io.cairn.apiserver.protobuf.Bodies.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class KubeProtobufTest {

    /** {@code kubectl create namespace foo} as kubectl 1.32 sends it. */
    private static final String KUBECTL_CREATE_NAMESPACE =
            "6b3873000a0f0a02763112094e616d657370616365121b0a130a03666f6f12001a0022002a0032003800420012001a020a00"
                    + "1a002200";

    @Test
    void kubectlsCreateNamespaceBodyDecodesToTheJsonKubeWouldHaveSeen() throws Exception {
        String json = KubeProtobuf.decode(hex(KUBECTL_CREATE_NAMESPACE)).toString();

        // kube writes "creationTimestamp":null as well; a null is the same as absent for every JSON client
        assertThat(json).isEqualTo(
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"foo\"},\"spec\":{},\"status\":{}}");
    }

    @ParameterizedTest
    @CsvSource({
        "v1, Namespace, true",
        "v1, Secret, true",
        "apps/v1, Deployment, true",
        "coordination.k8s.io/v1, Lease, true",
        "rbac.authorization.k8s.io/v1, ClusterRoleBinding, true",
        "meta.k8s.io/v1, DeleteOptions, true",
        "apps/v1, DeleteOptions, true",
        "v1, Deployment, false",
        "apps/v1beta1, Deployment, false",
        "v1, Foo, false",
        "meta.k8s.io/v1, Namespace, false",
    })
    void supportsAnswersForTheRegisteredApiVersionAndKindPairsOnly(String apiVersion, String kind, boolean expected) {
        assertThat(KubeProtobuf.supports(apiVersion, kind)).isEqualTo(expected);
    }

    static Stream<Arguments> badBodies() {
        byte[] namespace = hex(KUBECTL_CREATE_NAMESPACE);
        return Stream.of(
                Arguments.of("empty", new byte[0], "empty data"),
                Arguments.of("JSON instead of protobuf", "{\"kind\":\"Namespace\"}".getBytes(),
                        "provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]"),
                Arguments.of("magic only", Bodies.MAGIC, "empty body"),
                Arguments.of("truncated", Arrays.copyOf(namespace, namespace.length - 10), "invalid protobuf body"),
                Arguments.of("unknown kind", body("v1", "Foo", V1.Namespace.getDefaultInstance()),
                        "no kind \"Foo\" is registered for version \"v1\""),
                Arguments.of("kind of another group", body("v1", "Deployment", V1.Namespace.getDefaultInstance()),
                        "no kind \"Deployment\" is registered for version \"v1\""),
                Arguments.of("no kind", body("v1", "", V1.Namespace.getDefaultInstance()),
                        "Object 'Kind' is missing in 'runtime.TypeMeta{APIVersion:\"v1\", Kind:\"\"}'"),
                Arguments.of("no apiVersion", body("", "Namespace", V1.Namespace.getDefaultInstance()),
                        "Object 'apiVersion' is missing in 'runtime.TypeMeta{APIVersion:\"\", Kind:\"Namespace\"}'"),
                Arguments.of("raw is not a message", body("v1", "Namespace", ByteString.copyFrom(new byte[] {0x0a, 0x7f})),
                        "invalid protobuf v1 Namespace"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void aBodyThatIsNotASupportedProtobufObjectIsRefusedWithKubesWording(String name, byte[] body, String message) {
        assertThatThrownBy(() -> KubeProtobuf.decode(body))
                .isInstanceOf(ProtobufBodyException.class)
                .hasMessageStartingWith(message);
    }

    @ParameterizedTest
    @CsvSource({"meta.k8s.io/v1", "v1", "apps/v1", "batch/v1"})
    void deleteOptionsDecodeUnderMetaAndUnderEachResourceGroupVersion(String apiVersion) throws Exception {
        Meta.DeleteOptions options = Meta.DeleteOptions.newBuilder()
                .setGracePeriodSeconds(0)
                .setPropagationPolicy("Foreground")
                .addDryRun("All")
                .setPreconditions(Meta.Preconditions.newBuilder().setUid("4f1c"))
                .build();

        String json = KubeProtobuf.decode(body(apiVersion, "DeleteOptions", options)).toString();

        assertThat(json).isEqualTo("{\"apiVersion\":\"" + apiVersion + "\",\"kind\":\"DeleteOptions\","
                + "\"gracePeriodSeconds\":0,\"preconditions\":{\"uid\":\"4f1c\"},\"propagationPolicy\":\"Foreground\","
                + "\"dryRun\":[\"All\"]}");
    }

    @Test
    void theMediaTypeIsKubesProtobufContentType() {
        assertThat(KubeProtobuf.MEDIA_TYPE).isEqualTo("application/vnd.kubernetes.protobuf");
    }
}
