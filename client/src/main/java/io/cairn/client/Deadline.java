package io.cairn.client;

import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The time a call may take and a way to cancel it, like Go's {@code context.Context}: it covers waiting in the rate
 * limiter, every retry and backoff, and the HTTP exchange itself. One deadline may be shared by several calls (a
 * reconcile loop's budget); {@link #cancel()} aborts all of them, including open watches started with it.
 *
 * <p>Why: per-request socket timeouts bound one exchange, not the caller's wait; only a deadline carried through
 * every layer lets a caller promise its own callers an answer in time.
 */
public final class Deadline {
    private static final long NONE = Long.MAX_VALUE;

    private final Ticker ticker;
    private final long expiresAt;
    private final CopyOnWriteArrayList<Runnable> cancelHooks = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;

    private Deadline(Ticker ticker, long expiresAt) {
        this.ticker = ticker;
        this.expiresAt = expiresAt;
    }

    /** A deadline {@code timeout} from now on the system clock. */
    public static Deadline after(Duration timeout) {
        return after(timeout, Ticker.system());
    }

    /** A deadline {@code timeout} from now on {@code ticker}. */
    public static Deadline after(Duration timeout, Ticker ticker) {
        long now = ticker.nanos();
        long nanos = timeout.toNanos();
        return new Deadline(ticker, nanos >= NONE - now ? NONE : now + nanos);
    }

    /** No time limit; the call can still be cancelled. */
    public static Deadline none() {
        return new Deadline(Ticker.system(), NONE);
    }

    /** Time left, zero once expired; a very long duration for {@link #none()}. */
    public Duration remaining() {
        if (expiresAt == NONE) {
            return Duration.ofDays(365);
        }
        return Duration.ofNanos(Math.max(0, expiresAt - ticker.nanos()));
    }

    /** Whether the time is up. */
    public boolean expired() {
        return expiresAt != NONE && ticker.nanos() >= expiresAt;
    }

    /** Whether {@link #cancel()} was called. */
    public boolean cancelled() {
        return cancelled;
    }

    /** Cancels every call and watch using this deadline: waits end, in-flight requests are aborted. Idempotent. */
    public void cancel() {
        cancelled = true;
        for (Runnable hook : cancelHooks) {
            hook.run();
        }
    }

    /** Throws if the call must stop now. */
    void check() {
        if (cancelled) {
            throw new ClientException.Cancelled("call cancelled");
        }
        if (expired()) {
            throw new ClientException.DeadlineExceeded("deadline exceeded");
        }
    }

    /** Runs {@code hook} on cancellation (at once if already cancelled); closing the result removes it. */
    Registration onCancel(Runnable hook) {
        cancelHooks.add(hook);
        if (cancelled) {
            hook.run();
        }
        return () -> cancelHooks.remove(hook);
    }

    /**
     * Sleeps {@code wait} on the ticker, failing fast when the wait would outlast the deadline (as client-go's limiter
     * does) and waking early on cancellation.
     */
    void sleep(Duration wait, String what) {
        check();
        if (wait.compareTo(remaining()) > 0) {
            throw new ClientException.DeadlineExceeded(what + " of " + wait.toMillis() + " ms would exceed the deadline");
        }
        Thread current = Thread.currentThread();
        try (Registration r = onCancel(current::interrupt)) {
            ticker.sleep(wait);
        } catch (InterruptedException e) {
            if (!cancelled) {
                Thread.currentThread().interrupt();
            }
            throw new ClientException.Cancelled("cancelled while waiting: " + what);
        }
        if (cancelled) {
            Thread.interrupted();
        }
        check();
    }

    /** A removable cancellation hook. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
