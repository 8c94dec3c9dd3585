package io.cairn.kv.server.consensus;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

/**
 * Facts about this member's Raft node that only the engine sees as they happen: leader changes, proposals in
 * flight and failed, and how long appending to the Raft log took.
 *
 * <p>Why: levels (has a leader, term, commit index) are read when a scrape asks; these are events, so the engine
 * counts them here and the store's metrics read the counts. The engine only increments; it knows nothing of
 * metric names. Thread-safe; recording allocates nothing.
 */
public final class RaftCounters {

    private final LongAdder leaderChanges = new LongAdder();
    private final LongAdder pending = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private volatile LongConsumer logAppendNanos = nanos -> { };

    /** Leaders seen since start: each time this member became leader or started following a new one. */
    public long leaderChanges() {
        return leaderChanges.sum();
    }

    /** Proposals made here and not yet answered. */
    public long pendingProposals() {
        return pending.sum();
    }

    /** Proposals made here that failed (no leader, not leader, overloaded, leader changed, stopped). */
    public long failedProposals() {
        return failed.sum();
    }

    /**
     * Sets who is told how long each append of entries to the Raft log took, written and synced to disk, in
     * nanoseconds.
     */
    public void onLogAppend(LongConsumer nanos) {
        this.logAppendNanos = nanos;
    }

    void leaderChanged() {
        leaderChanges.increment();
    }

    void proposed() {
        pending.increment();
    }

    void answered(boolean ok) {
        pending.decrement();
        if (!ok) {
            failed.increment();
        }
    }

    void logAppended(long nanos) {
        logAppendNanos.accept(nanos);
    }
}
