package io.cairn.apiserver.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Many HTTP watchers share the API server's one store watch: opening them does not add store watchers (read from
 * the store's own {@code etcd_debugging_mvcc_watcher_total}), and every one of them receives each change.
 */
class WatchFanOutE2eTest {
    private static final int WATCHERS = 20;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    @TempDir
    static Path dir;
    static CairnServer server;
    static HttpClient client;

    @BeforeAll
    static void start() throws Exception {
        server = CairnServer.start(dir.resolve("server"));
        client = HttpClient.newBuilder().sslContext(Kubeconfigs.context(server.kubeconfig(),
                Optional.of(Kubeconfigs.admin(server.kubeconfig())))).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(server.url() + path))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static double storeWatchers() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + server.storeEndpoint() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.body().lines().filter(l -> l.startsWith("etcd_debugging_mvcc_watcher_total "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1).trim())).findFirst()
                .orElseThrow();
    }

    @Test
    void manyWatchersShareOneStoreWatchAndAllSeeEachChange() throws Exception {
        HttpResponse<String> created = send("POST", "/api/v1/namespaces/default/configmaps",
                "{\"metadata\":{\"name\":\"fan\"},\"data\":{\"n\":\"0\"}}");
        assertThat(created.statusCode()).isEqualTo(201);
        String rv = JSON.readTree(created.body()).path("metadata").path("resourceVersion").asString();
        double before = storeWatchers();

        List<HttpResponse<Stream<String>>> streams = new ArrayList<>();
        for (int i = 0; i < WATCHERS; i++) {
            streams.add(client.send(HttpRequest.newBuilder(URI.create(server.url()
                    + "/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=" + rv
                    + "&fieldSelector=metadata.name%3Dfan")).GET().build(), HttpResponse.BodyHandlers.ofLines()));
        }
        assertThat(streams).allSatisfy(s -> assertThat(s.statusCode()).isEqualTo(200));
        assertThat(storeWatchers()).isEqualTo(before);

        HttpResponse<String> patched = client.send(HttpRequest.newBuilder(URI.create(server.url()
                        + "/api/v1/namespaces/default/configmaps/fan"))
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"data\":{\"n\":\"1\"}}"))
                .header("Content-Type", "application/merge-patch+json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(patched.statusCode()).isEqualTo(200);
        String newRv = JSON.readTree(patched.body()).path("metadata").path("resourceVersion").asString();

        for (HttpResponse<Stream<String>> s : streams) {
            Iterator<String> lines = s.body().iterator();
            String first = CompletableFuture.supplyAsync(lines::next).get(10, TimeUnit.SECONDS);
            JsonNode event = JSON.readTree(first);
            assertThat(event.path("type").asString()).isEqualTo("MODIFIED");
            assertThat(event.path("object").path("data").path("n").asString()).isEqualTo("1");
            assertThat(event.path("object").path("metadata").path("resourceVersion").asString()).isEqualTo(newRv);
            s.body().close();
        }
    }
}
