package io.cairn.apiserver.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.reflect.TypeToken;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.util.Watch;
import java.io.IOException;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Watch bookmarks from a real {@code cairn server} started with a one-second bookmark interval, read as raw HTTP
 * lines and through client-java.
 *
 * <p>Why: informers ask for bookmarks so that a resumed watch starts from a recent resourceVersion instead of one
 * the server has long forgotten; and {@code sendInitialEvents} clients (the streaming-list informers) wait for the
 * bookmark that marks the end of the initial state. A bookmark must carry nothing but the resourceVersion, never
 * precede an older change, and only go to watchers that asked for it.
 *
 * <p>Like kube-apiserver's watch cache, Cairn only bookmarks a resourceVersion newer than the one the watch started
 * from, so each test moves the store on with a change the watch does not select (in another namespace).
 */
class WatchBookmarkE2eTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Type CONFIG_MAP_EVENT = new TypeToken<Watch.Response<V1ConfigMap>>() { }.getType();
    private static final AtomicInteger SEQ = new AtomicInteger();
    @TempDir
    static Path dir;
    static CairnServer server;
    static HttpClient http;
    static ApiClient client;
    static CoreV1Api core;

    @BeforeAll
    static void start() throws Exception {
        server = CairnServer.start(dir, "--apiserver-bookmark-interval", "1s");
        http = HttpClient.newBuilder().sslContext(Kubeconfigs.context(server.kubeconfig(),
                Optional.of(Kubeconfigs.admin(server.kubeconfig())))).connectTimeout(Duration.ofSeconds(10)).build();
        client = JavaClients.of(server);
        core = new CoreV1Api(client);
        core.createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name("bm-elsewhere"))).execute();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** A watch's events, one parsed JSON line each, read on a background thread. */
    record Events(BlockingQueue<JsonNode> queue, CompletableFuture<HttpResponse<Stream<String>>> response)
            implements AutoCloseable {
        JsonNode next(int seconds) throws InterruptedException {
            JsonNode n = queue.poll(seconds, TimeUnit.SECONDS);
            assertThat(n).as("an event within %d s", seconds).isNotNull();
            return n;
        }

        /** The next event that is not a bookmark. */
        JsonNode nextChange(int seconds) throws InterruptedException {
            JsonNode n = next(seconds);
            while (n.path("type").asString().equals("BOOKMARK")) {
                n = next(seconds);
            }
            return n;
        }

        @Override
        public void close() {
            response.cancel(true);
            response.thenAccept(r -> r.body().close());
        }
    }

    static Events watch(String ns, String query) {
        BlockingQueue<JsonNode> queue = new LinkedBlockingQueue<>();
        HttpRequest req = HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/namespaces/" + ns
                + "/configmaps?watch=true&timeoutSeconds=60&" + query)).header("Accept", "application/json").GET()
                .build();
        CompletableFuture<HttpResponse<Stream<String>>> response = http.sendAsync(req,
                HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(r -> {
            try (Stream<String> lines = r.body()) {
                lines.filter(l -> !l.isBlank()).forEach(l -> queue.add(JSON.readTree(l)));
            } catch (RuntimeException e) {
                // the test closed the watch
            }
        });
        return new Events(queue, response);
    }

    static String namespace() throws ApiException {
        String ns = "bm-" + SEQ.incrementAndGet();
        core.createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name(ns))).execute();
        return ns;
    }

    /** A change outside the watched namespace: the store's revision moves, the watch gets no event for it. */
    static void changeElsewhere() throws ApiException {
        create("bm-elsewhere", "other-" + SEQ.incrementAndGet());
    }

    static V1ConfigMap create(String ns, String name) throws ApiException {
        return core.createNamespacedConfigMap(ns, new V1ConfigMap().metadata(new V1ObjectMeta().name(name))
                .data(Map.of("v", "1"))).execute();
    }

    static String listRv(String ns) throws ApiException {
        return core.listNamespacedConfigMap(ns).execute().getMetadata().getResourceVersion();
    }

    static long rv(JsonNode event) {
        return Long.parseLong(event.path("object").path("metadata").path("resourceVersion").asString());
    }

    @Test
    void aBookmarkCarriesOnlyKindApiVersionAndAResourceVersionNotOlderThanTheList() throws Exception {
        String ns = namespace();
        create(ns, "present");
        String listRv = listRv(ns);

        try (Events events = watch(ns, "allowWatchBookmarks=true&resourceVersion=" + listRv)) {
            // Cairn opens a bookmark-accepting watch with nothing to replay with a bookmark at its start
            // (fabric8's informers count a watch as running from its first message); then the periodic ones follow
            JsonNode opening = events.next(15);
            assertThat(opening.path("type").asString()).isEqualTo("BOOKMARK");
            assertThat(rv(opening)).isEqualTo(Long.parseLong(listRv));
            changeElsewhere();
            JsonNode bookmark = events.next(15);

            assertThat(bookmark.path("type").asString()).isEqualTo("BOOKMARK");
            JsonNode object = bookmark.path("object");
            assertThat(object.propertyNames()).containsExactlyInAnyOrder("kind", "apiVersion", "metadata");
            assertThat(object.path("kind").asString()).isEqualTo("ConfigMap");
            assertThat(object.path("apiVersion").asString()).isEqualTo("v1");
            assertThat(object.path("metadata").propertyNames()).containsExactly("resourceVersion");
            assertThat(rv(bookmark)).isGreaterThan(Long.parseLong(listRv));
        }
    }

    @Test
    void aWatchThatDidNotAskForBookmarksGetsNone() throws Exception {
        String ns = namespace();
        String listRv = listRv(ns);

        try (Events with = watch(ns, "allowWatchBookmarks=true&resourceVersion=" + listRv);
             Events without = watch(ns, "resourceVersion=" + listRv)) {
            changeElsewhere();
            for (int i = 0; i < 3; i++) {
                assertThat(with.next(15).path("type").asString()).isEqualTo("BOOKMARK");
            }
            assertThat(without.queue()).isEmpty();

            // the plain watch is alive all along: it sees the next change
            create(ns, "proof");
            JsonNode change = without.next(15);
            assertThat(change.path("type").asString()).isEqualTo("ADDED");
            assertThat(change.path("object").path("metadata").path("name").asString()).isEqualTo("proof");
        }
    }

    @Test
    void aChangeAfterABookmarkArrivesWithAHigherResourceVersion() throws Exception {
        String ns = namespace();
        create(ns, "target");
        String listRv = listRv(ns);

        try (Events events = watch(ns, "allowWatchBookmarks=true&resourceVersion=" + listRv)) {
            // Cairn opens a bookmark-accepting watch with nothing to replay with a bookmark at its start
            // (fabric8's informers count a watch as running from its first message); then the periodic ones follow
            JsonNode opening = events.next(15);
            assertThat(opening.path("type").asString()).isEqualTo("BOOKMARK");
            assertThat(rv(opening)).isEqualTo(Long.parseLong(listRv));
            changeElsewhere();
            JsonNode bookmark = events.next(15);
            assertThat(bookmark.path("type").asString()).isEqualTo("BOOKMARK");

            V1ConfigMap current = core.readNamespacedConfigMap("target", ns).execute();
            core.replaceNamespacedConfigMap("target", ns, current.data(Map.of("v", "2"))).execute();

            JsonNode change = events.nextChange(15);
            assertThat(change.path("type").asString()).isEqualTo("MODIFIED");
            assertThat(change.path("object").path("data").path("v").asString()).isEqualTo("2");
            assertThat(rv(change)).isGreaterThan(rv(bookmark));
        }
    }

    @Test
    void sendInitialEventsGivesEveryObjectAsAddedThenTheInitialEventsEndBookmark() throws Exception {
        String ns = namespace();
        long newest = 0;
        for (String name : List.of("one", "two", "three")) {
            newest = Math.max(newest, Long.parseLong(create(ns, name).getMetadata().getResourceVersion()));
        }

        try (Events events = watch(ns,
                "sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true")) {
            List<String> added = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                JsonNode e = events.next(15);
                assertThat(e.path("type").asString()).isEqualTo("ADDED");
                added.add(e.path("object").path("metadata").path("name").asString());
            }
            JsonNode end = events.next(15);

            assertThat(added).containsExactlyInAnyOrder("one", "two", "three");
            assertThat(end.path("type").asString()).isEqualTo("BOOKMARK");
            assertThat(end.path("object").path("metadata").path("annotations")
                    .path("k8s.io/initial-events-end").asString()).isEqualTo("true");
            assertThat(rv(end)).isGreaterThanOrEqualTo(newest);
        }
    }

    @Test
    void clientJavasWatchSurfacesBookmarks() throws ApiException, IOException {
        String ns = namespace();
        String listRv = listRv(ns);

        try (Watch<V1ConfigMap> w = Watch.createWatch(client, core.listNamespacedConfigMap(ns).watch(true)
                .allowWatchBookmarks(true).resourceVersion(listRv).timeoutSeconds(30).buildCall(null),
                CONFIG_MAP_EVENT)) {
            Watch.Response<V1ConfigMap> opening = w.next();
            assertThat(opening.type).isEqualTo("BOOKMARK");
            assertThat(opening.object.getMetadata().getResourceVersion()).isEqualTo(listRv);
            changeElsewhere();
            Watch.Response<V1ConfigMap> ev = w.next();

            assertThat(ev.type).isEqualTo("BOOKMARK");
            assertThat(Long.parseLong(ev.object.getMetadata().getResourceVersion()))
                    .isGreaterThan(Long.parseLong(listRv));
        }
    }
}
