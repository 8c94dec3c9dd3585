package io.cairn.apiserver.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubectl 1.32 with CustomResourceDefinitions against Cairn: a definition is applied and waited for, its custom
 * resources are served under their plural and short name with the definition's printer columns, refused by its
 * schema with kube's message, scaled through the scale subresource, and gone with the definition.
 *
 * <p>Why: custom resources are how most Kubernetes tooling extends the API; kubectl's output for them comes from the
 * server's discovery, tables and errors, so it is the server's behaviour that these lines check.
 */
class KubectlCrdE2eTest {
    @TempDir
    static Path dir;
    private static KubectlServer run;
    private static Kubectl kubectl;

    @BeforeAll
    static void startServer() throws IOException {
        run = KubectlServer.start(dir);
        kubectl = run.kubectl();
        expect("customresourcedefinition.apiextensions.k8s.io/widgets.example.com created\n", "apply",
                "-f", Manifests.write(run.home(), "widgets.yaml", CrdManifests.WIDGETS));
        expect("customresourcedefinition.apiextensions.k8s.io/widgets.example.com condition met\n", "wait",
                "--for=condition=established", "--timeout=30s", "crd/widgets.example.com");
    }

    @AfterAll
    static void stopServer() {
        if (run != null) {
            run.close();
        }
    }

    private static void expect(String stdout, String... args) {
        assertThat(kubectl.run(args)).as("kubectl %s", String.join(" ", args))
                .isEqualTo(new KubectlResult(0, stdout, ""));
    }

    private static String table(String... args) {
        KubectlResult r = kubectl.run(args);
        assertThat(r.stderr()).as("kubectl %s", String.join(" ", args)).isEmpty();
        assertThat(r.exitCode()).isZero();
        return Masks.table(r.stdout());
    }

    private static void widget(String name, String ns, String replicas, String color) {
        kubectl.run("create", "namespace", ns);
        expect("widget.example.com/" + name + " created\n", "apply", "-f",
                Manifests.write(run.home(), name + ".yaml", CrdManifests.widget(name, ns, replicas, color)));
    }

    @Test
    void getByPluralAndShortNamePrintsTheDefinitionsColumns() {
        widget("w1", "cols", "3", "red");
        widget("w2", "cols", "1", "blue");
        String expected = """
                NAME   REPLICAS   SIZE    AGE
                w1     3          small   <age>
                w2     1          small   <age>
                """;
        assertThat(table("get", "widgets", "-n", "cols")).isEqualTo(expected);
        assertThat(table("get", "wd", "-n", "cols")).isEqualTo(expected);
        assertThat(table("get", "wd", "-n", "cols", "-o", "wide")).isEqualTo("""
                NAME   REPLICAS   SIZE    COLOR   AGE
                w1     3          small   red     <age>
                w2     1          small   blue    <age>
                """);
        assertThat(table("get", "gizmos", "-n", "cols")).isEqualTo("""
                NAME   REPLICAS   SIZE    AGE
                w1     3          small   <age>
                w2     1          small   <age>
                """);
    }

    @Test
    void explainDescribesTheCustomKindFromItsDefinitionsSchema() {
        KubectlResult r = kubectl.run("explain", "widgets.spec");

        assertThat(r.stderr()).isEmpty();
        assertThat(r.stdout()).isEqualTo("""
                GROUP:      example.com
                KIND:       Widget
                VERSION:    v1

                FIELD: spec <Object>


                DESCRIPTION:
                    What the widget should look like.
                   \s
                FIELDS:
                  color\t<string> -required-
                    Paint colour, lower-case letters.

                  replicas\t<integer>
                    <no description>

                  size\t<string>
                  enum: small, large
                    <no description>


                """);
    }

    @Test
    void theDefinitionIsEstablishedAndItsKindDiscoverable() {
        KubectlResult crd = kubectl.run("get", "crd", "widgets.example.com");
        assertThat(new KubectlResult(crd.exitCode(), Masks.object(crd.stdout()), crd.stderr())).isEqualTo(
                new KubectlResult(0, "NAME                  CREATED AT\nwidgets.example.com   <time>\n", ""));
        expect("NamesAccepted=True/NoConflicts Established=True/InitialNamesAccepted v1", "get", "crds",
                "widgets.example.com", "-o", "jsonpath={range .status.conditions[*]}{.type}={.status}/{.reason} "
                        + "{end}{.status.storedVersions[0]}");
        expect("""
                NAME      SHORTNAMES   APIVERSION       NAMESPACED   KIND
                widgets   wd           example.com/v1   true         Widget
                """, "api-resources", "--categories=gizmos");
    }

    @Test
    void unknownFieldsArePrunedAndDefaultsApplied() {
        kubectl.run("create", "namespace", "prune");
        // with validation off kubectl asks for fieldValidation=Ignore: the unknown field is dropped silently
        expect("widget.example.com/pruned created\n", "apply", "--validate=false", "-f", Manifests.write(run.home(),
                "pruned.yaml", CrdManifests.widgetWithTypo("pruned", "prune", "2", "green")));
        expect("{\"color\":\"green\",\"replicas\":2,\"size\":\"small\"}", "get", "widget", "pruned", "-n", "prune",
                "-o", "jsonpath={.spec}");
    }

    @Test
    void anUnknownFieldFailsKubectlsDefaultStrictValidation() {
        kubectl.run("create", "namespace", "strict");
        String file = Manifests.write(run.home(), "typo.yaml",
                CrdManifests.widgetWithTypo("typo", "strict", "2", "green"));

        assertThat(kubectl.run("apply", "-f", file)).isEqualTo(new KubectlResult(1, "", "Error from server "
                + "(BadRequest): error when creating \"" + file + "\": Widget in version \"v1\" cannot be handled as"
                + " a Widget: strict decoding error: unknown field \"spec.typo\"\n"));
    }

    @Test
    void everyServedVersionReadsTheSameObject() {
        widget("multi", "versions", "4", "teal");
        expect("example.com/v1beta1 4", "get", "widgets.v1beta1.example.com", "multi", "-n", "versions", "-o",
                "jsonpath={.apiVersion} {.spec.replicas}");
        expect("example.com/v1 4", "get", "widgets.v1.example.com", "multi", "-n", "versions", "-o",
                "jsonpath={.apiVersion} {.spec.replicas}");
    }

    @Test
    void aResourceThatBreaksTheSchemaIsRefusedWithKubesMessage() {
        kubectl.run("create", "namespace", "bad");
        String file = Manifests.write(run.home(), "bad.yaml", CrdManifests.widget("bad", "bad", "\"three\"", "red"));
        assertThat(kubectl.run("create", "-f", file)).isEqualTo(new KubectlResult(1, "",
                "The Widget \"bad\" is invalid: spec.replicas: Invalid value: \"string\": spec.replicas in body must"
                        + " be of type integer: \"string\"\n"));
        String many = Manifests.write(run.home(), "many.yaml", CrdManifests.widget("many", "bad", "11", "Red"));
        assertThat(kubectl.run("create", "-f", many)).isEqualTo(new KubectlResult(1, "",
                "The Widget \"many\" is invalid: \n"
                        + "* spec.color: Invalid value: \"Red\": spec.color in body should match '^[a-z]+$'\n"
                        + "* spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to"
                        + " 10\n"));
    }

    @Test
    void mergeAndJsonPatchesApplyAndStrategicOnesAreRefusedAsForEveryCustomResource() {
        widget("patched", "patch", "1", "red");
        expect("widget.example.com/patched patched\n", "patch", "widget", "patched", "-n", "patch", "--type=merge",
                "-p", "{\"spec\":{\"replicas\":2}}");
        expect("widget.example.com/patched patched\n", "patch", "widget", "patched", "-n", "patch", "--type=json",
                "-p", "[{\"op\":\"replace\",\"path\":\"/spec/color\",\"value\":\"blue\"}]");
        expect("2 blue", "get", "widget", "patched", "-n", "patch", "-o", "jsonpath={.spec.replicas} {.spec.color}");
        assertThat(kubectl.run("patch", "widget", "patched", "-n", "patch", "-p", "{\"spec\":{\"replicas\":3}}"))
                .isEqualTo(new KubectlResult(1, "", "error: application/strategic-merge-patch+json is not supported"
                        + " by example.com/v1, Kind=Widget: the body of the request was in an unknown format -"
                        + " accepted media types include: application/json-patch+json, application/merge-patch+json,"
                        + " application/apply-patch+yaml\n"));
    }

    @Test
    void watchesPrintTheColumnsAndEveryVersionsApiVersion() throws Exception {
        widget("watched", "watch", "1", "red");
        String table = watch("ADDED      watched", "DELETED", () -> {
            expect("widget.example.com/watched scaled\n", "scale", "widget", "watched", "-n", "watch",
                    "--replicas=2");
            expect("widget.example.com \"watched\" deleted\n", "delete", "widget", "watched", "-n", "watch");
        }, "get", "widgets", "-n", "watch", "-w", "--output-watch-events");
        assertThat(Masks.table(table)).isEqualTo("""
                EVENT      NAME      REPLICAS   SIZE    AGE
                ADDED      watched   1          small   <age>
                MODIFIED   watched   2          small   <age>
                DELETED    watched   2          small   <age>
                """);
        widget("beta", "watch", "1", "red");
        String json = watch("ADDED example.com/v1beta1 beta", "DELETED", () -> expect(
                        "widget.example.com \"beta\" deleted\n", "delete", "widget", "beta", "-n", "watch"),
                "get", "widgets.v1beta1.example.com", "-n", "watch", "-w", "--output-watch-events", "-o",
                "jsonpath={.type} {.object.apiVersion} {.object.metadata.name}\n");
        assertThat(json).isEqualTo("ADDED example.com/v1beta1 beta\nDELETED example.com/v1beta1 beta\n");
    }

    /** Runs a kubectl watch, makes the changes once {@code first} was printed, and answers all it printed. */
    private static String watch(String first, String last, Runnable changes, String... args) throws Exception {
        Path out = Files.createTempFile(run.home(), "watch", ".out");
        Path err = Files.createTempFile(run.home(), "watch", ".err");
        Process p = kubectl.start(out, err, args);
        try {
            await(p, out, err, first);
            changes.run();
            await(p, out, err, last);
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void await(Process p, Path out, Path err, String marker) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!Files.readString(out, StandardCharsets.UTF_8).contains(marker)) {
            assertThat(p.isAlive() && Instant.now().isBefore(deadline)).as("watch never printed %s; stdout: %s"
                    + " stderr: %s", marker, Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8)).isTrue();
            Thread.sleep(50);
        }
    }

    @Test
    void scaleWritesThroughTheScaleSubresource() {
        widget("scaled", "scale", "1", "red");
        expect("widget.example.com/scaled scaled\n", "scale", "widget", "scaled", "-n", "scale", "--replicas=5");
        expect("5", "get", "widget", "scaled", "-n", "scale", "-o", "jsonpath={.spec.replicas}");
    }

    @Test
    void aClusterScopedDefinitionWithoutColumnsPrintsNameAndAge() {
        expect("customresourcedefinition.apiextensions.k8s.io/gadgets.example.com created\n", "apply",
                "-f", Manifests.write(run.home(), "gadgets.yaml", CrdManifests.GADGETS));
        expect("customresourcedefinition.apiextensions.k8s.io/gadgets.example.com condition met\n", "wait",
                "--for=condition=established", "--timeout=30s", "crd/gadgets.example.com");
        expect("gadget.example.com/g1 created\n", "apply", "-f", Manifests.write(run.home(),
                "g1.yaml", """
                        apiVersion: example.com/v1
                        kind: Gadget
                        metadata:
                          name: g1
                        spec:
                          anything: [1, 2]
                        status:
                          ready: 1
                        """));
        assertThat(table("get", "gadgets")).isEqualTo("""
                NAME   AGE
                g1     <age>
                """);
        expect("{\"anything\":[1,2]} {\"ready\":1}", "get", "gadget", "g1", "-o", "jsonpath={.spec} {.status}");
    }

    @Test
    void deletingTheDefinitionDeletesItsResourcesAndItsKind() {
        expect("customresourcedefinition.apiextensions.k8s.io/doomed.example.com created\n", "apply",
                "-f", Manifests.write(run.home(), "doomed.yaml", CrdManifests.GADGETS
                        .replace("gadgets", "doomed").replace("Gadget", "Doomed")));
        expect("customresourcedefinition.apiextensions.k8s.io/doomed.example.com condition met\n", "wait",
                "--for=condition=established", "--timeout=30s", "crd/doomed.example.com");
        expect("doomed.example.com/d1 created\n", "apply", "-f", Manifests.write(run.home(),
                "d1.yaml", "apiVersion: example.com/v1\nkind: Doomed\nmetadata:\n  name: d1\n"));
        expect("customresourcedefinition.apiextensions.k8s.io \"doomed.example.com\" deleted\n", "delete", "crd",
                "doomed.example.com", "--timeout=30s");
        // kubectl api-resources refreshes kubectl's discovery cache, as it would against Kubernetes
        assertThat(kubectl.run("api-resources").exitCode()).isZero();
        assertThat(kubectl.run("get", "doomed")).isEqualTo(new KubectlResult(1, "",
                "error: the server doesn't have a resource type \"doomed\"\n"));
        // defined again, the kind starts empty: the resources went with the first definition
        kubectl.run("apply", "-f", run.home().resolve("doomed.yaml").toString());
        expect("customresourcedefinition.apiextensions.k8s.io/doomed.example.com condition met\n", "wait",
                "--for=condition=established", "--timeout=30s", "crd/doomed.example.com");
        kubectl.run("api-resources");
        assertThat(kubectl.run("get", "doomed")).isEqualTo(new KubectlResult(0, "", "No resources found\n"));
    }
}
