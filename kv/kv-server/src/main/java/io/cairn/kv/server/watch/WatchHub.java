package io.cairn.kv.server.watch;

import io.cairn.kv.server.errors.KvException;
import io.cairn.kv.server.mvcc.CommitListener;
import io.cairn.kv.server.mvcc.MvccStore;
import io.etcd.jetcd.api.Event;
import io.etcd.jetcd.api.KeyValue;
import io.etcd.jetcd.api.ResponseHeader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watch fan-out of one store (etcd's watchable store).
 *
 * <ul>
 *   <li><b>Synced</b> watchers have been sent everything up to the last committed revision; each commit's
 *       events are matched against them on the apply thread and queued on their streams — one response per
 *       watcher per revision, so a revision's events are never split.</li>
 *   <li><b>Unsynced</b> watchers (a start revision in the past, or a stream too slow to take more) are caught
 *       up by a background task that reads history from the store in bounded batches, shared by all of them,
 *       and moves each to synced once it has everything up to the last committed revision.</li>
 *   <li>A watcher whose next revision has been compacted is canceled with {@code compact_revision} set.</li>
 * </ul>
 * Nothing here blocks the apply thread on a client: queues are bounded and overflow falls back to storage.
 */
public final class WatchHub implements CommitListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WatchHub.class);
    /** Events read from history per catch-up batch. */
    static final int HISTORY_BATCH_EVENTS = 4096;

    /** Streams a commit may reach for its responses to be sent from the committing thread (see committed). */
    static final int SEND_HERE_STREAMS = 4;
    final ReentrantLock lock = new ReentrantLock();
    private final MvccStore store;
    private final ScheduledExecutorService scheduler;
    private final Executor sendExecutor;
    private final long maxResponseBytes;
    /**
     * Synced single-key watchers by key, and synced range watchers. A synced watcher's {@code nextRev} is not
     * advanced per commit (that would cost O(watchers) per revision); it only matters while above the last
     * committed revision (a start revision in the future), and is set anew whenever a watcher leaves the group.
     */
    private final WatcherGroups syncedByKey = new WatcherGroups(new HashMap<>());
    private final RangeWatchers syncedRanges = new RangeWatchers();
    private final Set<Watcher> unsynced = new HashSet<>();
    private final Set<WatchStream> streams = new HashSet<>();
    private int syncedCount;
    private volatile boolean anySynced;
    private long lastNotified;
    private boolean syncScheduled;

    /**
     * @param scheduler        runs catch-up and periodic progress notifications
     * @param sendExecutor     drains streams' queues to the network
     * @param progressInterval how often watchers with {@code progress_notify} hear of progress when idle
     */
    public WatchHub(MvccStore store, ScheduledExecutorService scheduler, Executor sendExecutor, long maxResponseBytes,
                    Duration progressInterval) {
        this.store = store;
        this.scheduler = scheduler;
        this.sendExecutor = sendExecutor;
        this.maxResponseBytes = maxResponseBytes;
        this.lastNotified = store.currentRevision();
        long every = Math.max(100, progressInterval.toMillis());
        scheduler.scheduleWithFixedDelay(this::periodicProgress, every, every, TimeUnit.MILLISECONDS);
        store.listener(this);
    }

    /** Opens a stream for one client connection's Watch call. */
    public WatchStream open(Outbound out, LongFunction<ResponseHeader> header) {
        WatchStream s = new WatchStream(this, out, header, sendExecutor, maxResponseBytes);
        lock.lock();
        try {
            streams.add(s);
        } finally {
            lock.unlock();
        }
        return s;
    }

    /** Number of watchers (synced and unsynced). */
    public int watcherCount() {
        lock.lock();
        try {
            return syncedCount + unsynced.size();
        } finally {
            lock.unlock();
        }
    }

    /** Number of watchers being caught up from storage. */
    public int slowWatcherCount() {
        lock.lock();
        try {
            return unsynced.size();
        } finally {
            lock.unlock();
        }
    }

    long lastNotified() {
        return lastNotified;
    }

    KeyValue previous(KeyValue kv) {
        return store.previous(kv).orElse(null);
    }

    // ---- registration (under lock) ----------------------------------------------------------------------------

    void register(Watcher w, long startRev) {
        if (startRev == 0 || startRev > lastNotified) {
            w.nextRev = Math.max(lastNotified + 1, startRev);
            addSynced(w);
        } else {
            w.nextRev = startRev;
            unsynced.add(w);
            scheduleSync();
        }
    }

    void unregister(Watcher w) {
        w.canceled = true;
        if (w.synced) {
            removeSynced(w);
        } else {
            unsynced.remove(w);
        }
    }

    private void addSynced(Watcher w) {
        w.synced = true;
        if (w.range.isSingleKey()) {
            syncedByKey.add(w.range.key(), w);
        } else {
            syncedRanges.add(w);
        }
        syncedCount++;
        anySynced = true;
    }

    private void removeSynced(Watcher w) {
        w.synced = false;
        if (w.range.isSingleKey()) {
            syncedByKey.remove(w.range.key(), w);
        } else {
            syncedRanges.remove(w);
        }
        syncedCount--;
        anySynced = syncedCount > 0;
    }

    // ---- live fan-out (apply thread) --------------------------------------------------------------------------

    /**
     * The store was replaced by a newer snapshot at {@code revision}: every watcher catches up from the new
     * store's history, starting where it was.
     */
    public void storeReplaced(long revision) {
        lock.lock();
        try {
            long next = lastNotified + 1;
            for (Watcher w : allSynced()) {
                removeSynced(w);
                w.nextRev = next;
                unsynced.add(w);
            }
            lastNotified = revision;
            scheduleSync();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean wantsEvents() {
        return anySynced;
    }

    @Override
    public void committed(long revision, List<Event> events, boolean complete) {
        List<WatchStream> touched = null;
        lock.lock();
        try {
            lastNotified = revision;
            if (syncedCount == 0) {
                return;
            }
            if (!complete) {
                // the events were not listed: every synced watcher reads this revision from history
                for (Watcher w : allSynced()) {
                    removeSynced(w);
                    w.nextRev = revision;
                    unsynced.add(w);
                }
                scheduleSync();
                return;
            }
            if (events.size() == 1) {
                // one event (a put, a delete of one key): each watcher matches it at most once, so the matches
                // need no grouping by watcher, and every response shares one event list
                Event e = events.getFirst();
                List<Watcher> matched = new ArrayList<>();
                matching(e, w -> {
                    if (w.wants(e)) {
                        matched.add(w);
                    }
                });
                List<Event> one = List.of(e);
                for (Watcher w : matched) {
                    touched = deliver(w, revision, one, touched);
                }
            } else {
                Map<Watcher, List<Event>> byWatcher = new LinkedHashMap<>();
                for (Event e : events) {
                    matching(e, w -> {
                        if (w.wants(e)) {
                            byWatcher.computeIfAbsent(w, x -> new ArrayList<>()).add(e);
                        }
                    });
                }
                for (Map.Entry<Watcher, List<Event>> en : byWatcher.entrySet()) {
                    touched = deliver(en.getKey(), revision, en.getValue(), touched);
                }
            }
        } finally {
            lock.unlock();
        }
        // Sent after the hub's lock is released. A commit that reaches a few streams is sent from this (the apply)
        // thread: at a low write rate each commit is one event for one or two streams, and a hand-off to the
        // sender pool would add a thread wake-up to every event's way out. Wider fan-outs go to the pool, so that
        // the next commit does not wait for them.
        if (touched == null) {
            return;
        }
        boolean here = touched.size() <= SEND_HERE_STREAMS;
        for (WatchStream s : touched) {
            s.send(here);
        }
    }

    /** Visits the synced watchers whose range may hold the event's key (the caller checks {@link Watcher#wants}). */
    private void matching(Event e, java.util.function.Consumer<Watcher> visitor) {
        syncedByKey.forEach(e.getKv().getKey(), visitor);
        if (syncedRanges.size() > 0) {
            syncedRanges.candidates(e.getKv().getKey(), visitor);
        }
    }

    /**
     * Queues a synced watcher's events of one revision, or moves it to catch-up when its stream is full.
     *
     * @param touched the streams this commit queued to so far, to be sent once the lock is released (null: none)
     * @return {@code touched} with the watcher's stream added (a list is made for the first)
     */
    private List<WatchStream> deliver(Watcher w, long revision, List<Event> events, List<WatchStream> touched) {
        if (w.stream.offer(Pending.events(w, revision, events), false)) {
            w.sentSinceProgress = true;
            return noteTouched(touched, w.stream);
        }
        // the stream is full: this watcher catches up from storage, starting at this revision
        removeSynced(w);
        w.nextRev = revision;
        unsynced.add(w);
        scheduleSync();
        return touched;
    }

    /** Adds a stream once (the check looks at the last few added: a miss only adds a duplicate, sent twice idly). */
    private static List<WatchStream> noteTouched(List<WatchStream> touched, WatchStream s) {
        if (touched == null) {
            touched = new ArrayList<>(2);
        }
        for (int i = touched.size() - 1, stop = Math.max(0, touched.size() - 8); i >= stop; i--) {
            if (touched.get(i) == s) {
                return touched;
            }
        }
        touched.add(s);
        return touched;
    }

    private List<Watcher> allSynced() {
        List<Watcher> all = new ArrayList<>(syncedCount);
        syncedByKey.addAllTo(all);
        syncedRanges.addAllTo(all);
        return all;
    }

    // ---- catch-up from storage (scheduler thread) --------------------------------------------------------------

    private void scheduleSync() {
        if (!syncScheduled) {
            syncScheduled = true;
            scheduler.schedule(this::syncRound, 10, TimeUnit.MILLISECONDS);
        }
    }

    private void syncRound() {
        long target;
        long from;
        List<Watcher> batch;
        lock.lock();
        try {
            syncScheduled = false;
            if (unsynced.isEmpty()) {
                return;
            }
            target = lastNotified;
            batch = new ArrayList<>(unsynced);
            from = batch.stream().mapToLong(w -> w.nextRev).min().orElse(target + 1);
        } finally {
            lock.unlock();
        }
        MvccStore.History history = null;
        long compactRev = store.compactRevision();
        if (from <= target) {
            if (from < compactRev) {
                cancelCompacted(batch, compactRev);
                reschedule();
                return;
            }
            try {
                history = store.history(from, target, HISTORY_BATCH_EVENTS);
            } catch (KvException.Compacted e) {
                cancelCompacted(batch, store.compactRevision());
                reschedule();
                return;
            } catch (RuntimeException e) {
                LOG.warn("watch catch-up failed; retrying", e);
                reschedule();
                return;
            }
        }
        lock.lock();
        try {
            long upTo = history == null ? target : history.lastRevision();
            List<Event> events = history == null ? List.of() : history.events();
            for (Watcher w : batch) {
                if (w.canceled || w.synced || !unsynced.contains(w)) {
                    continue;
                }
                if (w.nextRev <= upTo) {
                    List<Event> mine = new ArrayList<>();
                    for (Event e : events) {
                        if (w.wants(e)) {
                            mine.add(e);
                        }
                    }
                    if (!mine.isEmpty()) {
                        if (!w.stream.enqueue(Pending.events(w, upTo, mine), false)) {
                            continue; // still too slow: retried next round
                        }
                        w.sentSinceProgress = true;
                    }
                    w.nextRev = upTo + 1;
                }
                if (w.nextRev > lastNotified) {
                    unsynced.remove(w);
                    addSynced(w);
                    progressIfSynced(w.stream);
                }
            }
            if (!unsynced.isEmpty()) {
                scheduleSync();
            }
        } finally {
            lock.unlock();
        }
    }

    private void reschedule() {
        lock.lock();
        try {
            if (!unsynced.isEmpty()) {
                scheduleSync();
            }
        } finally {
            lock.unlock();
        }
    }

    private void cancelCompacted(List<Watcher> batch, long compactRev) {
        lock.lock();
        try {
            for (Watcher w : batch) {
                if (!w.canceled && unsynced.contains(w) && w.nextRev < compactRev) {
                    unsynced.remove(w);
                    w.canceled = true;
                    w.stream.removeCompacted(w, compactRev);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    // ---- progress ---------------------------------------------------------------------------------------------

    /** Sends a stream's pending progress request once all its watchers are synced (under lock). */
    void progressIfSynced(WatchStream s) {
        if (!s.progressRequested) {
            return;
        }
        for (Watcher w : s.watchers()) {
            if (!w.synced) {
                return;
            }
        }
        s.progressRequested = false;
        s.enqueue(Pending.progress(WatchStream.INVALID_ID, lastNotified), true);
    }

    private void periodicProgress() {
        lock.lock();
        try {
            for (Watcher w : allSynced()) {
                if (w.progressNotify && !w.sentSinceProgress) {
                    w.stream.enqueue(Pending.progress(w.id, lastNotified), true);
                }
                w.sentSinceProgress = false;
            }
        } catch (RuntimeException e) {
            LOG.warn("progress notification failed", e);
        } finally {
            lock.unlock();
        }
    }

    void closed(WatchStream s) {
        lock.lock();
        try {
            streams.remove(s);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
