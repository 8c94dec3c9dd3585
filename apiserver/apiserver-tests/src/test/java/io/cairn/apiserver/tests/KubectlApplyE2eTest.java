package io.cairn.apiserver.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubectl apply -f} and {@code kubectl create -f} 1.32 with their default validation: kubectl reads Cairn's
 * OpenAPI, leaves validation to the server ({@code fieldValidation=Strict}), and computes client-side apply's
 * strategic merge patches from the published patch strategies.
 *
 * <p>Why end to end: whether kubectl trusts the server to validate, which patch type it sends, and which list
 * elements its three-way merge removes are all decided inside kubectl from the OpenAPI documents; only the real
 * binary shows they are read as Kubernetes' own. Each test works in its own namespace.
 */
class KubectlApplyE2eTest {
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

    /** A Namespace, a ConfigMap, a Deployment (one container with two env vars and two ports) and a Service. */
    private static String shop(String namespace, String colour, String env, String ports) {
        return """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: %1$s
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                  namespace: %1$s
                data:
                  colour: %2$s
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  namespace: %1$s
                spec:
                  replicas: 1
                  selector:
                    matchLabels:
                      app: web
                  template:
                    metadata:
                      labels:
                        app: web
                    spec:
                      containers:
                      - name: nginx
                        image: nginx:1.27
                        env:
                %3$s
                        ports:
                %4$s
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: front
                  namespace: %1$s
                spec:
                  selector:
                    app: web
                  ports:
                  - port: 80
                    targetPort: 8080
                """.formatted(namespace, colour, env, ports);
    }

    private static final String TWO_ENV = """
                    - name: MODE
                      value: live
                    - name: DEBUG
                      value: "false"\
            """;
    private static final String ONE_ENV = """
                    - name: MODE
                      value: live\
            """;
    private static final String TWO_PORTS = """
                    - containerPort: 80
                      name: http
                    - containerPort: 9090
                      name: metrics\
            """;
    private static final String ONE_PORT = """
                    - containerPort: 80
                      name: http\
            """;

    private static KubectlResult apply(String file, String yaml, String... more) {
        String[] args = Stream.concat(Stream.of("apply", "-f", Manifests.write(home, file, yaml)), Stream.of(more))
                .toArray(String[]::new);
        return kubectl.run(args);
    }

    private static String jsonpath(String path, String... target) {
        String[] args = Stream.concat(Stream.of("get"), Stream.concat(Stream.of(target),
                Stream.of("-o", "jsonpath=" + path))).toArray(String[]::new);
        KubectlResult r = kubectl.run(args);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return r.stdout();
    }

    private static String resourceVersions(String ns) {
        return jsonpath("{.metadata.resourceVersion}", "namespace", ns) + " "
                + jsonpath("{range .items[*]}{.kind}={.metadata.resourceVersion} {end}", "cm,deploy,svc", "-n", ns,
                "--field-selector", "metadata.name!=kube-root-ca.crt");
    }

    @Test
    void applyCreatesChangesLeavesUnchangedAndRemovesWhatTheManifestDropped() {
        String ns = "shop";
        assertThat(apply("shop-1.yaml", shop(ns, "red", TWO_ENV, TWO_PORTS), "-v=6")).satisfies(r -> {
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            assertThat(r.stdout()).isEqualTo("namespace/shop created\nconfigmap/settings created\n"
                    + "deployment.apps/web created\nservice/front created\n");
            assertThat(r.stderr()).contains("/openapi/v3?timeout=32s 200 OK", "fieldValidation=Strict")
                    .doesNotContain("warning", "fieldValidation=Ignore");
        });

        assertThat(apply("shop-2.yaml", shop(ns, "blue", TWO_ENV, TWO_PORTS))).isEqualTo(new KubectlResult(0,
                "namespace/shop unchanged\nconfigmap/settings configured\ndeployment.apps/web unchanged\n"
                        + "service/front unchanged\n", ""));
        assertThat(jsonpath("{.data.colour}", "cm", "settings", "-n", ns)).isEqualTo("blue");

        String before = resourceVersions(ns);
        assertThat(apply("shop-3.yaml", shop(ns, "blue", TWO_ENV, TWO_PORTS))).isEqualTo(new KubectlResult(0,
                "namespace/shop unchanged\nconfigmap/settings unchanged\ndeployment.apps/web unchanged\n"
                        + "service/front unchanged\n", ""));
        assertThat(resourceVersions(ns)).isEqualTo(before);

        KubectlResult dropped = apply("shop-4.yaml", shop(ns, "blue", ONE_ENV, ONE_PORT), "-v=6");
        assertThat(dropped.exitCode()).as(dropped.stderr()).isZero();
        assertThat(dropped.stdout()).isEqualTo("namespace/shop unchanged\nconfigmap/settings unchanged\n"
                + "deployment.apps/web configured\nservice/front unchanged\n");
        assertThat(dropped.stderr()).contains("PATCH https://", "/apis/apps/v1/namespaces/shop/deployments/web?"
                + "fieldManager=kubectl-client-side-apply&fieldValidation=Strict 200 OK");
        String container = "{.spec.template.spec.containers[*].name}|{.spec.template.spec.containers[0].env}|"
                + "{.spec.template.spec.containers[0].ports}";
        assertThat(jsonpath(container, "deploy", "web", "-n", ns)).isEqualTo("nginx|"
                + "[{\"name\":\"MODE\",\"value\":\"live\"}]|"
                + "[{\"containerPort\":80,\"name\":\"http\",\"protocol\":\"TCP\"}]");
        assertThat(jsonpath("{.metadata.generation}", "deploy", "web", "-n", ns)).isEqualTo("2");
    }

    @Test
    void applyKeepsFieldsOthersSetAndRemovesAnEnvVarItOnceApplied() {
        String ns = "merge";
        assertThat(apply("merge-1.yaml", shop(ns, "red", TWO_ENV, TWO_PORTS)).exitCode()).isZero();
        assertThat(kubectl.run("set", "image", "deployment/web", "nginx=nginx:1.28", "-n", ns).exitCode()).isZero();
        assertThat(kubectl.run("label", "cm", "settings", "team=blue", "-n", ns).exitCode()).isZero();

        assertThat(apply("merge-2.yaml", shop(ns, "red", ONE_ENV, TWO_PORTS))).isEqualTo(new KubectlResult(0,
                "namespace/merge unchanged\nconfigmap/settings unchanged\ndeployment.apps/web configured\n"
                        + "service/front unchanged\n", ""));
        assertThat(jsonpath("{.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].env}",
                "deploy", "web", "-n", ns)).isEqualTo("nginx:1.27 [{\"name\":\"MODE\",\"value\":\"live\"}]");
        assertThat(jsonpath("{.metadata.labels.team}", "cm", "settings", "-n", ns)).isEqualTo("blue");
    }

    @Test
    void applyOfAManifestWithAnUnknownFieldFailsWithKubesStrictDecodingError() {
        assertThat(kubectl.run("create", "namespace", "strict").exitCode()).isZero();
        String manifest = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: typo
                  namespace: strict
                spec:
                  selector:
                    matchLabels:
                      app: typo
                  template:
                    metadata:
                      labels:
                        app: typo
                    spec:
                      containers:
                      - name: main
                        image: busybox:1.36
                        imagePullPolcy: Always
                """;
        String file = Manifests.write(home, "typo.yaml", manifest);

        KubectlResult r = kubectl.run("apply", "-f", file);

        assertThat(r).isEqualTo(new KubectlResult(1, "", "Error from server (BadRequest): error when creating \""
                + file + "\": Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error:"
                + " unknown field \"spec.template.spec.containers[0].imagePullPolcy\"\n"));
        assertThat(kubectl.run("get", "deploy", "typo", "-n", "strict").exitCode()).isEqualTo(1);
    }

    @Test
    void createFromAManifestWithDefaultValidationCreatesAndRefusesUnknownFields() {
        assertThat(kubectl.run("create", "namespace", "plain").exitCode()).isZero();
        String good = Manifests.write(home, "plain-good.yaml", Manifests.configMap("settings", "one"));
        String bad = Manifests.write(home, "plain-bad.yaml", Manifests.configMap("other", "one") + "spec: {}\n");

        KubectlResult created = kubectl.run("create", "-n", "plain", "-f", good, "-v=6");
        KubectlResult refused = kubectl.run("create", "-n", "plain", "-f", bad);

        assertThat(created.exitCode()).as(created.stderr()).isZero();
        assertThat(created.stdout()).isEqualTo("configmap/settings created\n");
        assertThat(created.stderr()).contains("/api/v1/namespaces/plain/configmaps?fieldManager=kubectl-create"
                + "&fieldValidation=Strict 201 Created");
        assertThat(refused).isEqualTo(new KubectlResult(1, "", "Error from server (BadRequest): error when creating \""
                + bad + "\": ConfigMap in version \"v1\" cannot be handled as a ConfigMap: strict decoding error:"
                + " unknown field \"spec\"\n"));
        assertThat(jsonpath("{.data.key}", "cm", "settings", "-n", "plain")).isEqualTo("one");
    }
}
