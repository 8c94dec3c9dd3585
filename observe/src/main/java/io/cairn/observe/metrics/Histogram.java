package io.cairn.observe.metrics;

/**
 * A distribution of observed values in fixed buckets, bound to one set of label values.
 *
 * <p>Why: latencies (fsync, backend commit, request handling) are the facts dashboards plot as quantiles; classic
 * buckets keep the exposition compatible with the dashboards written for the original Go servers.
 */
public interface Histogram {

    /** Records one observation, in the family's unit (seconds for {@code *_seconds}). */
    void observe(double value);

    /** Records a duration measured with {@link System#nanoTime()} differences, converted to seconds. */
    void observeNanos(long nanos);

    /** How many observations were recorded; for tests. */
    long count();

    /** The sum of the recorded observations; for tests. */
    double sum();
}
