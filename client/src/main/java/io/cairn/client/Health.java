package io.cairn.client;

import java.time.Duration;

/**
 * Tracks consecutive connection failures of one cluster: after {@code threshold} of them the cluster counts as
 * unhealthy for {@code period}, and any success makes it healthy again.
 *
 * <p>Why: read failover should skip a cluster that is down without first paying its timeout on every call.
 */
final class Health {
    private final int threshold;
    private final long periodNanos;
    private final Ticker ticker;
    private int failures;
    private long unhealthyUntil = Long.MIN_VALUE;

    Health(int threshold, Duration period, Ticker ticker) {
        this.threshold = threshold;
        this.periodNanos = period.toNanos();
        this.ticker = ticker;
    }

    synchronized void failed() {
        failures++;
        if (failures >= threshold) {
            unhealthyUntil = ticker.nanos() + periodNanos;
        }
    }

    synchronized void succeeded() {
        failures = 0;
        unhealthyUntil = Long.MIN_VALUE;
    }

    synchronized boolean healthy() {
        return unhealthyUntil == Long.MIN_VALUE || ticker.nanos() >= unhealthyUntil;
    }
}
