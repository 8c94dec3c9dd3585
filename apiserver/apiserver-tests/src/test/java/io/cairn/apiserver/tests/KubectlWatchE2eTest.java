package io.cairn.apiserver.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubectl get -w} against Cairn sees the initial list and then every ADDED, MODIFIED and DELETED event, printed
 * as against Kubernetes 1.32, over Table watches and over plain JSON watches.
 *
 * <p>Why: kubectl asks for Table watch events when it prints columns and for plain objects otherwise; both encodings
 * come from Cairn's watch cache and must match Kubernetes'.
 */
class KubectlWatchE2eTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

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

    private static void ok(String... args) {
        KubectlResult r = kubectl.run(args);
        assertThat(r.exitCode()).as("kubectl %s: %s", String.join(" ", args), r.stderr()).isZero();
    }

    /** Runs a watch, applies the changes once the initial output has appeared, and returns all it printed. */
    private static String watch(String ns, String initialMarker, String lastMarker, Runnable changes,
                                String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile(home, "watch", ".out");
        Path err = Files.createTempFile(home, "watch", ".err");
        Process p = kubectl.start(out, err, args);
        try {
            awaitOutput(p, out, err, initialMarker);
            changes.run();
            awaitOutput(p, out, err, lastMarker);
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void awaitOutput(Process p, Path out, Path err, String marker)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (!Files.readString(out, StandardCharsets.UTF_8).contains(marker)) {
            if (!p.isAlive() || Instant.now().isAfter(deadline)) {
                throw new AssertionError("watch never printed \"" + marker + "\"; stdout: "
                        + Files.readString(out, StandardCharsets.UTF_8) + " stderr: "
                        + Files.readString(err, StandardCharsets.UTF_8) + " alive: " + p.isAlive());
            }
            Thread.sleep(50);
        }
    }

    @Test
    void aTableWatchPrintsTheListThenAddedModifiedAndDeletedRows() throws Exception {
        ok("create", "namespace", "tw");
        ok("create", "configmap", "aa", "-n", "tw", "--from-literal=k=v");
        String printed = watch("tw", "ADDED      aa", "DELETED", () -> {
            ok("create", "configmap", "bb", "-n", "tw");
            ok("label", "configmap", "bb", "-n", "tw", "x=y");
            ok("delete", "configmap", "bb", "-n", "tw");
        }, "get", "cm", "-n", "tw", "-w", "--output-watch-events");
        assertThat(Masks.table(printed)).isEqualTo("""
                EVENT      NAME   DATA   AGE
                ADDED      aa     1      <age>
                ADDED      bb     0      <age>
                MODIFIED   bb     0      <age>
                DELETED    bb     0      <age>
                """);
    }

    @Test
    void aDeploymentTableWatchPrintsTheScaledReplicas() throws Exception {
        ok("create", "namespace", "dw");
        String manifest = Manifests.write(home, "dw.yaml", Manifests.DEPLOYMENT);
        ok("create", "-n", "dw", "-f", manifest);
        String printed = watch("dw", "ADDED      web", "DELETED", () -> {
            ok("scale", "deployment", "web", "-n", "dw", "--replicas=3");
            ok("delete", "deployment", "web", "-n", "dw");
        }, "get", "deploy", "-n", "dw", "-w", "--output-watch-events");
        assertThat(Masks.table(printed)).isEqualTo("""
                EVENT      NAME   READY   UP-TO-DATE   AVAILABLE   AGE
                ADDED      web    0/2     0            0           <age>
                MODIFIED   web    0/3     0            0           <age>
                DELETED    web    0/3     0            0           <age>
                """);
    }

    @Test
    void aJsonWatchDeliversTheSameEventsAsObjects() throws Exception {
        ok("create", "namespace", "jw");
        ok("create", "configmap", "first", "-n", "jw");
        String printed = watch("jw", "ADDED ConfigMap first", "DELETED", () -> {
            ok("create", "configmap", "second", "-n", "jw", "--from-literal=k=v");
            ok("annotate", "configmap", "second", "-n", "jw", "note=hi");
            ok("delete", "configmap", "second", "-n", "jw");
        }, "get", "cm", "-n", "jw", "-w", "--output-watch-events", "-o",
                "jsonpath={.type} {.object.kind} {.object.metadata.name} {.object.metadata.annotations.note}\n");
        assertThat(printed).isEqualTo("""
                ADDED ConfigMap first\s
                ADDED ConfigMap second\s
                MODIFIED ConfigMap second hi
                DELETED ConfigMap second hi
                """);
    }

    @Test
    void aWatchOfOneNameSeesOnlyThatObject() throws Exception {
        ok("create", "namespace", "nw");
        ok("create", "configmap", "mine", "-n", "nw");
        String printed = watch("nw", "mine", "DELETED", () -> {
            ok("create", "configmap", "other", "-n", "nw");
            ok("label", "configmap", "mine", "-n", "nw", "a=b");
            ok("delete", "configmap", "mine", "-n", "nw");
        }, "get", "cm", "mine", "-n", "nw", "-w", "--output-watch-events", "-o",
                "jsonpath={.type} {.object.metadata.name} {.object.metadata.labels.a}\n");
        assertThat(printed).isEqualTo("""
                ADDED mine\s
                MODIFIED mine b
                DELETED mine b
                """);
    }
}
