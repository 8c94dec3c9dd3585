package io.cairn.observe.metrics;

import java.util.Arrays;

/**
 * The upper bounds of a classic histogram's buckets ({@code +Inf} is always added).
 *
 * <p>Why: compatible dashboards need the same bucket layout as the original; the Go client's helpers
 * ({@code ExponentialBuckets}, {@code LinearBuckets}) have the same meaning here, so a family can be declared with
 * the exact arguments the original uses, e.g. etcd's WAL fsync histogram is {@code exponential(0.001, 2, 14)}.
 */
public final class Buckets {

    private final double[] upperBounds;

    private Buckets(double[] upperBounds) {
        if (upperBounds.length == 0) {
            throw new IllegalArgumentException("a histogram needs at least one bucket");
        }
        for (int i = 1; i < upperBounds.length; i++) {
            if (!(upperBounds[i] > upperBounds[i - 1])) {
                throw new IllegalArgumentException("bucket bounds must increase: " + Arrays.toString(upperBounds));
            }
        }
        this.upperBounds = upperBounds;
    }

    /** These exact upper bounds, which must be strictly increasing. */
    public static Buckets of(double... upperBounds) {
        return new Buckets(upperBounds.clone());
    }

    /** {@code count} bounds starting at {@code start}, each {@code factor} times the previous one. */
    public static Buckets exponential(double start, double factor, int count) {
        if (start <= 0 || factor <= 1 || count < 1) {
            throw new IllegalArgumentException("exponential buckets need start > 0, factor > 1 and count >= 1");
        }
        double[] bounds = new double[count];
        bounds[0] = start;
        for (int i = 1; i < count; i++) {
            bounds[i] = bounds[i - 1] * factor;
        }
        return new Buckets(bounds);
    }

    /** {@code count} bounds starting at {@code start}, {@code width} apart. */
    public static Buckets linear(double start, double width, int count) {
        if (width <= 0 || count < 1) {
            throw new IllegalArgumentException("linear buckets need width > 0 and count >= 1");
        }
        double[] bounds = new double[count];
        for (int i = 0; i < count; i++) {
            bounds[i] = start + i * width;
        }
        return new Buckets(bounds);
    }

    /** A copy of the upper bounds, without {@code +Inf}. */
    public double[] upperBounds() {
        return upperBounds.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Buckets other && Arrays.equals(upperBounds, other.upperBounds);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(upperBounds);
    }

    @Override
    public String toString() {
        return "Buckets" + Arrays.toString(upperBounds);
    }
}
