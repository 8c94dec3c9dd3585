package io.cairn.observe.metrics;

/**
 * A histogram with label names, from which label-bound {@link Histogram} handles are taken.
 *
 * <p>Why: as for {@link CounterFamily}, binding happens once and the handle is kept.
 */
@FunctionalInterface
public interface HistogramFamily {

    /**
     * The histogram for these label values, in the order of the family's label names.
     *
     * @throws IllegalArgumentException if the number of values differs from the number of label names
     */
    Histogram labels(String... values);
}
