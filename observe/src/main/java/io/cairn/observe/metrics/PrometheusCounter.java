package io.cairn.observe.metrics;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;

/** A {@link Counter} on one data point of a Prometheus counter. */
final class PrometheusCounter implements Counter {

    private final CounterDataPoint point;

    PrometheusCounter(CounterDataPoint point) {
        this.point = point;
    }

    @Override
    public void inc() {
        point.inc(1L);
    }

    @Override
    public void inc(long amount) {
        point.inc(amount);
    }

    @Override
    public void inc(double amount) {
        point.inc(amount);
    }

    @Override
    public double value() {
        return point.get();
    }
}
