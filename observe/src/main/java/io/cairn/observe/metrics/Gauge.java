package io.cairn.observe.metrics;

/**
 * A value that goes up and down, bound to one set of label values.
 *
 * <p>Why: state such as "has a leader" or "pending proposals" is set from the code that changes it, through a
 * handle resolved once, so that recording never allocates.
 */
public interface Gauge {

    /** Sets the value. */
    void set(double value);

    /** Adds one. */
    void inc();

    /** Adds {@code amount}, which may be negative. */
    void inc(double amount);

    /** Subtracts one. */
    void dec();

    /** The current value; for tests and status pages. */
    double value();
}
