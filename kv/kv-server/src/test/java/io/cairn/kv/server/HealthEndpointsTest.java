package io.cairn.kv.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.PutRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /health}, {@code /livez} and {@code /readyz} as etcd 3.5 answers them, on the client URL and on a
 * {@code --listen-metrics-urls} listener: healthy on a working member, and {@code /health} unhealthy while the
 * NOSPACE alarm is raised (unless excluded) while the member stays live and ready for reads.
 */
class HealthEndpointsTest {

    private static final ByteString BIG_VALUE = ByteString.copyFrom(new byte[100 * 1024]);

    @TempDir
    Path dir;

    @Test
    void aWorkingMemberIsHealthyLiveAndReady() {
        try (EmbeddedServer s = new EmbeddedServer(dir).start()) {
            HttpResponse<String> health = HttpProbe.get(url(s, "/health"));
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("{\"health\":\"true\",\"reason\":\"\"}");
            assertThat(HttpProbe.get(url(s, "/health?serializable=true")).statusCode()).isEqualTo(200);

            assertThat(HttpProbe.get(url(s, "/livez")).body()).isEqualTo("ok\n");
            HttpResponse<String> ready = HttpProbe.get(url(s, "/readyz?verbose"));
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).isEqualTo("[+]data_corruption ok\n[+]serializable_read ok\n"
                    + "[+]linearizable_read ok\n[+]non_learner ok\nok\n");
            assertThat(HttpProbe.get(url(s, "/readyz/linearizable_read")).body()).isEqualTo("ok\n");
            assertThat(HttpProbe.get(url(s, "/readyz/no_such_check")).statusCode()).isEqualTo(404);
            assertThat(HttpProbe.get(url(s, "/v3/kv/range")).statusCode()).as("no gateway").isEqualTo(404);
        }
    }

    @Test
    void healthFailsWhileNospaceIsRaisedButTheMemberStaysLiveAndReady() {
        try (EmbeddedServer s = new EmbeddedServer(dir, b -> b.quotaBackendBytes(2L * 1024 * 1024)).start()) {
            fillUntilNoSpace(s);

            // the refused put raises the alarm through the Raft log: it is applied a moment later
            HttpResponse<String> health = awaitStatus(url(s, "/health"), 503);
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).isEqualTo("{\"health\":\"false\",\"reason\":\"ALARM NOSPACE\"}\n");
            assertThat(HttpProbe.get(url(s, "/health?exclude=NOSPACE")).statusCode()).isEqualTo(200);
            assertThat(HttpProbe.get(url(s, "/livez")).statusCode()).isEqualTo(200);
            assertThat(HttpProbe.get(url(s, "/readyz")).statusCode()).as("etcd 3.5: reads still work")
                    .isEqualTo(200);
            assertThat(HttpProbe.value(HttpProbe.get(url(s, "/metrics")).body(),
                    "etcd_server_healthchecks_total{name=\"serializable_read\",status=\"success\",type=\"livez\"}"))
                    .isEqualTo(1);
        }
    }

    @Test
    void theMetricsListenerServesTheSameEndpoints() {
        try (EmbeddedServer s = new EmbeddedServer(dir, b -> b.observability(ObservabilityConfig.defaults()
                .withListenMetricsUrls(List.of(URI.create("http://127.0.0.1:0"))))).start()) {
            URI listener = s.server.metricsUrls().getFirst();

            assertThat(HttpProbe.get(listener.resolve("/health").toString()).body())
                    .isEqualTo("{\"health\":\"true\",\"reason\":\"\"}");
            assertThat(HttpProbe.get(listener.resolve("/metrics").toString()).body())
                    .contains("# TYPE etcd_server_has_leader gauge");
        }
    }

    @Test
    void grpcAndHttpShareTheClientPortAfterManyHttpRequests() {
        try (EmbeddedServer s = new EmbeddedServer(dir).start()) {
            for (int i = 0; i < 20; i++) {
                assertThat(HttpProbe.get(url(s, "/health")).statusCode()).isEqualTo(200);
                s.kv().put(PutRequest.newBuilder().setKey(ByteString.copyFromUtf8("k" + i)).setValue(BIG_VALUE)
                        .build());
            }
            assertThat(HttpProbe.get(url(s, "/metrics")).body()).contains("etcd_mvcc_put_total 20.0");
        }
    }

    private static void fillUntilNoSpace(EmbeddedServer s) {
        for (int i = 0; i < 200; i++) {
            try {
                s.kv().put(PutRequest.newBuilder().setKey(ByteString.copyFromUtf8("big")).setValue(BIG_VALUE).build());
            } catch (StatusRuntimeException e) {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
                return;
            }
        }
        throw new AssertionError("the quota was never reached");
    }

    /** GETs {@code url} until it answers {@code status} (at most 10 s), returning the last response. */
    private static HttpResponse<String> awaitStatus(String url, int status) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        HttpResponse<String> response = HttpProbe.get(url);
        while (response.statusCode() != status && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            response = HttpProbe.get(url);
        }
        return response;
    }

    private static String url(EmbeddedServer s, String pathAndQuery) {
        return "http://127.0.0.1:" + s.clientPort + pathAndQuery;
    }
}
