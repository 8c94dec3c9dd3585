package io.cairn.observe.metrics;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * {@link Metrics} on a {@link PrometheusRegistry} owned by this instance. Counters are the client's own (adders,
 * allocation-free); gauges and histograms are Cairn's cells ({@link AtomicGauge}, {@link AdderHistogram}), read at
 * scrape time, because the client's versions allocate while recording.
 */
final class PrometheusMetrics implements Metrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final ExpositionWriter writer = new ExpositionWriter();
    private volatile boolean runtimeWanted;
    private volatile boolean runtimeRegistered;

    @Override
    public Metrics includeRuntimeMetrics() {
        runtimeWanted = true;
        return this;
    }

    /**
     * Registers the JVM collectors on the first scrape that wants them. Why then: setting them up (management beans,
     * notification listeners, their classes) took 0.1–0.25 s of a member's start, on the start's critical path.
     */
    private synchronized void registerRuntimeMetrics() {
        if (!runtimeRegistered) {
            JvmMetrics.builder().register(registry);
            runtimeRegistered = true;
        }
    }

    @Override
    public Counter counter(String name, String help) {
        io.prometheus.metrics.core.metrics.Counter counter = counterBuilder(name, help).build();
        registry.register(counter);
        return new PrometheusCounter(counter);
    }

    @Override
    public CounterFamily counterFamily(String name, String help, String... labelNames) {
        io.prometheus.metrics.core.metrics.Counter counter =
                counterBuilder(name, help).labelNames(requireLabels(labelNames)).build();
        registry.register(counter);
        return values -> new PrometheusCounter(counter.labelValues(values));
    }

    @Override
    public Gauge gauge(String name, String help) {
        return new AtomicGaugeFamily(registry, MetricNames.metric(name), help).labels();
    }

    @Override
    public GaugeFamily gaugeFamily(String name, String help, String... labelNames) {
        return new AtomicGaugeFamily(registry, MetricNames.metric(name), help, requireLabels(labelNames));
    }

    @Override
    public Histogram histogram(String name, String help, Buckets buckets) {
        AdderHistogramFamily family = new AdderHistogramFamily(MetricNames.metric(name), help, buckets);
        registry.register(family);
        return family.labels();
    }

    @Override
    public HistogramFamily histogramFamily(String name, String help, Buckets buckets, String... labelNames) {
        AdderHistogramFamily family =
                new AdderHistogramFamily(MetricNames.metric(name), help, buckets, requireLabels(labelNames));
        registry.register(family);
        return family;
    }

    @Override
    public void observedGauge(String name, String help, DoubleSupplier value) {
        Objects.requireNonNull(value, "value");
        registry.register(GaugeWithCallback.builder()
                .name(MetricNames.metric(name))
                .help(help)
                .callback(callback -> callback.call(value.getAsDouble()))
                .build());
    }

    @Override
    public void observedCounter(String name, String help, DoubleSupplier value) {
        Objects.requireNonNull(value, "value");
        registry.register(CounterWithCallback.builder()
                .name(MetricNames.metric(name))
                .help(help)
                .callback(callback -> callback.call(value.getAsDouble()))
                .build());
    }

    @Override
    public Exposition scrape(String acceptHeader) {
        if (runtimeWanted && !runtimeRegistered) {
            registerRuntimeMetrics();
        }
        return writer.write(registry.scrape(), acceptHeader);
    }

    // Exemplars are off: sampling them would consult the current span on every increment.
    private static io.prometheus.metrics.core.metrics.Counter.Builder counterBuilder(String name, String help) {
        return io.prometheus.metrics.core.metrics.Counter.builder()
                .name(MetricNames.metric(name))
                .help(help)
                .withoutExemplars();
    }

    private static String[] requireLabels(String[] labelNames) {
        if (labelNames.length == 0) {
            throw new IllegalArgumentException("a family needs at least one label name; register it without labels");
        }
        return MetricNames.labels(labelNames);
    }
}
