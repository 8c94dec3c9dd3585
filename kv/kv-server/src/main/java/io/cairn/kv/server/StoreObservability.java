package io.cairn.kv.server;

import io.cairn.kv.server.consensus.Consensus;
import io.cairn.kv.server.maintenance.Alarms;
import io.cairn.kv.server.mvcc.MvccMetrics;
import io.cairn.kv.server.mvcc.MvccStore;
import io.cairn.kv.server.rpc.ClientPortExtras;
import io.cairn.kv.server.rpc.GrpcServerMetrics;
import io.cairn.kv.server.rpc.RequestTracing;
import io.cairn.kv.server.watch.WatchHub;
import io.cairn.observe.health.HealthChecks;
import io.cairn.observe.http.ObserveEndpoints;
import io.cairn.observe.http.ObserveServer;
import io.cairn.observe.http.ObserveServerConfig;
import io.cairn.observe.metrics.Metrics;
import io.cairn.observe.tracing.Tracing;
import io.cairn.observe.tracing.TracingConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything a member reports about itself: one metrics registry (etcd's families, gRPC, JVM and process), the
 * health checks, request tracing, and the {@code --listen-metrics-urls} listeners; the client port serves the same
 * endpoints.
 *
 * <p>Why one owner: the member wires observability with a few calls, in start-up order — the keyspace's counters
 * before the store opens, the rest once the Raft node and watchers exist — and closes it with one.
 */
final class StoreObservability implements AutoCloseable {

    /** The {@code service.name} of the member's spans. */
    static final String SERVICE_NAME = "cairn-kv";

    private final ObservabilityConfig config;
    private final Metrics metrics = Metrics.create().includeRuntimeMetrics();
    private final MvccMetrics mvcc = MvccMetrics.register(metrics);
    private final Tracing tracing;
    private ObserveServer listeners;

    StoreObservability(ObservabilityConfig config) {
        this.config = config;
        TracingConfig tracingConfig = TracingConfig.of(config.traceSamplingRatio(), config.traceOtlpEndpoint())
                .withServiceName(SERVICE_NAME);
        this.tracing = config.spanExporter()
                .map(exporter -> Tracing.create(tracingConfig, exporter))
                .orElseGet(() -> Tracing.create(tracingConfig));
    }

    /** The keyspace's counters, for {@link MvccStore#open}. */
    MvccMetrics mvcc() {
        return mvcc;
    }

    /**
     * Registers the member's metrics and health checks, starts the metrics listeners, and returns what the client
     * port serves besides the API.
     *
     * @throws IllegalStateException if a metrics URL cannot be bound
     */
    ClientPortExtras serve(MvccStore store, Consensus consensus, WatchHub watches, Alarms alarms, long quotaBytes,
                           Duration requestTimeout, java.util.function.BooleanSupplier learner) {
        StoreMetrics.register(metrics, store, consensus, watches, quotaBytes, learner);
        HealthChecks checks = StoreHealth.checks(store, consensus, alarms, requestTimeout, metrics, learner);
        ObserveEndpoints endpoints = ObserveEndpoints.create(metrics, checks);
        if (!config.listenMetricsUrls().isEmpty()) {
            listeners = ObserveServer.create(new ObserveServerConfig(config.listenMetricsUrls()), endpoints).start();
        }
        return new ClientPortExtras(Optional.of(GrpcServerMetrics.register(metrics)),
                Optional.of(new RequestTracing(tracing, config.warningApplyDuration(), System::nanoTime)),
                Optional.of(endpoints));
    }

    /** The bound metrics listener URLs (real ports), empty when none were asked for. */
    List<URI> metricsUrls() {
        ObserveServer l = listeners;
        return l == null ? List.of() : l.urls();
    }

    @Override
    public void close() {
        if (listeners != null) {
            listeners.close();
        }
        tracing.close();
    }
}
