package io.cairn.observe.metrics;

import java.util.function.DoubleSupplier;

/**
 * One registry of metric families and its exposition.
 *
 * <p>Why: every component needs the same three things — register families once at start-up, record on the hot
 * path without allocating, and render what was recorded for a scrape. A {@code Metrics} is an ordinary object
 * owned by the component that created it (no static registry), so tests and embedded members stay isolated.
 *
 * <p>Registration methods throw {@link IllegalArgumentException} for an invalid name or label name, or when a
 * family of the same name is already registered. They are meant for
 * start-up; recording on the returned handles is thread-safe and allocation-free.
 * <pre>{@code
 * Metrics metrics = Metrics.create().includeRuntimeMetrics();
 * Counter puts = metrics.counter("etcd_mvcc_put_total", "Total number of puts seen by this member.");
 * CounterFamily handled = metrics.counterFamily("grpc_server_handled_total", "...",
 *         "grpc_type", "grpc_service", "grpc_method", "grpc_code");
 * Counter rangeOk = handled.labels("unary", "etcdserverpb.KV", "Range", "OK");   // bind once, keep
 * puts.inc();                                                                    // hot path
 * Exposition body = metrics.scrape(acceptHeader);
 * }</pre>
 */
public interface Metrics {

    /** Creates an empty registry: nothing is exported until families are registered on it. */
    static Metrics create() {
        return new PrometheusMetrics();
    }

    /**
     * Registers the JVM and process collectors ({@code jvm_*}, {@code process_cpu_seconds_total},
     * {@code process_resident_memory_bytes}, {@code process_open_fds}, ...) on this registry. Idempotent. They are
     * set up at the first scrape, off the start of whatever owns the registry; their values are read from the JVM at
     * each scrape, so nothing is lost, except that allocation counters count from that first scrape.
     *
     * @return this registry
     */
    Metrics includeRuntimeMetrics();

    /** Registers a counter without labels. A name without the {@code _total} suffix gets it in the exposition. */
    Counter counter(String name, String help);

    /** Registers a counter family; bind label values with {@link CounterFamily#labels(String...)}. */
    CounterFamily counterFamily(String name, String help, String... labelNames);

    /** Registers a gauge without labels. */
    Gauge gauge(String name, String help);

    /** Registers a gauge family; bind label values with {@link GaugeFamily#labels(String...)}. */
    GaugeFamily gaugeFamily(String name, String help, String... labelNames);

    /** Registers a classic (bucketed) histogram without labels. */
    Histogram histogram(String name, String help, Buckets buckets);

    /** Registers a classic (bucketed) histogram family; bind label values with {@link HistogramFamily#labels}. */
    HistogramFamily histogramFamily(String name, String help, Buckets buckets, String... labelNames);

    /**
     * Registers a gauge whose value is read from {@code value} at each scrape, for facts the component already
     * keeps (database size, keys in the index). The supplier runs on the scraping thread and must be cheap.
     */
    void observedGauge(String name, String help, DoubleSupplier value);

    /**
     * Registers a counter whose value is read from {@code value} at each scrape, for monotonic totals kept
     * elsewhere (a storage engine's statistics). The supplier must never decrease.
     */
    void observedCounter(String name, String help, DoubleSupplier value);

    /**
     * Renders every registered family in the format the {@code Accept} header asks for: OpenMetrics 1.0.0 when it
     * accepts {@code application/openmetrics-text}, else the Prometheus text format 0.0.4 (also for an empty
     * header).
     */
    Exposition scrape(String acceptHeader);
}
