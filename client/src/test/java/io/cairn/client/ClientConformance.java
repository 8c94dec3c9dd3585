package io.cairn.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * One suite of client behaviour, run against Cairn's API server and against fabric8's mock web server, so the
 * client is shown to depend only on the Kubernetes API contract.
 */
abstract class ClientConformance {
    static final String CMS = "/api/v1/namespaces/default/configmaps";

    /** A client whose requests pass where faults can be injected. */
    abstract ClientConfig.Builder subject(String name);

    /** A client straight to the server. */
    abstract ClientConfig.Builder writer(String name);

    abstract void respond(String method, String pathPrefix, int times, int code, String retryAfter);

    abstract long count(String method, String pathPrefix);

    abstract void pauseWatchers(boolean paused);

    abstract void cutConnections();

    /** Makes a resume from any resourceVersion seen so far answer 410. */
    abstract void expireHistory();

    private static Deadline seconds(int s) {
        return Deadline.after(Duration.ofSeconds(s));
    }

    private static ConfigMap cm(String name) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .addToData("n", "0").build();
    }

    @Test
    void concurrentUpdatersNeverLoseAnUpdate() throws Exception {
        try (ClusterClient kube = ClusterClient.create(writer("w").conflictRetries(200, Duration.ofMillis(2))
                .build())) {
            countConcurrently(kube, "conformance-counter");
        }
    }

    /**
     * Creates a ConfigMap counting from 0, has four threads add one to it five times each through conflict-retrying
     * updates, and checks that it counts 20: no update lost.
     */
    static void countConcurrently(ClusterClient kube, String name) throws Exception {
        kube.create(ResourceType.CONFIG_MAPS, cm(name), seconds(10));
        ObjectRef ref = ResourceType.CONFIG_MAPS.ref("default", name);
        try (var pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < 5; i++) {
                        kube.update(ref, ConfigMap.class, c -> {
                            var data = new HashMap<>(c.getData());
                            data.put("n", Integer.toString(Integer.parseInt(data.get("n")) + 1));
                            c.setData(data);
                            return c;
                        }, seconds(60));
                    }
                    return null;
                }));
            }
            for (var f : fs) {
                f.get();
            }
        }
        assertThat(kube.get(ref, ConfigMap.class, seconds(10)).getData()).containsEntry("n", "20");
    }

    @Test
    void pushbackIsRetriedAsTheServerAsks() {
        FakeTicker ticker = new FakeTicker();
        try (ClusterClient w = ClusterClient.create(writer("w").build());
             ClusterClient kube = ClusterClient.create(subject("s").schemaValidation(false, Duration.ofMinutes(1))
                     .time(ticker, Clock.systemUTC(), RandomGenerator.of("L64X128MixRandom")).build())) {
            w.create(ResourceType.CONFIG_MAPS, cm("conformance-pushback"), seconds(10));
            String path = CMS + "/conformance-pushback";
            long gets = count("GET", path);
            long puts = count("PUT", path);
            respond("GET", path, 2, 429, "2");
            respond("PUT", path, 1, 503, "1");
            kube.update(ResourceType.CONFIG_MAPS.ref("default", "conformance-pushback"), ConfigMap.class, c -> {
                c.getData().put("n", "1");
                return c;
            }, Deadline.after(Duration.ofSeconds(60), ticker));
            assertThat(count("GET", path) - gets).isEqualTo(3);
            assertThat(count("PUT", path) - puts).isEqualTo(2);
            assertThat(ticker.sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2),
                    Duration.ofSeconds(1));
        }
    }

    @Test
    void aWatchSeesEveryChangeOnceAcrossCutsAndExpiry() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        Map<String, String> view = new ConcurrentHashMap<>();
        AtomicInteger syncs = new AtomicInteger();
        try (ClusterClient w = ClusterClient.create(writer("w").build());
             ClusterClient kube = ClusterClient.create(subject("s").schemaValidation(false, Duration.ofMinutes(1))
                     .watch(Duration.ofMillis(50), Duration.ofMillis(300), Duration.ofMinutes(5)).build());
             WatchHandle h = kube.watch(ResourceType.CONFIG_MAPS, "default", ConfigMap.class, new WatchHandler<>() {
                 @Override
                 public void onEvent(WatchEvent<ConfigMap> e) {
                     String name = e.object().getMetadata().getName();
                     events.add(name + "@" + e.resourceVersion());
                     if (e.type() == WatchEvent.Type.DELETED) {
                         view.remove(name);
                     } else {
                         view.put(name, e.resourceVersion());
                     }
                 }

                 @Override
                 public void onSynced(String rv) {
                     syncs.incrementAndGet();
                 }
             }, Deadline.none())) {
            await(() -> syncs.get() == 1);
            Set<String> mustSee = new HashSet<>();
            for (int i = 0; i < 10; i++) {
                mustSee.add("watch-" + i + "@" + w.create(ResourceType.CONFIG_MAPS, cm("watch-" + i), seconds(10))
                        .getMetadata().getResourceVersion());
                if (i % 4 == 3) {
                    cutConnections();
                }
            }
            await(() -> events.containsAll(mustSee));
            pauseWatchers(true);
            cutConnections();
            for (int i = 0; i < 5; i++) {
                w.update(ResourceType.CONFIG_MAPS.ref("default", "watch-" + i), ConfigMap.class, c -> {
                    c.getData().put("n", "paused");
                    return c;
                }, seconds(10));
            }
            w.delete(ResourceType.CONFIG_MAPS.ref("default", "watch-9"), seconds(10));
            expireHistory();
            pauseWatchers(false);
            await(() -> syncs.get() >= 2);
            for (int i = 10; i < 15; i++) {
                mustSee.add("watch-" + i + "@" + w.create(ResourceType.CONFIG_MAPS, cm("watch-" + i), seconds(10))
                        .getMetadata().getResourceVersion());
            }
            Map<String, String> server = w.list(ResourceType.CONFIG_MAPS, "default", ConfigMap.class, seconds(10))
                    .stream().collect(Collectors.toMap(c -> c.getMetadata().getName(),
                            c -> c.getMetadata().getResourceVersion()));
            await(() -> view.equals(server));
            assertThat(events).containsAll(mustSee);
            assertThat(events).doesNotHaveDuplicates();
            assertThat(view).doesNotContainKey("watch-9");
        }
    }

    @Test
    void cancellingItsDeadlineEndsAWatch() throws Exception {
        List<String> names = new CopyOnWriteArrayList<>();
        AtomicInteger syncs = new AtomicInteger();
        Deadline d = Deadline.none();
        try (ClusterClient w = ClusterClient.create(writer("w").build());
             ClusterClient kube = ClusterClient.create(subject("s").schemaValidation(false, Duration.ofMinutes(1))
                     .watch(Duration.ofMillis(50), Duration.ofMillis(300), Duration.ofMinutes(5)).build());
             WatchHandle h = kube.watch(ResourceType.CONFIG_MAPS, "default", ConfigMap.class, new WatchHandler<>() {
                 @Override
                 public void onEvent(WatchEvent<ConfigMap> e) {
                     names.add(e.object().getMetadata().getName());
                 }

                 @Override
                 public void onSynced(String rv) {
                     syncs.incrementAndGet();
                 }
             }, d)) {
            await(() -> syncs.get() == 1);
            w.create(ResourceType.CONFIG_MAPS, cm("before-cancel"), seconds(10));
            await(() -> names.contains("before-cancel"));
            d.cancel();
            w.create(ResourceType.CONFIG_MAPS, cm("after-cancel"), seconds(10));
            Thread.sleep(1500);
            assertThat(names).contains("before-cancel").doesNotContain("after-cancel");
        }
    }

    static void await(java.util.function.BooleanSupplier c) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met in 60 s");
            }
            Thread.sleep(50);
        }
    }
}
