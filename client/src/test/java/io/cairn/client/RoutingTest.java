package io.cairn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.observe.metrics.Metrics;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two Cairn servers behind one {@link Clusters} registry. */
class RoutingTest {
    @TempDir
    static Path dirEast;
    @TempDir
    static Path dirWest;
    static TestCluster east;
    static TestCluster west;

    @BeforeAll
    static void start() {
        east = TestCluster.start(dirEast);
        west = TestCluster.start(dirWest);
    }

    @AfterAll
    static void stop() {
        east.close();
        west.close();
    }

    private static ConfigMap cm(String name, String where) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .addToData("cluster", where).build();
    }

    @Test
    void callsAreRoutedByClusterNameAndMetricsKeptPerCluster() {
        Metrics metrics = Metrics.create();
        ClientMetrics shared = ClientMetrics.register(metrics);
        try (Clusters clusters = Clusters.of(List.of(
                ClusterClient.create(east.client("east").metrics(shared).build()),
                ClusterClient.create(west.client("west").metrics(shared).build())))) {
            assertThat(clusters.names()).containsExactly("east", "west");
            Deadline d = Deadline.after(Duration.ofSeconds(10));
            clusters.cluster("east").create(ResourceType.CONFIG_MAPS, cm("routed", "east"), d);
            clusters.cluster("west").create(ResourceType.CONFIG_MAPS, cm("routed", "west"), d);
            clusters.cluster("east").create(ResourceType.CONFIG_MAPS, cm("only-east", "east"), d);

            ObjectRef routed = ResourceType.CONFIG_MAPS.ref("default", "routed");
            assertThat(clusters.cluster("east").get(routed, ConfigMap.class, d).getData())
                    .containsEntry("cluster", "east");
            assertThat(clusters.cluster("west").get(routed, ConfigMap.class, d).getData())
                    .containsEntry("cluster", "west");
            assertThatThrownBy(() -> clusters.cluster("west").get(ResourceType.CONFIG_MAPS.ref("default",
                    "only-east"), ConfigMap.class, d)).isInstanceOfSatisfying(ClientException.Status.class,
                    s -> assertThat(s.code()).isEqualTo(404));
            assertThatThrownBy(() -> clusters.cluster("north")).isInstanceOf(IllegalArgumentException.class);

            String scrape = metrics.scrape("").text();
            assertThat(scrape).contains("cairn_client_requests_total{cluster=\"east\",code=\"201\",verb=\"POST\"} 2.0")
                    .contains("cairn_client_requests_total{cluster=\"west\",code=\"201\",verb=\"POST\"} 1.0");
        }
    }

    @Test
    void clustersAreBuiltFromKubeconfigContexts(@TempDir Path tmp) throws IOException {
        var a = KubeConfigUtils.parseConfig(east.kubeconfig().toFile());
        var b = KubeConfigUtils.parseConfig(west.kubeconfig().toFile());
        var fleet = new io.fabric8.kubernetes.api.model.ConfigBuilder().withApiVersion("v1").withKind("Config")
                .addNewCluster().withName("east").withCluster(a.getClusters().get(0).getCluster()).endCluster()
                .addNewCluster().withName("west").withCluster(b.getClusters().get(0).getCluster()).endCluster()
                .addNewUser().withName("east-admin").withUser(a.getUsers().get(0).getUser()).endUser()
                .addNewUser().withName("west-admin").withUser(b.getUsers().get(0).getUser()).endUser()
                .addNewContext().withName("east").withNewContext().withCluster("east").withUser("east-admin")
                .endContext().endContext()
                .addNewContext().withName("west").withNewContext().withCluster("west").withUser("west-admin")
                .endContext().endContext()
                .withCurrentContext("east").build();
        Path file = tmp.resolve("fleet.yaml");
        KubeConfigUtils.persistKubeConfigIntoFile(fleet, file.toFile());
        try (Clusters clusters = Clusters.fromKubeconfig(file, List.of("east", "west"), c -> c.audit(r -> { }))) {
            Deadline d = Deadline.after(Duration.ofSeconds(10));
            clusters.cluster("west").create(ResourceType.CONFIG_MAPS, cm("from-context", "west"), d);
            ObjectRef ref = ResourceType.CONFIG_MAPS.ref("default", "from-context");
            assertThat(clusters.cluster("west").get(ref, ConfigMap.class, d).getData())
                    .containsEntry("cluster", "west");
            assertThatThrownBy(() -> clusters.cluster("east").get(ref, ConfigMap.class, d))
                    .isInstanceOfSatisfying(ClientException.Status.class, s -> assertThat(s.code()).isEqualTo(404));
        }
    }

    @Test
    void readsFailOverFromAClusterThatCannotBeReached() {
        Config down = Config.empty();
        down.setMasterUrl("https://127.0.0.1:" + TestCluster.freePort());
        try (Clusters clusters = Clusters.of(List.of(
                ClusterClient.create(ClientConfig.builder("down", down).audit(r -> { }).maxRetries(0)
                        .health(1, Duration.ofMinutes(1)).build()),
                ClusterClient.create(west.client("west").build())))) {
            clusters.cluster("west").create(ResourceType.CONFIG_MAPS, cm("failover", "west"),
                    Deadline.after(Duration.ofSeconds(10)));
            ObjectRef ref = ResourceType.CONFIG_MAPS.ref("default", "failover");
            ConfigMap read = clusters.read(List.of("down", "west"),
                    c -> c.get(ref, ConfigMap.class, Deadline.after(Duration.ofSeconds(10))));
            assertThat(read.getData()).containsEntry("cluster", "west");
            assertThat(clusters.cluster("down").healthy()).isFalse();
            // the unhealthy cluster is now tried last
            assertThat(clusters.read(List.of("down", "west"), ClusterClient::name)).isEqualTo("west");
        }
    }
}
