package io.cairn.kv.server.backend;

/**
 * Writes to several tables that become visible together, atomically, on {@link #commit()}.
 *
 * <p>Why: the data of an applied Raft entry and the entry's index must never be stored apart.
 */
public interface Batch extends AutoCloseable {
    /** Adds a put. */
    void put(Table table, byte[] key, byte[] value);

    /** Adds a delete. */
    void delete(Table table, byte[] key);

    /** Number of operations added so far. */
    int size();

    /** Writes the batch. Durability comes from the Raft log, so the write is not fsynced. */
    void commit();

    @Override
    void close();
}
