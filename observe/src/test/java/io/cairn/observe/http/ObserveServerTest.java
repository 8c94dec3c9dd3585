package io.cairn.observe.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.observe.health.HealthChecks;
import io.cairn.observe.health.HealthResult;
import io.cairn.observe.health.Probe;
import io.cairn.observe.metrics.Metrics;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ObserveServerTest {

    private final AtomicBoolean leader = new AtomicBoolean(true);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ObserveServer server;

    @BeforeEach
    void start() {
        Metrics metrics = Metrics.create().includeRuntimeMetrics();
        metrics.gauge("etcd_server_has_leader", "Whether or not a leader exists.").set(1);
        HealthChecks checks = HealthChecks.builder()
                .health(query -> leader.get() ? HealthResult.ok() : HealthResult.failed("RAFT NO LEADER"))
                .check(Probe.READYZ, "linearizable_read", query -> leader.get()
                        ? HealthResult.ok() : HealthResult.failed("etcdserver: no leader"))
                .build();
        server = ObserveServer.create(ObserveServerConfig.parse("http://127.0.0.1:0,http://localhost:0"),
                ObserveEndpoints.create(metrics, checks)).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void everyUrlIsBoundOnItsOwnEphemeralPort() {
        List<URI> urls = server.urls();

        assertThat(urls).hasSize(2);
        assertThat(urls).allSatisfy(url -> assertThat(url.getPort()).isPositive());
        assertThat(urls.get(0).getPort()).isNotEqualTo(urls.get(1).getPort());
        assertThat(urls.get(1).getHost()).isEqualTo("localhost");
    }

    @Test
    void metricsAreServedInTheNegotiatedFormat() throws Exception {
        HttpResponse<String> text = get("/metrics", "text/plain;version=0.0.4");
        assertThat(text.statusCode()).isEqualTo(200);
        assertThat(text.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(text.body()).contains("etcd_server_has_leader 1.0\n").contains("process_resident_memory_bytes ");

        HttpResponse<String> open = get("/metrics", "application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertThat(open.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("application/openmetrics-text");
        assertThat(open.body()).endsWith("# EOF\n");
    }

    @Test
    void healthAndReadinessFollowTheComponentState() throws Exception {
        assertThat(get("/health", "").body()).isEqualTo("{\"health\":\"true\",\"reason\":\"\"}");
        assertThat(get("/readyz", "").statusCode()).isEqualTo(200);

        leader.set(false);

        HttpResponse<String> health = get("/health", "");
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body()).isEqualTo("{\"health\":\"false\",\"reason\":\"RAFT NO LEADER\"}\n");
        HttpResponse<String> readyz = get("/readyz", "");
        assertThat(readyz.statusCode()).isEqualTo(503);
        assertThat(readyz.body()).contains("[-]linearizable_read failed: etcdserver: no leader");
        assertThat(get("/livez", "").statusCode()).isEqualTo(200);
    }

    @Test
    void aClosedServerRefusesConnections() {
        URI url = server.urls().get(0);
        server.close();
        server.close();

        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(url.resolve("/health")).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(ConnectException.class);
    }

    @Test
    void urlsThatAreNotPlainHttpHostAndPortAreRefused() {
        assertThatThrownBy(() -> ObserveServerConfig.parse("https://127.0.0.1:2381"))
                .hasMessageContaining("https is not supported");
        assertThatThrownBy(() -> ObserveServerConfig.parse("http://127.0.0.1:2381/metrics"))
                .hasMessageContaining("must not have a path");
        assertThatThrownBy(() -> ObserveServerConfig.parse("127.0.0.1:2381"))
                .hasMessageContaining("expected http://host:port");
        assertThatThrownBy(() -> ObserveServerConfig.parse(" , "))
                .hasMessageContaining("at least one URL");
    }

    @Test
    void aPortInUseFailsTheStartWithoutLeavingListenersOpen() throws IOException {
        int free;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free = probe.getLocalPort();
        }
        int taken = server.urls().get(0).getPort();
        ObserveServer second = ObserveServer.create(
                ObserveServerConfig.parse("http://127.0.0.1:" + free + ",http://127.0.0.1:" + taken),
                ObserveEndpoints.create(Metrics.create(), HealthChecks.builder().build()));

        assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class);

        assertThat(second.urls()).isEmpty();
        try (ServerSocket again = new ServerSocket(free, 1, InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).isEqualTo(free);
        }
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.urls().get(0).resolve(path))
                .timeout(Duration.ofSeconds(10));
        if (!accept.isEmpty()) {
            request.header("Accept", accept);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
