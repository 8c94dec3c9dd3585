package io.cairn.observe.metrics;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The series of one gauge family, each an {@link AtomicGauge}, exported through a Prometheus callback gauge that
 * reads them at scrape time.
 */
final class AtomicGaugeFamily implements GaugeFamily {

    private final int labelCount;
    private final Map<List<String>, AtomicGauge> series = new ConcurrentHashMap<>();

    AtomicGaugeFamily(PrometheusRegistry registry, String name, String help, String... labelNames) {
        this.labelCount = labelNames.length;
        registry.register(GaugeWithCallback.builder()
                .name(name)
                .help(help)
                .labelNames(labelNames)
                .callback(callback -> series.forEach(
                        (labels, gauge) -> callback.call(gauge.value(), labels.toArray(String[]::new))))
                .build());
    }

    @Override
    public Gauge labels(String... values) {
        if (values.length != labelCount) {
            throw new IllegalArgumentException(
                    "expected " + labelCount + " label values, got " + values.length);
        }
        return series.computeIfAbsent(List.of(values), labels -> new AtomicGauge());
    }
}
