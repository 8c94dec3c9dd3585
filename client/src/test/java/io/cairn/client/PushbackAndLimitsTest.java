package io.cairn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pushback retries, the retry budget, the QPS/Burst limiter and deadlines, against Cairn behind a fault proxy. */
class PushbackAndLimitsTest {
    private static final String CMS = "/api/v1/namespaces/default/configmaps";
    @TempDir
    static Path dir;
    static TestCluster cluster;
    static FaultProxy proxy;

    @BeforeAll
    static void start() {
        cluster = TestCluster.start(dir);
        proxy = new FaultProxy(cluster::transport);
        try (ClusterClient kube = ClusterClient.create(cluster.client("setup").build())) {
            kube.create(ResourceType.CONFIG_MAPS, new ConfigMapBuilder().withNewMetadata().withName("target")
                    .withNamespace("default").endMetadata().addToData("k", "v").build(), seconds(10));
        }
    }

    @AfterAll
    static void stop() {
        proxy.close();
        cluster.close();
    }

    @BeforeEach
    void clear() {
        proxy.clearRecorded();
    }

    private static Deadline seconds(int s) {
        return Deadline.after(Duration.ofSeconds(s));
    }

    private static ClientConfig.Builder viaProxy(FakeTicker ticker) {
        return ClientConfig.builder("proxied", proxy.clientTransport()).rateLimit(1000, 1000).audit(r -> { })
                .schemaValidation(false, Duration.ofMinutes(5))
                .time(ticker, Clock.systemUTC(), RandomGenerator.of("L64X128MixRandom"));
    }

    private static final ObjectRef TARGET = ResourceType.CONFIG_MAPS.ref("default", "target");

    @Test
    void tooManyRequestsIsRetriedAfterTheServersRetryAfter() {
        FakeTicker ticker = new FakeTicker();
        proxy.respond("GET", CMS + "/target", 2, 429, "3");
        try (ClusterClient kube = ClusterClient.create(viaProxy(ticker).build())) {
            ConfigMap cm = kube.get(TARGET, ConfigMap.class, Deadline.after(Duration.ofSeconds(60), ticker));
            assertThat(cm.getData()).containsEntry("k", "v");
        }
        assertThat(proxy.count("GET", CMS + "/target")).isEqualTo(3);
        assertThat(ticker.sleeps).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(3));
    }

    @Test
    void unavailableIsRetriedForAnUpdateAfterRetryAfter() {
        FakeTicker ticker = new FakeTicker();
        proxy.respond("PUT", CMS + "/target", 1, 503, "2");
        try (ClusterClient kube = ClusterClient.create(viaProxy(ticker).build())) {
            ConfigMap cm = kube.update(TARGET, ConfigMap.class, c -> {
                c.getData().put("updated", "yes");
                return c;
            }, Deadline.after(Duration.ofSeconds(60), ticker));
            assertThat(cm.getData()).containsEntry("updated", "yes");
        }
        assertThat(proxy.count("PUT", CMS + "/target")).isEqualTo(2);
        assertThat(ticker.sleeps).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void aRetryAfterBeyondTheDeadlineEndsTheCallWithTheServersAnswer() {
        FakeTicker ticker = new FakeTicker();
        proxy.respond("GET", CMS + "/target", 1, 429, "120");
        try (ClusterClient kube = ClusterClient.create(viaProxy(ticker).build())) {
            assertThatThrownBy(() -> kube.get(TARGET, ConfigMap.class, Deadline.after(Duration.ofSeconds(10), ticker)))
                    .isInstanceOfSatisfying(ClientException.Status.class, s -> assertThat(s.code()).isEqualTo(429));
        }
        assertThat(ticker.sleeps).isEmpty();
    }

    @Test
    void aLostConnectionIsRetriedForAGetButNeverForACreate() {
        FakeTicker ticker = new FakeTicker();
        proxy.drop("GET", CMS + "/target", 1);
        proxy.drop("POST", CMS, 1);
        try (ClusterClient kube = ClusterClient.create(viaProxy(ticker).build())) {
            assertThat(kube.get(TARGET, ConfigMap.class, Deadline.after(Duration.ofSeconds(60), ticker))).isNotNull();
            assertThatThrownBy(() -> kube.create(ResourceType.CONFIG_MAPS, new ConfigMapBuilder().withNewMetadata()
                    .withName("dropped").withNamespace("default").endMetadata().build(),
                    Deadline.after(Duration.ofSeconds(60), ticker)))
                    .isInstanceOf(ClientException.Transport.class);
        }
        assertThat(proxy.count("GET", CMS + "/target")).isEqualTo(2);
        assertThat(proxy.count("POST", CMS)).isEqualTo(1);
    }

    @Test
    void theRetryBudgetKeepsRetriesFromAmplifyingAnOutage() {
        FakeTicker ticker = new FakeTicker();
        proxy.respond("GET", CMS + "/target", 1000, 503, "1");
        int calls = 20;
        try (ClusterClient kube = ClusterClient.create(viaProxy(ticker).maxRetries(10).retryBudget(10, 0.1)
                .build())) {
            for (int i = 0; i < calls; i++) {
                assertThatThrownBy(() -> kube.get(TARGET, ConfigMap.class,
                        Deadline.after(Duration.ofSeconds(600), ticker)))
                        .isInstanceOf(ClientException.Status.class);
            }
        } finally {
            proxy.respond("GET", CMS + "/target", 0, 503, null);
            proxy.clearRules();
        }
        // without a budget: 20 calls x 11 attempts; with it: 4 retries until half the tokens are spent, then none
        assertThat(proxy.count("GET", CMS + "/target")).isEqualTo(calls + 4);
    }

    @Test
    void qpsAndBurstHoldUnderAMultiThreadedBurst() throws Exception {
        double qps = 20;
        int burst = 10;
        int threads = 8;
        int perThread = 20;
        try (ClusterClient kube = ClusterClient.create(cluster.client("limited").rateLimit(qps, burst).build())) {
            // connect and warm up first, then let the bucket fill again, so only the limiter shapes the run
            kube.get(TARGET, ConfigMap.class, seconds(30));
            Thread.sleep(1000);
            long start = System.nanoTime();
            List<Long> done = new ArrayList<>();
            try (var pool = Executors.newFixedThreadPool(threads)) {
                List<Future<List<Long>>> fs = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    fs.add(pool.submit(() -> {
                        List<Long> mine = new ArrayList<>();
                        for (int i = 0; i < perThread; i++) {
                            kube.get(TARGET, ConfigMap.class, seconds(60));
                            mine.add(System.nanoTime());
                        }
                        return mine;
                    }));
                }
                for (var f : fs) {
                    done.addAll(f.get());
                }
            }
            double elapsed = (done.stream().mapToLong(Long::longValue).max().orElseThrow() - start) / 1e9;
            // the first `burst` requests go at once, the rest at qps
            double rate = (threads * perThread - burst) / elapsed;
            assertThat(rate).isCloseTo(qps, within(qps * 0.10));
        }
    }

    @Test
    void aDeadlineBoundsACallStuckBehindTheLimiter() {
        try (ClusterClient kube = ClusterClient.create(cluster.client("slow").rateLimit(0.1, 1).build())) {
            kube.get(TARGET, ConfigMap.class, seconds(10));
            long start = System.nanoTime();
            assertThatThrownBy(() -> kube.get(TARGET, ConfigMap.class, Deadline.after(Duration.ofSeconds(2))))
                    .isInstanceOf(ClientException.DeadlineExceeded.class)
                    .hasMessageContaining("rate limiter");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void cancellingWakesACallWaitingForTheLimiter() throws Exception {
        try (ClusterClient kube = ClusterClient.create(cluster.client("slow").rateLimit(0.05, 1).build())) {
            kube.get(TARGET, ConfigMap.class, seconds(10));
            Deadline d = Deadline.after(Duration.ofSeconds(60));
            CompletableFuture<Object> call = CompletableFuture.supplyAsync(() -> kube.get(TARGET, ConfigMap.class, d));
            Thread.sleep(300);
            d.cancel();
            assertThatThrownBy(() -> call.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(ClientException.Cancelled.class);
        }
    }

    @Test
    void aDeadlineAndCancellationAbortAStalledExchange() throws Exception {
        try (ClusterClient kube = ClusterClient.create(ClientConfig.builder("p", proxy.clientTransport())
                .audit(r -> { }).schemaValidation(false, Duration.ofMinutes(1)).build())) {
            proxy.stall("GET", CMS + "/target");
            assertThatThrownBy(() -> kube.get(TARGET, ConfigMap.class, Deadline.after(Duration.ofMillis(800))))
                    .isInstanceOf(ClientException.DeadlineExceeded.class);
            proxy.killConnections();
            proxy.stall("GET", CMS + "/target");
            Deadline d = Deadline.after(Duration.ofSeconds(60));
            CompletableFuture<Object> call = CompletableFuture.supplyAsync(() -> kube.get(TARGET, ConfigMap.class, d));
            Thread.sleep(500);
            d.cancel();
            assertThatThrownBy(() -> call.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(ClientException.Cancelled.class);
            proxy.killConnections();
        }
    }
}
