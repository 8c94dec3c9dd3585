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

    /**
     * Starts the member and waits until the group has a leader (or the timeout in the settings passes); a
     * member joining an existing cluster (no initial peers) does not wait.
     */
    void start();

    /**
     * Appends {@code command} to the log. The future completes with the state machine's result for the entry
     * once it is committed and applied here, or exceptionally with a
     * {@link io.cairn.kv.server.errors.KvException} (no leader, not leader, overloaded, leader changed: the
     * outcome of the last one is unknown).
     */
    CompletableFuture<Object> propose(byte[] command);

    /**
     * As {@link #propose}, for a proposer whose completion stages only answer a client: they never block nor wait
     * for another entry. Such a future may complete on the thread that applies the log (when the entry's batch is
     * small, which saves a thread hand-off per write at low load), so a stage that blocks would stall every write.
     */
    CompletableFuture<Object> proposeForClient(byte[] command);

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

    /** Takes a snapshot now and truncates the log before it; completes when done. */
    CompletableFuture<Void> takeSnapshot();

    /**
     * Registers how this member answers another member's {@link #call call} of {@code kind} (and a forwarded
     * {@link #callLeader}).
     */
    void handle(String kind, java.util.function.Function<byte[], CompletableFuture<byte[]>> handler);

    /** Calls {@code kind} on the member whose peer address is {@code peer} ({@code host:port}). */
    CompletableFuture<byte[]> call(String peer, String kind, byte[] payload, java.time.Duration timeout);

    /**
     * Runs {@code kind} on the leader: here when this member leads, otherwise forwarded to it. Waits a little
     * for an election when there is no leader; fails with {@code NoLeader} if none appears.
     */
    CompletableFuture<byte[]> callLeader(String kind, byte[] payload);

    /** This member's peer address ({@code host:port}). */
    String self();

    /** The leader's peer address, if one is known. */
    java.util.Optional<String> leader();

    /** The voting members' peer addresses, as this member's configuration has them. */
    java.util.List<String> voters();

    /** The learners' peer addresses. */
    java.util.List<String> learners();

    /** The index of the last entry applied by this member's state machine. */
    long appliedIndex();

    /** Adds a non-voting member (leader only); it receives the log and snapshots. */
    CompletableFuture<Void> addLearner(String peer);

    /** Turns a caught-up learner into a voter (leader only). */
    CompletableFuture<Void> promote(String peer);

    /** Removes a voter or learner (leader only). */
    CompletableFuture<Void> remove(String peer);

    /** Hands leadership to {@code peer} (leader only); completes once the transfer has started. */
    CompletableFuture<Void> transferLeadership(String peer);

    @Override
    void close();
}
