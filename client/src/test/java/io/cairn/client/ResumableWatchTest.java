package io.cairn.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.observe.metrics.Metrics;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watches and informers through a proxy that cuts their connections, and across an API server restart after a
 * compaction, which makes the resume answer 410 Gone.
 */
class ResumableWatchTest {
    @TempDir
    static Path dir;
    static TestCluster cluster;
    static FaultProxy proxy;

    @BeforeAll
    static void start() {
        cluster = TestCluster.start(dir);
        proxy = new FaultProxy(cluster::transport);
    }

    @AfterAll
    static void stop() {
        proxy.close();
        cluster.close();
    }

    private static Deadline seconds(int s) {
        return Deadline.after(Duration.ofSeconds(s));
    }

    private static ClientConfig.Builder viaProxy() {
        return ClientConfig.builder("proxied", proxy.clientTransport()).rateLimit(1000, 1000).audit(r -> { })
                .schemaValidation(false, Duration.ofMinutes(5))
                .watch(Duration.ofMillis(50), Duration.ofMillis(300), Duration.ofMinutes(5));
    }

    record Seen(String type, String key, String rv, boolean resync) {
    }

    /** A writer that remembers every version it produced. */
    static final class Writer {
        final ClusterClient kube;
        final String namespace;
        final List<Seen> writes = new ArrayList<>();
        final Set<String> live = new HashSet<>();
        int next;

        Writer(ClusterClient kube, String namespace) {
            this.kube = kube;
            this.namespace = namespace;
        }

        void step(int i) {
            if (live.size() < 5 || i % 3 == 0) {
                String name = "cm-" + next++;
                ConfigMap cm = kube.create(ResourceType.CONFIG_MAPS, new ConfigMapBuilder().withNewMetadata()
                        .withName(name).withNamespace(namespace).addToLabels("team", i % 2 == 0 ? "a" : "b")
                        .endMetadata().addToData("v", "0").build(), seconds(10));
                live.add(name);
                writes.add(new Seen("ADDED", namespace + "/" + name, cm.getMetadata().getResourceVersion(), false));
            } else if (i % 7 == 0) {
                String name = live.iterator().next();
                kube.delete(ResourceType.CONFIG_MAPS.ref(namespace, name), seconds(10));
                live.remove(name);
                writes.add(new Seen("DELETED", namespace + "/" + name, "", false));
            } else {
                String name = live.stream().sorted().skip(i % live.size()).findFirst().orElseThrow();
                ConfigMap cm = kube.update(ResourceType.CONFIG_MAPS.ref(namespace, name), ConfigMap.class, c -> {
                    c.getData().put("v", Integer.toString(i));
                    return c;
                }, seconds(10));
                writes.add(new Seen("MODIFIED", namespace + "/" + name, cm.getMetadata().getResourceVersion(), false));
            }
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void aWatchSurvivesConnectionKillsAndA410WithNoLostOrDuplicateEvents() throws Exception {
        List<Seen> events = new CopyOnWriteArrayList<>();
        Map<String, String> view = new ConcurrentHashMap<>();
        AtomicInteger syncs = new AtomicInteger();
        Metrics metrics = Metrics.create();
        try (ClusterClient writerClient = ClusterClient.create(cluster.client("writer").build());
             ClusterClient kube = ClusterClient.create(viaProxy().metrics(ClientMetrics.register(metrics)).build())) {
            Writer w = new Writer(writerClient, "default");
            for (int i = 0; i < 3; i++) {
                w.step(i);
            }
            WatchHandler<ConfigMap> handler = new WatchHandler<>() {
                @Override
                public void onEvent(WatchEvent<ConfigMap> e) {
                    String key = ResumableWatch.key(e.object());
                    events.add(new Seen(e.type().name(), key, e.resourceVersion(), e.resync()));
                    if (e.type() == WatchEvent.Type.DELETED) {
                        view.remove(key);
                    } else {
                        view.put(key, e.resourceVersion());
                    }
                }

                @Override
                public void onSynced(String resourceVersion) {
                    syncs.incrementAndGet();
                }
            };
            try (WatchHandle h = kube.watch(ResourceType.CONFIG_MAPS, "default", ConfigMap.class, handler,
                    Deadline.none())) {
                await(() -> syncs.get() == 1, "the initial list");
                List<Seen> streamedPhase = new ArrayList<>();
                // phase A: writes with connections cut every few writes
                int before = w.writes.size();
                for (int i = 3; i < 33; i++) {
                    w.step(i);
                    if (i % 8 == 0) {
                        Thread.sleep(100);
                        proxy.killConnections();
                    }
                }
                streamedPhase.addAll(w.writes.subList(before, w.writes.size()));
                String lastA = w.writes.get(w.writes.size() - 1).rv();
                await(() -> events.stream().anyMatch(s -> s.rv().equals(lastA)) || lastA.isEmpty(), "phase A");
                // phase B: the watcher is cut off while writes continue, the store is compacted and the API server
                // restarts with a fresh watch window: the resume must get 410 and relist
                proxy.pause(true);
                proxy.killConnections();
                for (int i = 33; i < 48; i++) {
                    w.step(i);
                }
                cluster.compact();
                cluster.restartApi();
                proxy.retarget();
                proxy.pause(false);
                await(() -> syncs.get() >= 2, "a relist after 410");
                // phase C: more writes and one more cut
                before = w.writes.size();
                for (int i = 48; i < 70; i++) {
                    w.step(i);
                    if (i == 58) {
                        Thread.sleep(100);
                        proxy.killConnections();
                    }
                }
                streamedPhase.addAll(w.writes.subList(before, w.writes.size()));
                Map<String, String> server = writerClient.list(ResourceType.CONFIG_MAPS, "default", ConfigMap.class,
                                seconds(10)).stream()
                        .collect(Collectors.toMap(ResumableWatch::key, c -> c.getMetadata().getResourceVersion()));
                await(() -> view.equals(server), "the view to match the server");

                // no event twice
                Set<String> unique = new HashSet<>();
                for (Seen s : events) {
                    assertThat(unique.add(s.type() + " " + s.key() + " " + s.rv())).as("duplicate %s", s).isTrue();
                }
                // every version written outside the cut-off window was delivered as it happened
                for (Seen write : streamedPhase) {
                    if (write.type().equals("DELETED")) {
                        assertThat(events).anyMatch(s -> s.type().equals("DELETED") && s.key().equals(write.key()));
                    } else {
                        assertThat(events).anyMatch(s -> s.key().equals(write.key()) && s.rv().equals(write.rv()));
                    }
                }
                // the relist reported the cut-off window's changes as resync events
                assertThat(events).anyMatch(Seen::resync);
                assertThat(view).isEqualTo(server);
                assertThat(metrics.scrape("").text())
                        .containsPattern("cairn_client_watch_restarts_total\\{cluster=\"proxied\",reason=\"expired\","
                                + "resource=\"configmaps\"} [1-9]");
            }
        }
    }

    @Test
    void anInformerKeepsItsCacheAndIndexesAcrossConnectionKills() throws Exception {
        Map<String, AtomicInteger> calls = new HashMap<>();
        for (String k : List.of("add", "update", "delete")) {
            calls.put(k, new AtomicInteger());
        }
        try (ClusterClient writerClient = ClusterClient.create(cluster.client("writer").build());
             ClusterClient kube = ClusterClient.create(viaProxy().build());
             Informer<ConfigMap> informer = kube.informer(ResourceType.CONFIG_MAPS, "informed", ConfigMap.class)) {
            writerClient.create(ResourceType.NAMESPACES, new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                    .withNewMetadata().withName("informed").endMetadata().build(), seconds(10));
            informer.addIndex("team", c -> List.of(c.getMetadata().getLabels().getOrDefault("team", "")))
                    .addHandler(new Informer.Handler<>() {
                        @Override
                        public void onAdd(ConfigMap o) {
                            calls.get("add").incrementAndGet();
                        }

                        @Override
                        public void onUpdate(ConfigMap b, ConfigMap a) {
                            calls.get("update").incrementAndGet();
                        }

                        @Override
                        public void onDelete(ConfigMap o) {
                            calls.get("delete").incrementAndGet();
                        }
                    }).start();
            informer.waitForSync(seconds(30));
            Writer w = new Writer(writerClient, "informed");
            for (int i = 0; i < 5; i++) {
                w.step(i);
            }
            proxy.killConnections();
            writerClient.update(ResourceType.CONFIG_MAPS.ref("informed", "cm-1"), ConfigMap.class, c -> {
                c.getMetadata().getLabels().put("team", "c");
                return c;
            }, seconds(10));
            proxy.killConnections();
            writerClient.delete(ResourceType.CONFIG_MAPS.ref("informed", "cm-4"), seconds(10));
            await(() -> calls.get("delete").get() == 1 && calls.get("update").get() == 1, "the informer");
            assertThat(calls.get("add").get()).isEqualTo(5);
            assertThat(informer.list()).hasSize(4);
            assertThat(informer.byIndex("team", "c")).extracting(c -> c.getMetadata().getName())
                    .containsExactly("cm-1");
            assertThat(informer.byIndex("team", "a")).extracting(c -> c.getMetadata().getName())
                    .containsExactlyInAnyOrder("cm-0", "cm-2");
            assertThat(informer.get("informed", "cm-1")).get()
                    .extracting(c -> c.getMetadata().getLabels().get("team")).isEqualTo("c");
            assertThat(informer.get("informed", "cm-4")).isEmpty();
        }
    }
}
