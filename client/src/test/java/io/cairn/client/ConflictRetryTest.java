package io.cairn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConflictRetryTest {
    @TempDir
    static Path dir;
    static TestCluster cluster;

    @BeforeAll
    static void start() {
        cluster = TestCluster.start(dir);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static ConfigMap counter(String name) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .addToData("n", "0").build();
    }

    @Test
    void concurrentUpdatersAllSucceedAndNoUpdateIsLost() throws Exception {
        try (ClusterClient kube = ClusterClient.create(cluster.client("c")
                .conflictRetries(200, Duration.ofMillis(2)).build())) {
            kube.create(ResourceType.CONFIG_MAPS, counter("counter"), Deadline.after(Duration.ofSeconds(10)));
            ObjectRef ref = ResourceType.CONFIG_MAPS.ref("default", "counter");
            int threads = 6;
            int each = 10;
            try (var pool = Executors.newFixedThreadPool(threads)) {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    futures.add(pool.submit(() -> {
                        for (int i = 0; i < each; i++) {
                            kube.update(ref, ConfigMap.class, cm -> {
                                var data = new HashMap<>(cm.getData());
                                data.put("n", Integer.toString(Integer.parseInt(data.get("n")) + 1));
                                cm.setData(data);
                                return cm;
                            }, Deadline.after(Duration.ofSeconds(60)));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            }
            ConfigMap end = kube.get(ref, ConfigMap.class, Deadline.after(Duration.ofSeconds(5)));
            assertThat(end.getData()).containsEntry("n", Integer.toString(threads * each));
        }
    }

    @Test
    void aMutatorThatChangesNothingWritesNothing() {
        try (ClusterClient kube = ClusterClient.create(cluster.client("c").build())) {
            ConfigMap created = kube.create(ResourceType.CONFIG_MAPS, counter("same"),
                    Deadline.after(Duration.ofSeconds(10)));
            ConfigMap after = kube.update(ResourceType.CONFIG_MAPS.ref("default", "same"), ConfigMap.class,
                    cm -> cm, Deadline.after(Duration.ofSeconds(10)));
            assertThat(after.getMetadata().getResourceVersion())
                    .isEqualTo(created.getMetadata().getResourceVersion());
        }
    }

    @Test
    void conflictsBeyondTheAttemptLimitAreReported() {
        try (ClusterClient kube = ClusterClient.create(cluster.client("c")
                .conflictRetries(3, Duration.ofMillis(1)).build())) {
            kube.create(ResourceType.CONFIG_MAPS, counter("contended"), Deadline.after(Duration.ofSeconds(10)));
            ObjectRef ref = ResourceType.CONFIG_MAPS.ref("default", "contended");
            int[] calls = {0};
            // the mutator itself changes the object behind the update's back: every write conflicts
            assertThatThrownBy(() -> kube.update(ref, ConfigMap.class, cm -> {
                calls[0]++;
                kube.update(ref, ConfigMap.class, other -> {
                    other.getData().put("other", Integer.toString(calls[0]));
                    return other;
                }, Deadline.after(Duration.ofSeconds(10)));
                cm.getData().put("mine", "x");
                return cm;
            }, Deadline.after(Duration.ofSeconds(30))))
                    .isInstanceOfSatisfying(ClientException.Status.class, s -> assertThat(s.code()).isEqualTo(409));
            assertThat(calls[0]).isEqualTo(3);
        }
    }

    @Test
    void aCreateThatFindsTheObjectIsNotRetried() {
        try (ClusterClient kube = ClusterClient.create(cluster.client("c").build())) {
            kube.create(ResourceType.CONFIG_MAPS, counter("once"), Deadline.after(Duration.ofSeconds(10)));
            assertThatThrownBy(() -> kube.create(ResourceType.CONFIG_MAPS, counter("once"),
                    Deadline.after(Duration.ofSeconds(10))))
                    .isInstanceOfSatisfying(ClientException.Status.class,
                            s -> assertThat(s.reason()).isEqualTo("AlreadyExists"));
        }
    }
}
