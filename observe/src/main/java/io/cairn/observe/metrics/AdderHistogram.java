package io.cairn.observe.metrics;

import java.util.Arrays;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A classic histogram series: one {@link LongAdder} per bucket and a {@link DoubleAdder} for the sum.
 *
 * <p>Why not the Prometheus client's histogram: its {@code observe} allocates a temporary object per call that only
 * the JIT's escape analysis removes, so it allocates until (and unless) the calling code is compiled that way. The
 * count is the sum of the buckets, so the {@code +Inf} bucket and {@code _count} always agree in a scrape.
 */
final class AdderHistogram implements Histogram {

    private static final double NANOS_PER_SECOND = 1_000_000_000.0;

    private final double[] upperBounds;
    private final LongAdder[] buckets;
    private final DoubleAdder sum = new DoubleAdder();

    AdderHistogram(double[] upperBounds) {
        this.upperBounds = upperBounds;
        this.buckets = new LongAdder[upperBounds.length + 1];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    @Override
    public void observe(double value) {
        if (Double.isNaN(value)) {
            return;
        }
        int index = Arrays.binarySearch(upperBounds, value);
        buckets[index >= 0 ? index : -index - 1].increment();
        sum.add(value);
    }

    @Override
    public void observeNanos(long nanos) {
        observe(nanos / NANOS_PER_SECOND);
    }

    @Override
    public long count() {
        long count = 0;
        for (LongAdder bucket : buckets) {
            count += bucket.sum();
        }
        return count;
    }

    @Override
    public double sum() {
        return sum.sum();
    }

    /** The per-bucket (not cumulative) counts, the last one for {@code +Inf}. */
    long[] bucketCounts() {
        long[] counts = new long[buckets.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = buckets[i].sum();
        }
        return counts;
    }
}
