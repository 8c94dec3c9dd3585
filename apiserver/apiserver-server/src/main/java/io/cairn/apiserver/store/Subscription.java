package io.cairn.apiserver.store;

import io.cairn.apiserver.status.StatusException;
import io.cairn.apiserver.status.Statuses;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP watcher's feed from the {@link WatchCache}: the events under its key prefix after its start revision,
 * in revision order.
 *
 * <p>Why: watchers must never slow the cache down; a watcher whose queue fills is ended (the client re-watches
 * from its last resourceVersion, as with kube-apiserver's cacher).
 */
public final class Subscription implements AutoCloseable {
    private final WatchCache cache;
    final String keyPrefix;
    final long after;
    private final BlockingQueue<CacheEvent> queue;
    private volatile String endedBecause;

    Subscription(WatchCache cache, String keyPrefix, long after, int capacity) {
        this.cache = cache;
        this.keyPrefix = keyPrefix;
        this.after = after;
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /**
     * The next event, waiting at most {@code wait}; empty when none arrived.
     *
     * @throws StatusException when the watch was ended by the server (queue overflow, store history lost, close)
     */
    public Optional<CacheEvent> next(Duration wait) throws InterruptedException {
        CacheEvent e = queue.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        if (e == null && endedBecause != null) {
            throw Statuses.expired(endedBecause);
        }
        return Optional.ofNullable(e);
    }

    /** The next event if one is already queued (no waiting), for writing several before one flush. */
    public Optional<CacheEvent> poll() {
        return Optional.ofNullable(queue.poll());
    }

    /** A revision up to which this watcher has received every event, when nothing is pending; for bookmarks. */
    public OptionalLong bookmark() {
        return cache.bookmarkFor(this);
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** Called by the cache (under its lock) for a matching event. */
    void offer(CacheEvent e) {
        if (endedBecause == null && e.revision() > after && !queue.offer(e)) {
            endedBecause = "the watch fell too far behind; re-watch from the last resourceVersion received";
        }
    }

    void end(String reason) {
        if (endedBecause == null) {
            endedBecause = reason;
        }
    }

    @Override
    public void close() {
        cache.unsubscribe(this);
    }
}
