package io.cairn.bench;

import java.util.function.LongSupplier;

/**
 * Paces requests to at most {@code rate} per second, with a burst of one, like Go's {@code rate.NewLimiter(r, 1)}
 * that etcd's benchmark uses.
 *
 * <p>Why: a rate-limited run must not sleep a thread per request. {@link #reserve()} hands out evenly spaced
 * slots and returns how long the caller should wait for its slot, so one scheduler thread can start each request
 * on time. A caller that falls behind does not earn a burst: a slot is never earlier than "now", so after a stall
 * the pace resumes instead of catching up all at once. The clock is injected, which keeps the arithmetic testable
 * without sleeping.
 */
final class RateLimiter {

    private final LongSupplier nanoClock;
    private final long intervalNanos;
    private long nextSlot;

    private RateLimiter(LongSupplier nanoClock, long intervalNanos) {
        this.nanoClock = nanoClock;
        this.intervalNanos = intervalNanos;
        this.nextSlot = Long.MIN_VALUE;
    }

    /** A limiter for {@code perSecond} requests a second; {@code 0} (or less) means no limit. */
    static RateLimiter perSecond(double perSecond, LongSupplier nanoClock) {
        if (perSecond <= 0) {
            return new RateLimiter(nanoClock, 0);
        }
        return new RateLimiter(nanoClock, Math.max(1, Math.round(1e9 / perSecond)));
    }

    /** Whether this limiter never makes anyone wait. */
    boolean unlimited() {
        return intervalNanos == 0;
    }

    /** Takes the next slot; returns the nanoseconds to wait until it (0 if it is now). */
    long reserve() {
        if (intervalNanos == 0) {
            return 0;
        }
        long now = nanoClock.getAsLong();
        long slot;
        synchronized (this) {
            slot = nextSlot == Long.MIN_VALUE || nextSlot - now < 0 ? now : nextSlot;
            nextSlot = slot + intervalNanos;
        }
        return slot - now;
    }
}
