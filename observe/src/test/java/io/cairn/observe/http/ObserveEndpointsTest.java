package io.cairn.observe.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.observe.health.HealthChecks;
import io.cairn.observe.health.HealthResult;
import io.cairn.observe.health.Probe;
import io.cairn.observe.metrics.Metrics;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ObserveEndpointsTest {

    private final AtomicBoolean nospace = new AtomicBoolean();
    private final AtomicBoolean corrupt = new AtomicBoolean();
    private final Metrics metrics = Metrics.create();
    private final ObserveEndpoints endpoints = ObserveEndpoints.create(metrics, HealthChecks.builder()
            .health(query -> nospace.get() && !query.excludes("NOSPACE")
                    ? HealthResult.failed("ALARM NOSPACE") : HealthResult.ok())
            .check(Probe.LIVEZ, "serializable_read", query -> HealthResult.ok())
            .check(Probe.READYZ, "data_corruption", query -> corrupt.get()
                    ? HealthResult.failed("alarm activated: CORRUPT") : HealthResult.ok())
            .check(Probe.READYZ, "serializable_read", query -> HealthResult.ok())
            .build());

    @Test
    void healthAnswersEtcdsJsonWith200WhenHealthy() {
        EndpointResponse response = endpoints.handle(EndpointRequest.get("/health", ""));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).isEqualTo("{\"health\":\"true\",\"reason\":\"\"}");
    }

    @Test
    void healthAnswersTheReasonWith503WhileANospaceAlarmIsActiveUnlessItIsExcluded() {
        nospace.set(true);

        EndpointResponse response = endpoints.handle(EndpointRequest.get("/health", ""));
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.text()).isEqualTo("{\"health\":\"false\",\"reason\":\"ALARM NOSPACE\"}\n");

        assertThat(endpoints.handle(EndpointRequest.get("/health?exclude=NOSPACE", "")).status()).isEqualTo(200);
    }

    @Test
    void probesAnswerOkWhenEveryCheckPassesAndListThemWhenVerbose() {
        EndpointResponse livez = endpoints.handle(EndpointRequest.get("/livez", ""));
        assertThat(livez.status()).isEqualTo(200);
        assertThat(livez.text()).isEqualTo("ok\n");
        assertThat(livez.contentType()).isEqualTo("text/plain; charset=utf-8");

        EndpointResponse verbose = endpoints.handle(EndpointRequest.get("/readyz?verbose", ""));
        assertThat(verbose.text()).isEqualTo("[+]data_corruption ok\n[+]serializable_read ok\nok\n");
    }

    @Test
    void aFailingProbeAnswers503WithEveryCheckLine() {
        corrupt.set(true);

        EndpointResponse readyz = endpoints.handle(EndpointRequest.get("/readyz", ""));
        assertThat(readyz.status()).isEqualTo(503);
        assertThat(readyz.text()).isEqualTo(
                "[-]data_corruption failed: alarm activated: CORRUPT\n[+]serializable_read ok\n\n");

        assertThat(endpoints.handle(EndpointRequest.get("/readyz?exclude=data_corruption", "")).status())
                .isEqualTo(200);
        assertThat(endpoints.handle(EndpointRequest.get("/readyz/serializable_read", "")).status())
                .isEqualTo(200);
        assertThat(endpoints.handle(EndpointRequest.get("/readyz/data_corruption", "")).status())
                .isEqualTo(503);
        assertThat(endpoints.handle(EndpointRequest.get("/livez", "")).status()).isEqualTo(200);
    }

    @Test
    void metricsAreNegotiatedFromTheAcceptHeader() {
        metrics.counter("etcd_mvcc_put_total", "Total number of puts seen by this member.").inc();

        EndpointResponse text = endpoints.handle(EndpointRequest.get("/metrics", "text/plain"));
        assertThat(text.status()).isEqualTo(200);
        assertThat(text.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        assertThat(text.text()).contains("# TYPE etcd_mvcc_put_total counter\netcd_mvcc_put_total 1.0\n");

        EndpointResponse open = endpoints.handle(
                EndpointRequest.get("/metrics", "application/openmetrics-text;version=1.0.0"));
        assertThat(open.contentType()).startsWith("application/openmetrics-text; version=1.0.0");
        assertThat(open.text()).contains("# TYPE etcd_mvcc_put counter\n").endsWith("# EOF\n");
    }

    @Test
    void otherMethodsAre405AndOtherPaths404() {
        EndpointResponse post = endpoints.handle(EndpointRequest.parse("POST", "/health", ""));
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.headers()).containsEntry("Allow", "GET");

        assertThat(endpoints.handle(EndpointRequest.get("/nothing", "")).status()).isEqualTo(404);
        assertThat(endpoints.handle(EndpointRequest.get("/readyz/no_such_check", "")).status()).isEqualTo(404);
        assertThat(endpoints.handle(EndpointRequest.get("/livezz", "")).status()).isEqualTo(404);
    }

    @Test
    void queryParametersAreDecodedAndRepeatable() {
        EndpointRequest request = EndpointRequest.get("/health?exclude=NO%53PACE&exclude=CORRUPT&verbose", "");

        assertThat(request.path()).isEqualTo("/health");
        assertThat(request.queryValues("exclude")).containsExactly("NOSPACE", "CORRUPT");
        assertThat(request.hasQuery("verbose")).isTrue();
        assertThat(request.queryValues("missing")).isEmpty();
    }
}
