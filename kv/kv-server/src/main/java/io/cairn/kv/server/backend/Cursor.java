package io.cairn.kv.server.backend;

/**
 * An ordered iterator over one table, positioned with {@link #seek(byte[])}.
 *
 * <p>Why: the MVCC layer walks keys in byte order without knowing the storage engine. Not thread-safe; close it.
 */
public interface Cursor extends AutoCloseable {
    /** Positions at the first key at or after {@code key}. */
    void seek(byte[] key);

    /** Positions at the first key of the table. */
    void seekToFirst();

    /** True while positioned on an entry (and below the cursor's upper bound, if any). */
    boolean valid();

    /** Moves to the next entry. */
    void next();

    /** The current key (a fresh array). */
    byte[] key();

    /** The current value (a fresh array). */
    byte[] value();

    /**
     * Copies the start of the current value into {@code head} (as much as fits) and returns the value's full
     * length: reading a value's header without copying all of it.
     */
    int valueHead(byte[] head);

    @Override
    void close();
}
