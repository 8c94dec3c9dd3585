package io.cairn.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client against fabric8's own {@code kubernetes-server-mock} in CRUD mode, for the features that server can
 * show: resourceVersion conflicts (it checks them) and pushback (its expectations answer before its CRUD store).
 *
 * <p>Why: the client must not depend on Cairn's behaviour; this mock is the one Java users already test against.
 * Its watches are WebSocket-only, without bookmarks or 410, so the watch tests of {@link ClientConformance} run
 * against {@link MockKube} instead.
 */
class CrudMockServerTest {
    private static final String CMS = "/api/v1/namespaces/default/configmaps";
    static KubernetesMockServer server;

    @BeforeAll
    static void start() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                new KubernetesMixedDispatcher(responses), false);
        server.init();
    }

    @AfterAll
    static void stop() {
        server.destroy();
    }

    private static ClientConfig.Builder client(String name) {
        Config c = Config.empty();
        c.setMasterUrl(server.url("/"));
        return ClientConfig.builder(name, c).rateLimit(1000, 1000).audit(r -> { })
                .schemaValidation(false, Duration.ofMinutes(1));
    }

    private static ConfigMap cm(String name) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .addToData("n", "0").build();
    }

    @Test
    void concurrentUpdatersNeverLoseAnUpdate() throws Exception {
        try (ClusterClient kube = ClusterClient.create(client("crud").conflictRetries(200, Duration.ofMillis(2))
                .build())) {
            ClientConformance.countConcurrently(kube, "crud-counter");
        }
    }

    @Test
    void pushbackIsRetriedAfterTheTimeTheServerAsks() {
        FakeTicker ticker = new FakeTicker();
        try (ClusterClient kube = ClusterClient.create(client("pushback")
                .time(ticker, Clock.systemUTC(), RandomGenerator.of("L64X128MixRandom")).build())) {
            kube.create(ResourceType.CONFIG_MAPS, cm("crud-pushback"), Deadline.after(Duration.ofSeconds(10), ticker));
            server.expect().get().withPath(CMS + "/crud-pushback")
                    .andReturn(429, new StatusBuilder().withCode(429).withReason("TooManyRequests").build())
                    .withHeader("Retry-After", "3").times(2);

            ConfigMap read = kube.get(ResourceType.CONFIG_MAPS.ref("default", "crud-pushback"), ConfigMap.class,
                    Deadline.after(Duration.ofSeconds(60), ticker));

            assertThat(read.getData()).containsEntry("n", "0");
            assertThat(ticker.sleeps).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(3));
        }
    }
}
