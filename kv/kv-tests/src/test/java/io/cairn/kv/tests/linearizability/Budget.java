package io.cairn.kv.tests.linearizability;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * How much search the checker may spend before it answers {@link Report.Verdict#UNKNOWN}: a number of model steps
 * and, optionally, a deadline read from an injected clock.
 *
 * <p>Why both: steps make a unit test deterministic (the same history always gets the same answer); a deadline
 * keeps a fault test inside its time box whatever the history. Checking is NP-complete in general, so some bound is
 * always needed.
 */
public record Budget(long maxSteps, long maxNanos, LongSupplier nanoClock) {

    /** Checks the fields. */
    public Budget {
        Objects.requireNonNull(nanoClock, "nanoClock");
        if (maxSteps < 1 || maxNanos < 1) {
            throw new IllegalArgumentException("a budget must allow some search");
        }
    }

    /** At most {@code maxSteps} model steps, with no deadline. */
    public static Budget steps(long maxSteps) {
        return new Budget(maxSteps, Long.MAX_VALUE, () -> 0L);
    }

    /** At most {@code maxSteps} model steps and at most {@code maxTime} as measured by {@code nanoClock}. */
    public static Budget of(long maxSteps, Duration maxTime, LongSupplier nanoClock) {
        return new Budget(maxSteps, maxTime.toNanos(), nanoClock);
    }
}
