package io.cairn.kv.server.consensus;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * What the consensus engine drives: committed entries in log order, and snapshots.
 *
 * <p>Why: the store never sees the Raft library; it implements this and the engine calls it from a single
 * apply thread.
 */
public interface StateMachine {

    /**
     * Applies the committed entry at {@code index}. {@code data} must not have its position consumed (the engine
     * may still replicate the same buffer).
     *
     * @return the result handed to the proposer, or {@code null} if the entry had already been applied
     */
    Object apply(long index, ByteBuffer data);

    /** The index of the last applied entry, durable or replayable. */
    long appliedIndex();

    /**
     * Makes all applied state durable and writes what a restart needs into {@code dir}.
     *
     * @return the files written, relative to {@code dir}
     */
    java.util.List<String> saveSnapshot(Path dir);

    /**
     * Brings the state to the snapshot in {@code dir}.
     *
     * @return false if the snapshot cannot be loaded
     */
    boolean loadSnapshot(Path dir);

    /** Encodes an {@link #apply} result so a proposal forwarded from another member can be answered. */
    byte[] encodeResult(Object result);

    /** The inverse of {@link #encodeResult}. */
    Object decodeResult(byte[] encoded);

    /** This member became leader ({@code true}) or stopped being leader, at {@code term}. */
    default void leadershipChanged(boolean leader, long term) {
    }
}
