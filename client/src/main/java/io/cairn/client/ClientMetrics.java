package io.cairn.client;

import io.cairn.observe.metrics.Buckets;
import io.cairn.observe.metrics.CounterFamily;
import io.cairn.observe.metrics.HistogramFamily;
import io.cairn.observe.metrics.Metrics;
import java.time.Duration;

/**
 * The client's Prometheus families, registered once on a {@link Metrics} registry and shared by every cluster
 * client that reports there (each series carries a {@code cluster} label).
 *
 * <p>Why: requests by verb and code, retries by reason, time spent in the limiter and watch restarts are what an
 * operator needs to tell a throttled client from a failing server.
 */
public final class ClientMetrics {
    private final CounterFamily requests;
    private final CounterFamily retries;
    private final HistogramFamily limiterWait;
    private final HistogramFamily latency;
    private final CounterFamily watchRestarts;

    private ClientMetrics(Metrics metrics) {
        requests = metrics.counterFamily("cairn_client_requests_total",
                "HTTP requests sent, by cluster, verb and status code (or \"error\" for a failed connection).",
                "cluster", "verb", "code");
        retries = metrics.counterFamily("cairn_client_retries_total",
                "Requests repeated, by cluster and reason (429, 503, connection, conflict).", "cluster", "reason");
        limiterWait = metrics.histogramFamily("cairn_client_rate_limiter_wait_seconds",
                "Time requests waited for a token of the client-side QPS/Burst limiter.",
                Buckets.exponential(0.001, 2, 16), "cluster");
        latency = metrics.histogramFamily("cairn_client_request_duration_seconds",
                "Latency of each HTTP request, by cluster and verb.", Buckets.exponential(0.0005, 2, 18),
                "cluster", "verb");
        watchRestarts = metrics.counterFamily("cairn_client_watch_restarts_total",
                "Watches reopened, by cluster, resource and reason (closed, error, expired).",
                "cluster", "resource", "reason");
    }

    /** Registers the client families on {@code metrics}; call once per registry and share the result. */
    public static ClientMetrics register(Metrics metrics) {
        return new ClientMetrics(metrics);
    }

    void request(String cluster, String verb, String code, long nanos) {
        requests.labels(cluster, verb, code).inc();
        latency.labels(cluster, verb).observeNanos(nanos);
    }

    void retry(String cluster, String reason) {
        retries.labels(cluster, reason).inc();
    }

    void limiterWait(String cluster, Duration waited) {
        limiterWait.labels(cluster).observeNanos(waited.toNanos());
    }

    void watchRestart(String cluster, String resource, String reason) {
        watchRestarts.labels(cluster, resource, reason).inc();
    }
}
