package io.cairn.apiserver.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Failing kubectl commands against Cairn print Kubernetes 1.32's error lines and exit with 1.
 *
 * <p>Why: kubectl builds these lines from the server's Status (reason, message, details.kind, details.causes), so
 * each line checks one Status Cairn sends: NotFound, AlreadyExists, Conflict, Invalid and Forbidden.
 */
class KubectlErrorsE2eTest {
    private static final String RFC1123 = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric"
            + " characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com',"
            + " regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    @TempDir
    static Path dir;
    private static CairnServer server;
    private static Kubectl kubectl;
    private static Path home;

    @BeforeAll
    static void startServer() throws IOException {
        KubectlServer run = KubectlServer.start(dir);
        server = run.server();
        kubectl = run.kubectl();
        home = run.home();
        KubectlResult r = kubectl.run("create", "configmap", "taken", "--from-literal=a=1");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("get cm nope", "Error from server (NotFound): configmaps \"nope\" not found"),
                Arguments.of("delete cm nope", "Error from server (NotFound): configmaps \"nope\" not found"),
                Arguments.of("get deployment nope",
                        "Error from server (NotFound): deployments.apps \"nope\" not found"),
                Arguments.of("get cm x -n nowhere", "Error from server (NotFound): namespaces \"nowhere\" not found"),
                Arguments.of("create configmap x -n nowhere",
                        "error: failed to create configmap: namespaces \"nowhere\" not found"),
                Arguments.of("create configmap taken",
                        "error: failed to create configmap: configmaps \"taken\" already exists"),
                Arguments.of("create namespace default",
                        "Error from server (AlreadyExists): namespaces \"default\" already exists"),
                Arguments.of("delete namespace default", "Error from server (Forbidden): namespaces \"default\" is"
                        + " forbidden: this namespace may not be deleted"),
                Arguments.of("delete namespace kube-system", "Error from server (Forbidden): namespaces"
                        + " \"kube-system\" is forbidden: this namespace may not be deleted"),
                Arguments.of("get widgets", "error: the server doesn't have a resource type \"widgets\""));
    }

    @ParameterizedTest(name = "kubectl {0}")
    @MethodSource("failures")
    void aFailingCommandPrintsKubernetesErrorLine(String command, String line) {
        assertThat(kubectl.run(command.split(" "))).isEqualTo(new KubectlResult(1, "", line + "\n"));
    }

    @Test
    void creatingAManifestThatExistsIsAlreadyExists() {
        String file = Manifests.write(home, "taken.yaml", Manifests.configMap("taken", "v"));
        assertThat(kubectl.run("create", "-f", file)).isEqualTo(new KubectlResult(1, "",
                "Error from server (AlreadyExists): error when creating \"" + file
                        + "\": configmaps \"taken\" already exists\n"));
    }

    @Test
    void replacingWithAStaleResourceVersionIsAConflict() {
        assertThat(kubectl.run("create", "configmap", "raced", "--from-literal=a=1").exitCode()).isZero();
        KubectlResult read = kubectl.run("get", "cm", "raced", "-o", "yaml");
        assertThat(read.exitCode()).isZero();
        String file = Manifests.write(home, "raced.yaml", read.stdout().replace("a: \"1\"", "a: \"2\""));
        assertThat(kubectl.run("label", "cm", "raced", "moved=yes").exitCode()).isZero();
        assertThat(kubectl.run("replace", "-f", file)).isEqualTo(new KubectlResult(1, "",
                "Error from server (Conflict): error when replacing \"" + file + "\": Operation cannot be fulfilled"
                        + " on configmaps \"raced\": the object has been modified; please apply your changes to the"
                        + " latest version and try again\n"));
    }

    @Test
    void anInvalidNameIsInvalidWithTheFieldAndTheRule() {
        String file = Manifests.write(home, "bad.yaml", Manifests.configMap("Bad_Name", "v"));
        assertThat(kubectl.run("create", "-f", file)).isEqualTo(new KubectlResult(1, "",
                "The ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": " + RFC1123
                        + "\n"));
    }

    @Test
    void anInvalidNameFromAGeneratorIsReportedWithTheGeneratorsPrefix() {
        assertThat(kubectl.run("create", "configmap", "Bad_Name")).isEqualTo(new KubectlResult(1, "",
                "error: failed to create configmap: ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value:"
                        + " \"Bad_Name\": " + RFC1123 + "\n"));
    }
}
