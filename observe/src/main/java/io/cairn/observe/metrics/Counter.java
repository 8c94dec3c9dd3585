package io.cairn.observe.metrics;

/**
 * A monotonically increasing count, bound to one set of label values.
 *
 * <p>Why: the hot path (every put, every gRPC call) must record without looking a series up or allocating;
 * a handle is resolved once and kept in a field.
 */
public interface Counter {

    /** Adds one. */
    void inc();

    /**
     * Adds {@code amount}.
     *
     * @throws IllegalArgumentException if {@code amount} is negative
     */
    void inc(long amount);

    /**
     * Adds {@code amount} (for example bytes or seconds).
     *
     * @throws IllegalArgumentException if {@code amount} is negative
     */
    void inc(double amount);

    /** The current count; for tests and status pages, not for the hot path. */
    double value();
}
