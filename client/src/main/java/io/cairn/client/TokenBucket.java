package io.cairn.client;

import java.time.Duration;

/**
 * client-go's client-side limiter: a token bucket holding up to {@code burst} tokens, refilled at {@code qps}, shared
 * by every thread calling one cluster. A caller reserves a token and sleeps until its slot; a slot later than the
 * caller's deadline is refused at once (the token handed back), as {@code rate.Limiter.Wait} does with a context.
 *
 * <p>Why: reservations keep the long-run rate exact under any number of threads, and no thread spins or polls.
 */
final class TokenBucket {
    private final double qps;
    private final double burst;
    private final Ticker ticker;
    private double tokens;
    private long last;

    TokenBucket(double qps, int burst, Ticker ticker) {
        if (qps <= 0 || burst < 1) {
            throw new IllegalArgumentException("qps must be > 0 and burst >= 1");
        }
        this.qps = qps;
        this.burst = burst;
        this.ticker = ticker;
        this.tokens = burst;
        this.last = ticker.nanos();
    }

    /**
     * Takes one token, waiting for it within {@code deadline}; returns the time waited.
     *
     * @throws ClientException.DeadlineExceeded when the token would come after the deadline
     * @throws ClientException.Cancelled when the deadline is cancelled while waiting
     */
    Duration acquire(Deadline deadline) {
        deadline.check();
        Duration wait;
        synchronized (this) {
            refill();
            tokens -= 1;
            wait = tokens >= 0 ? Duration.ZERO : Duration.ofNanos((long) Math.ceil(-tokens / qps * 1e9));
            if (wait.compareTo(deadline.remaining()) > 0) {
                tokens += 1;
                throw new ClientException.DeadlineExceeded("rate limiter wait of " + wait.toMillis()
                        + " ms would exceed the deadline");
            }
        }
        if (wait.isZero()) {
            return wait;
        }
        try {
            deadline.sleep(wait, "rate limiter wait");
        } catch (ClientException e) {
            synchronized (this) {
                tokens += 1;
            }
            throw e;
        }
        return wait;
    }

    private void refill() {
        long now = ticker.nanos();
        tokens = Math.min(burst, tokens + (now - last) / 1e9 * qps);
        last = now;
    }
}
