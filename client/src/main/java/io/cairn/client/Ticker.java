package io.cairn.client;

import java.time.Duration;

/**
 * Monotonic time and sleeping, injected so that tests control the limiter's and the retries' waits.
 *
 * <p>Why: a rate limiter and backoff that read {@code System.nanoTime} and call {@code Thread.sleep} directly can
 * only be tested by waiting; with a ticker a test can record every wait instead.
 */
public interface Ticker {

    /** Nanoseconds from an arbitrary origin, never decreasing. */
    long nanos();

    /**
     * Sleeps for {@code duration} (nothing for zero or negative).
     *
     * @throws InterruptedException when the sleeping thread is interrupted, which is how cancellation wakes it
     */
    void sleep(Duration duration) throws InterruptedException;

    /** The system's monotonic clock and {@link Thread#sleep(Duration)}. */
    static Ticker system() {
        return SystemTicker.INSTANCE;
    }
}
