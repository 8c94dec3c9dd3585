package io.cairn.observe.metrics;

/**
 * A counter with label names, from which label-bound {@link Counter} handles are taken.
 *
 * <p>Why: binding looks the series up and allocates; it belongs at start-up (or once per new label value),
 * while the returned handle is what the hot path keeps.
 */
@FunctionalInterface
public interface CounterFamily {

    /**
     * The counter for these label values, in the order of the family's label names; the series appears in the
     * exposition from now on, at 0 until incremented. The same values always give a counter on the same series.
     *
     * @throws IllegalArgumentException if the number of values differs from the number of label names
     */
    Counter labels(String... values);
}
