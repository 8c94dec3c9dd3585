package io.cairn.client;

/**
 * Limits retries to a share of the traffic, as gRPC's retry throttling does: each failed attempt spends a token,
 * each success earns back {@code ratio}; while the bucket is below half full, failures are not retried.
 *
 * <p>Why: during an outage every caller retrying several times multiplies the load on a struggling server; a budget
 * shared per cluster turns that into at most a small fraction of extra requests.
 */
final class RetryBudget {
    private final double max;
    private final double ratio;
    private double tokens;

    RetryBudget(int maxTokens, double ratio) {
        this.max = maxTokens;
        this.ratio = ratio;
        this.tokens = maxTokens;
    }

    /** Records a failed attempt; returns whether it may be retried. */
    synchronized boolean failedMayRetry() {
        tokens = Math.max(0, tokens - 1);
        return tokens > max / 2;
    }

    synchronized void succeeded() {
        tokens = Math.min(max, tokens + ratio);
    }
}
