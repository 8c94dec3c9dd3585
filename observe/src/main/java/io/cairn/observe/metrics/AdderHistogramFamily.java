package io.cairn.observe.metrics;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.MetricType;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.Exemplars;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The series of one histogram family, each an {@link AdderHistogram}, collected into a Prometheus snapshot. */
final class AdderHistogramFamily implements HistogramFamily, Collector {

    private final MetricMetadata metadata;
    private final String[] labelNames;
    private final double[] upperBounds;
    private final double[] upperBoundsWithInf;
    private final Map<List<String>, AdderHistogram> series = new ConcurrentHashMap<>();

    AdderHistogramFamily(String name, String help, Buckets buckets, String... labelNames) {
        this.metadata = new MetricMetadata(name, help);
        this.labelNames = labelNames.clone();
        this.upperBounds = buckets.upperBounds();
        if (upperBounds[upperBounds.length - 1] == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("+Inf is always the last bucket; leave it out of the bounds");
        }
        this.upperBoundsWithInf = Arrays.copyOf(upperBounds, upperBounds.length + 1);
        upperBoundsWithInf[upperBounds.length] = Double.POSITIVE_INFINITY;
    }

    @Override
    public Histogram labels(String... values) {
        if (values.length != labelNames.length) {
            throw new IllegalArgumentException(
                    "expected " + labelNames.length + " label values, got " + values.length);
        }
        return series.computeIfAbsent(List.of(values), labels -> new AdderHistogram(upperBounds));
    }

    @Override
    public MetricSnapshot collect() {
        List<HistogramDataPointSnapshot> points = new ArrayList<>(series.size());
        series.forEach((values, histogram) -> points.add(new HistogramDataPointSnapshot(
                ClassicHistogramBuckets.of(upperBoundsWithInf, histogram.bucketCounts()),
                histogram.sum(),
                Labels.of(labelNames, values.toArray(String[]::new)),
                Exemplars.EMPTY,
                0L)));
        return new HistogramSnapshot(metadata, points);
    }

    @Override
    public String getPrometheusName() {
        return metadata.getPrometheusName();
    }

    @Override
    public MetricType getMetricType() {
        return MetricType.HISTOGRAM;
    }

    @Override
    public Set<String> getLabelNames() {
        return Set.of(labelNames);
    }

    @Override
    public MetricMetadata getMetadata() {
        return metadata;
    }
}
