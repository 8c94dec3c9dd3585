package io.cairn.apiserver.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Strategic merge patches ({@code kubectl patch}'s default, and the bodies client-side {@code kubectl apply} sends)
 * leave objects as Kubernetes 1.32 does: lists merge by their declared keys and the directives steer the merge.
 *
 * <p>Why end to end: the media type picks the merge in the request handler, so only a real server shows that kubectl's
 * patches reach the strategic merge and that its stored result is what the next read returns.
 */
class StrategicMergePatchE2eTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DEPLOYMENTS = "/apis/apps/v1/namespaces/default/deployments";
    /** The container fields the server defaults, as kube-apiserver does. */
    private static final String DEFAULTS = ", \"resources\": {}, \"terminationMessagePath\": \"/dev/termination-log\","
            + " \"terminationMessagePolicy\": \"File\"";

    @TempDir
    static Path dir;
    private static CairnServer server;
    private static Kubectl kubectl;
    private static HttpClient http;

    @BeforeAll
    static void startServer() throws Exception {
        KubectlServer run = KubectlServer.start(dir);
        server = run.server();
        kubectl = run.kubectl();
        http = HttpClient.newBuilder().sslContext(Kubeconfigs.context(server.kubeconfig(),
                Optional.of(Kubeconfigs.admin(server.kubeconfig())))).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void kubectlPatchChangesOnlyTheImageOfTheNamedContainer() throws Exception {
        create("web");

        KubectlResult r = kubectl.run("patch", "deployment", "web", "-p",
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.28\"}]}}}}");

        assertThat(r).isEqualTo(new KubectlResult(0, "deployment.apps/web patched\n", ""));
        JsonNode containers = get("web").path("spec").path("template").path("spec").path("containers");
        assertThat(containers).isEqualTo(json("""
                [{"name": "web", "image": "nginx:1.28", "ports": [{"containerPort": 80, "protocol": "TCP"}],
                  "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}]%s,
                  "imagePullPolicy": "IfNotPresent"},
                 {"name": "sidecar", "image": "envoy"%s, "imagePullPolicy": "Always"}]""".formatted(DEFAULTS, DEFAULTS)));
    }

    @Test
    void anApplyStylePatchOrdersContainersDeletesAnEnvVarAndRetainsStrategyKeys() throws Exception {
        create("applied");

        HttpResponse<String> r = patch("applied", """
                {"spec": {
                  "strategy": {"$retainKeys": ["type"], "type": "Recreate"},
                  "template": {"spec": {
                    "$setElementOrder/containers": [{"name": "sidecar"}, {"name": "log"}, {"name": "web"}],
                    "containers": [
                      {"name": "log", "image": "fluentd"},
                      {"name": "web", "$setElementOrder/env": [{"name": "B"}], "env": [{"$patch": "delete", "name": "A"}]}
                    ]}}}}""");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode stored = get("applied");
        assertThat(stored.path("spec").path("strategy")).isEqualTo(json("{\"type\": \"Recreate\"}"));
        assertThat(stored.path("spec").path("template").path("spec").path("containers")).isEqualTo(json("""
                [{"name": "sidecar", "image": "envoy"%s, "imagePullPolicy": "Always"},
                 {"name": "log", "image": "fluentd"%s, "imagePullPolicy": "Always"},
                 {"name": "web", "image": "nginx:1.27", "ports": [{"containerPort": 80, "protocol": "TCP"}],
                  "env": [{"name": "B", "value": "2"}]%s, "imagePullPolicy": "IfNotPresent"}]"""
                .formatted(DEFAULTS, DEFAULTS, DEFAULTS)));
        assertThat(stored.toString()).doesNotContain("$setElementOrder", "$retainKeys", "$patch");
    }

    @Test
    void aListElementWithoutItsMergeKeyIsRefusedAsKubeRefusesIt() throws Exception {
        create("keyless");

        HttpResponse<String> r = patch("keyless",
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"image\":\"nginx:1.28\"}]}}}}");

        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(json(r.body()).has("reason")).as("kube sends no reason for this error").isFalse();
        assertThat(json(r.body()).path("message").asString())
                .isEqualTo("map: map[image:nginx:1.28] does not contain declared merge key: name");
        assertThat(get("keyless").path("spec").path("template").path("spec").path("containers").get(0)
                .path("image").asString()).isEqualTo("nginx:1.27");
    }

    private static void create(String name) throws Exception {
        HttpResponse<String> r = send("POST", DEPLOYMENTS, "application/json", """
                {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "%s"},
                 "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "%s"}},
                  "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 1, "maxUnavailable": 0}},
                  "template": {"metadata": {"labels": {"app": "%s"}}, "spec": {"containers": [
                    {"name": "web", "image": "nginx:1.27", "ports": [{"containerPort": 80, "protocol": "TCP"}],
                     "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}]},
                    {"name": "sidecar", "image": "envoy"}]}}}}""".formatted(name, name, name));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    private static JsonNode get(String name) throws Exception {
        HttpResponse<String> r = send("GET", DEPLOYMENTS + "/" + name, "application/json", "");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r.body());
    }

    private static HttpResponse<String> patch(String name, String body) throws Exception {
        return send("PATCH", DEPLOYMENTS + "/" + name, "application/strategic-merge-patch+json", body);
    }

    private static HttpResponse<String> send(String method, String path, String contentType, String body)
            throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", contentType).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }
}
