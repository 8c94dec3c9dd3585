package io.cairn.kv.server.consensus;

import java.util.concurrent.CompletableFuture;

/**
 * Cairn's consensus port: propose a command, learn its apply result; wait for a linearizable read point.
 *
 * <p>Why: the store depends on this small interface, not on a Raft library, so the engine (SOFAJRaft today,
 * see {@link #jraft(RaftSettings, StateMachine, java.util.concurrent.Executor)}) can be swapped.
 */
public interface Consensus extends AutoCloseable {

    /**
     * The SOFAJRaft implementation.
     *
     * @param replyExecutor completes proposers' futures (off the apply thread)
     */
    static Consensus jraft(RaftSettings settings, StateMachine stateMachine,
                           java.util.concurrent.Executor replyExecutor) {
        return new JRaftConsensus(settings, stateMachine, replyExecutor);
    }

    /** Starts the member and waits until the group has a leader (or the timeout in the settings passes). */
    void start();

    /**
     * Appends {@code command} to the log. The future completes with the state machine's result for the entry
     * once it is committed and applied here, or exceptionally with a
     * {@link io.cairn.kv.server.errors.KvException} (no leader, not leader, overloaded, leader changed: the
     * outcome of the last one is unknown).
     */
    CompletableFuture<Object> propose(byte[] command);

    /**
     * Completes once this member has applied every entry committed before the call: a read of local state
     * after that is linearizable.
     */
    CompletableFuture<Void> readBarrier();

    /** The engine's event counts (leader changes, proposals, log appends), for metrics. */
    RaftCounters counters();

    /** The current Raft term as this member knows it. */
    long term();

    /** True when this member is the leader. */
    boolean isLeader();

    /** True when this member knows a leader. */
    boolean hasLeader();

    /** The index of the last committed log entry known here. */
    long commitIndex();

    /** Asks for a snapshot now (bounds replay at the next start). */
    void snapshot();

    @Override
    void close();
}
