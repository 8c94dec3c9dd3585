package io.cairn.apiserver.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * kubectl's writing commands (create, replace, patch, label, annotate, scale, delete, server dry runs) against Cairn
 * print what they print against Kubernetes 1.32, and the objects end up as Kubernetes would leave them.
 *
 * <p>Why: these commands decide their messages from the server's answers (for example "(no change)" from an
 * unchanged object, the delete wait from a 404), so the printed lines are server behaviour. Each test works in its
 * own namespace so tests cannot see each other's objects.
 */
class KubectlWriteE2eTest {
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
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static void expect(String stdout, String... args) {
        assertThat(kubectl.run(args)).as("kubectl %s", String.join(" ", args))
                .isEqualTo(new KubectlResult(0, stdout, ""));
    }

    private static String jsonpath(String path, String... target) {
        String[] args = Stream.concat(Stream.of("get"), Stream.concat(Stream.of(target),
                Stream.of("-o", "jsonpath=" + path))).toArray(String[]::new);
        KubectlResult r = kubectl.run(args);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return r.stdout();
    }

    @Test
    void createNamespaceAndConfigMapFromLiteralsPrintCreated() {
        expect("namespace/lit created\n", "create", "namespace", "lit");
        expect("configmap/colours created\n", "create", "configmap", "colours", "-n", "lit",
                "--from-literal=red=ff0000", "--from-literal=blue=0000ff");
        assertThat(jsonpath("{.data}", "cm", "colours", "-n", "lit")).isEqualTo("{\"blue\":\"0000ff\",\"red\":\"ff0000\"}");
    }

    static Stream<Arguments> manifests() {
        return Stream.of(
                Arguments.of(Manifests.configMap("settings", "one"), "configmap/settings created\n"),
                Arguments.of(Manifests.DEPLOYMENT, "deployment.apps/web created\n"),
                Arguments.of(Manifests.POD, "pod/p1 created\n"),
                Arguments.of(Manifests.NODE, "node/n1 created\n"),
                Arguments.of(Manifests.SERVICE, "service/front created\n"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("manifests")
    void createFromAManifestPrintsCreated(String manifest, String expected) {
        kubectl.run("create", "namespace", "files");
        String file = Manifests.write(home, "create-" + expected.substring(0, expected.indexOf(' ')).replace('/', '-')
                + ".yaml", manifest);
        expect(expected, "create", "-f", file, "-n", "files");
    }

    @Test
    void replaceFromAManifestPrintsReplacedAndBumpsTheGeneration() {
        expect("namespace/rep created\n", "create", "namespace", "rep");
        expect("deployment.apps/web created\n", "create", "-n", "rep", "-f",
                Manifests.write(home, "rep-1.yaml", Manifests.DEPLOYMENT));
        expect("deployment.apps/web replaced\n", "replace", "-n", "rep", "-f",
                Manifests.write(home, "rep-2.yaml", Manifests.DEPLOYMENT.replace("nginx:1.27", "nginx:1.28")));
        assertThat(jsonpath("{.spec.template.spec.containers[0].image} {.metadata.generation}", "deploy", "web",
                "-n", "rep")).isEqualTo("nginx:1.28 2");
        expect("configmap/settings created\n", "create", "-n", "rep", "-f",
                Manifests.write(home, "rep-3.yaml", Manifests.configMap("settings", "one")));
        expect("configmap/settings replaced\n", "replace", "-n", "rep", "-f",
                Manifests.write(home, "rep-4.yaml", Manifests.configMap("settings", "two")));
        assertThat(jsonpath("{.data.key}", "cm", "settings", "-n", "rep")).isEqualTo("two");
    }

    @Test
    void createFromAManifestWithGenerateNamePrintsTheGeneratedName() {
        expect("namespace/gen created\n", "create", "namespace", "gen");
        String file = Manifests.write(home, "gen.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  generateName: cache-
                """);
        KubectlResult r = kubectl.run("create", "-n", "gen", "-f", file);
        assertThat(r.stderr()).isEmpty();
        assertThat(Masks.generatedName(r.stdout(), "cache-")).isEqualTo("configmap/cache-<suffix> created\n");
        assertThat(kubectl.run("get", "cm", "-n", "gen", "-o", "name").stdout()).isEqualTo(r.stdout()
                .replace(" created", ""));
    }

    @Test
    void patchPrintsPatchedAndNoChangeWhenNothingChanged() {
        expect("namespace/pat created\n", "create", "namespace", "pat");
        expect("configmap/c created\n", "create", "configmap", "c", "-n", "pat", "--from-literal=a=1");
        expect("configmap/c patched\n", "patch", "cm", "c", "-n", "pat", "--type", "merge", "-p",
                "{\"data\":{\"a\":\"2\"}}");
        expect("configmap/c patched\n", "patch", "cm", "c", "-n", "pat", "--type", "json", "-p",
                "[{\"op\":\"add\",\"path\":\"/data/b\",\"value\":\"3\"}]");
        expect("configmap/c patched (no change)\n", "patch", "cm", "c", "-n", "pat", "--type", "merge", "-p",
                "{\"data\":{\"a\":\"2\"}}");
        assertThat(jsonpath("{.data}", "cm", "c", "-n", "pat")).isEqualTo("{\"a\":\"2\",\"b\":\"3\"}");
    }

    @Test
    void labelAddsOverwritesOnlyWhenToldAndRemovesWithATrailingDash() {
        expect("namespace/lab created\n", "create", "namespace", "lab");
        expect("configmap/c created\n", "create", "configmap", "c", "-n", "lab");
        expect("configmap/c labeled\n", "label", "cm", "c", "-n", "lab", "tier=db");
        assertThat(kubectl.run("label", "cm", "c", "-n", "lab", "tier=web")).isEqualTo(new KubectlResult(1, "",
                "error: 'tier' already has a value (db), and --overwrite is false\n"));
        expect("configmap/c labeled\n", "label", "cm", "c", "-n", "lab", "tier=web", "--overwrite");
        assertThat(jsonpath("{.metadata.labels}", "cm", "c", "-n", "lab")).isEqualTo("{\"tier\":\"web\"}");
        expect("configmap/c unlabeled\n", "label", "cm", "c", "-n", "lab", "tier-");
        assertThat(jsonpath("{.metadata.labels}", "cm", "c", "-n", "lab")).isEmpty();
    }

    @Test
    void annotateAddsOverwritesOnlyWhenToldAndRemovesWithATrailingDash() {
        expect("namespace/ann created\n", "create", "namespace", "ann");
        expect("configmap/c created\n", "create", "configmap", "c", "-n", "ann");
        expect("configmap/c annotated\n", "annotate", "cm", "c", "-n", "ann", "owner=alice");
        assertThat(kubectl.run("annotate", "cm", "c", "-n", "ann", "owner=bob")).isEqualTo(new KubectlResult(1, "",
                "error: --overwrite is false but found the following declared annotation(s): 'owner' already has a"
                        + " value (alice)\n"));
        expect("configmap/c annotated\n", "annotate", "cm", "c", "-n", "ann", "owner=bob", "--overwrite");
        assertThat(jsonpath("{.metadata.annotations}", "cm", "c", "-n", "ann")).isEqualTo("{\"owner\":\"bob\"}");
        expect("configmap/c annotated\n", "annotate", "cm", "c", "-n", "ann", "owner-");
        assertThat(jsonpath("{.metadata.annotations}", "cm", "c", "-n", "ann")).isEmpty();
    }

    @Test
    void scaleSetsTheDeploymentsReplicas() {
        expect("namespace/sca created\n", "create", "namespace", "sca");
        expect("deployment.apps/web created\n", "create", "-n", "sca", "-f",
                Manifests.write(home, "sca.yaml", Manifests.DEPLOYMENT));
        expect("deployment.apps/web scaled\n", "scale", "deployment", "web", "-n", "sca", "--replicas=3");
        assertThat(jsonpath("{.spec.replicas}", "deploy", "web", "-n", "sca")).isEqualTo("3");
    }

    @Test
    void deleteWaitsUntilTheObjectIsGone() {
        expect("namespace/del created\n", "create", "namespace", "del");
        expect("configmap/x created\n", "create", "configmap", "x", "-n", "del");
        expect("configmap \"x\" deleted\n", "delete", "cm", "x", "-n", "del");
        assertThat(kubectl.run("get", "cm", "x", "-n", "del")).isEqualTo(new KubectlResult(1, "",
                "Error from server (NotFound): configmaps \"x\" not found\n"));
    }

    @Test
    void deleteBySelectorAndAllDeleteEachMatchingObject() {
        expect("namespace/sel created\n", "create", "namespace", "sel");
        for (String name : new String[] {"a", "b", "c"}) {
            expect("configmap/" + name + " created\n", "create", "configmap", name, "-n", "sel");
        }
        expect("configmap/a labeled\nconfigmap/b labeled\n", "label", "cm", "a", "b", "-n", "sel", "tmp=yes");
        expect("configmap \"a\" deleted\nconfigmap \"b\" deleted\n", "delete", "cm", "-n", "sel", "-l", "tmp=yes");
        expect("No resources found\n", "delete", "cm", "-n", "sel", "-l", "tmp=yes");
        expect("configmap \"c\" deleted\n", "delete", "cm", "-n", "sel", "--all");
    }

    @Test
    void deletingANamespaceWithContentWaitsUntilItAndItsContentAreGone() {
        expect("namespace/full created\n", "create", "namespace", "full");
        expect("configmap/x created\n", "create", "configmap", "x", "-n", "full");
        expect("deployment.apps/web created\n", "create", "-n", "full", "-f",
                Manifests.write(home, "full.yaml", Manifests.DEPLOYMENT));
        expect("namespace \"full\" deleted\n", "delete", "namespace", "full");
        assertThat(kubectl.run("get", "ns", "full")).isEqualTo(new KubectlResult(1, "",
                "Error from server (NotFound): namespaces \"full\" not found\n"));
        assertThat(kubectl.run("get", "cm,deploy", "-A", "--field-selector", "metadata.namespace=full"))
                .isEqualTo(new KubectlResult(0, "", "No resources found\n"));
    }

    @Test
    void aTerminatingNamespaceRefusesNewContentAndGoesOnceItsLastFinalizerIsRemoved() throws Exception {
        expect("namespace/term created\n", "create", "namespace", "term");
        expect("configmap/held created\n", "create", "-n", "term", "-f",
                Manifests.write(home, "held.yaml", """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata:
                          name: held
                          finalizers:
                          - example.com/hold
                        """));
        expect("namespace \"term\" deleted\n", "delete", "namespace", "term", "--wait=false");
        assertThat(Masks.table(kubectl.run("get", "ns", "term").stdout())).isEqualTo("""
                NAME   STATUS        AGE
                term   Terminating   <age>
                """);
        assertThat(kubectl.run("create", "configmap", "late", "-n", "term")).isEqualTo(new KubectlResult(1, "",
                "error: failed to create configmap: configmaps \"late\" is forbidden: unable to create new content in"
                        + " namespace term because it is being terminated\n"));
        // kubectl wait must first see the namespace (else it prints nothing), so it starts before the finalizer goes
        Path out = home.resolve("wait.out");
        Path err = home.resolve("wait.err");
        Process waiting = kubectl.start(out, err, "wait", "--for=delete", "namespace/term", "--timeout=60s", "-v=6");
        try {
            Instant deadline = Instant.now().plusSeconds(30);
            while (!Files.readString(err).contains("/api/v1/namespaces/term 200 OK")) {
                assertThat(waiting.isAlive() && Instant.now().isBefore(deadline))
                        .as("kubectl wait read the namespace; stderr: %s", Files.readString(err)).isTrue();
                Thread.sleep(50);
            }
            expect("configmap/held patched\n", "patch", "cm", "held", "-n", "term", "--type", "json", "-p",
                    "[{\"op\":\"remove\",\"path\":\"/metadata/finalizers\"}]");
            assertThat(waiting.waitFor(90, TimeUnit.SECONDS)).as("kubectl wait exited").isTrue();
            assertThat(waiting.exitValue()).as(Files.readString(err)).isZero();
            assertThat(Files.readString(out)).isEqualTo("namespace/term condition met\n");
        } finally {
            waiting.destroy();
        }
    }

    @Test
    void serverDryRunCreateAndDeleteChangeNothing() {
        expect("namespace/dry created\n", "create", "namespace", "dry");
        expect("configmap/kept created\n", "create", "configmap", "kept", "-n", "dry");
        expect("configmap/ghost created (server dry run)\n", "create", "configmap", "ghost", "-n", "dry",
                "--dry-run=server");
        expect("deployment.apps/web created (server dry run)\n", "create", "-n", "dry",
                "--dry-run=server", "-f", Manifests.write(home, "dry.yaml", Manifests.DEPLOYMENT));
        expect("configmap \"kept\" deleted (server dry run)\n", "delete", "cm", "kept", "-n", "dry",
                "--dry-run=server");
        expect("configmap/kept\n", "get", "cm,deploy", "-n", "dry", "-o", "name");
    }
}
