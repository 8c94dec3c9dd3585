package io.cairn.apiserver.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What fabric8 sees when the resourceVersion it holds is gone: a compacted store and a restarted server whose watch
 * cache starts at the current revision.
 *
 * <p>Why: a 410 is how kube tells a client to start over; fabric8 surfaces it to plain watchers as
 * {@link WatcherException#isHttpGone()}, and its informers relist on it. If Cairn answered anything else the
 * watcher would resume from a hole, and an informer's cache would silently drift from the server.
 */
@Timeout(120)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Fabric8ExpiryTest {
    private static final String NS = "fabric8-expiry";

    @TempDir
    static Path dir;
    static CairnServer server;
    static KubernetesClient client;

    @BeforeAll
    static void start() {
        server = CairnServer.start(dir);
        client = Fabric8Clients.of(server);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
                .create();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static ConfigMap create(String name) {
        return client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName(name)
                .endMetadata().addToData("v", "0").build()).create();
    }

    private static String etcdctl() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(d, "etcdctl");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return "";
    }

    /** Compacts the store at {@code revision} with the real etcdctl. */
    private static void compact(long revision) throws IOException, InterruptedException {
        String etcdctl = etcdctl();
        assumeThat(etcdctl).as("etcdctl on PATH").isNotEmpty();
        Process p = new ProcessBuilder(etcdctl, "--endpoints", server.storeEndpoint(), "compact",
                Long.toString(revision)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("compacted revision " + revision);
    }

    private static long currentRevision() {
        return Long.parseLong(client.configMaps().inNamespace(NS).list().getMetadata().getResourceVersion());
    }

    @Test
    @Order(1)
    void aContinueTokenFromBeforeACompactionIsGone() throws Exception {
        for (int i = 0; i < 4; i++) {
            create("page-" + i);
        }
        ConfigMapList first = client.configMaps().inNamespace(NS).list(new ListOptionsBuilder().withLimit(2L)
                .build());
        create("after-first-page");
        compact(currentRevision());

        assertThatThrownBy(() -> client.configMaps().inNamespace(NS).list(new ListOptionsBuilder().withLimit(2L)
                .withContinue(first.getMetadata().getContinue()).build()))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(410);
                    assertThat(e.getStatus().getReason()).isEqualTo("Expired");
                });
    }

    @Test
    @Order(2)
    void aWatchResumedFromAResourceVersionOlderThanTheRestartedServersWindowIsGone() throws Exception {
        String old = create("before-restart").getMetadata().getResourceVersion();
        create("also-before-restart");
        compact(currentRevision());
        server.kill();
        server.restart();

        RecordingWatcher<ConfigMap> w = new RecordingWatcher<>();
        try (Watch watch = client.configMaps().inNamespace(NS).withResourceVersion(old).watch(w)) {
            WatcherException gone = w.closedWith();

            assertThat(gone.isHttpGone()).as(gone.toString()).isTrue();
            assertThat(gone.asClientException().getCode()).isEqualTo(410);
        }
    }

    @Test
    @Order(3)
    void anInformerRelistsWhenARestartMadeItsResourceVersionTooOldAndEndsEqualToTheServerAndWatching() throws Exception {
        create("informed-kept");
        create("informed-changed");
        create("informed-deleted");
        try (SharedIndexInformer<ConfigMap> informer = client.configMaps().inNamespace(NS).inform()) {
            assertThat(informer.getStore().listKeys()).contains(NS + "/informed-kept", NS + "/informed-changed",
                    NS + "/informed-deleted");
            String before = informer.lastSyncResourceVersion();
            // A write elsewhere moves the store past everything this informer has seen, so after the restart its
            // resourceVersion is older than the new watch cache window.
            client.secrets().inNamespace("default").resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
                    .withNewMetadata().withName("elsewhere").endMetadata().build()).create();
            server.kill();
            server.restart();
            client.configMaps().inNamespace(NS).withName("informed-changed")
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"v\":\"1\"}}");
            client.configMaps().inNamespace(NS).withName("informed-deleted").delete();
            create("informed-new");

            Map<String, String> expected = snapshot();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (!(cache(informer).equals(expected) && informer.isWatching()) && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }

            assertThat(cache(informer)).isEqualTo(expected);
            assertThat(expected).containsKeys("informed-kept", "informed-changed", "informed-new")
                    .doesNotContainKey("informed-deleted");
            assertThat(Long.parseLong(informer.lastSyncResourceVersion())).isGreaterThan(Long.parseLong(before));
            assertThat(informer.isWatching()).isTrue();
        }
    }

    /** The server's configmaps in the namespace: name to resourceVersion. */
    private static Map<String, String> snapshot() {
        Map<String, String> m = new TreeMap<>();
        client.configMaps().inNamespace(NS).list().getItems()
                .forEach(cm -> m.put(cm.getMetadata().getName(), cm.getMetadata().getResourceVersion()));
        return m;
    }

    private static Map<String, String> cache(SharedIndexInformer<ConfigMap> informer) {
        Map<String, String> m = new TreeMap<>();
        informer.getStore().list()
                .forEach(cm -> m.put(cm.getMetadata().getName(), cm.getMetadata().getResourceVersion()));
        return m;
    }
}
