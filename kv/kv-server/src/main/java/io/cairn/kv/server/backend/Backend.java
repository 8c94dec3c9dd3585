package io.cairn.kv.server.backend;

import java.nio.file.Path;

/**
 * The storage engine port: ordered tables with atomic batches and snapshots.
 *
 * <p>Why: the MVCC store depends on this small interface only; RocksDB is the implementation
 * ({@link #open(Path)}), and no other package imports it.
 */
public interface Backend extends ReadView, AutoCloseable {

    /** Opens (or creates) the database in {@code dir}. */
    static Backend open(Path dir) {
        return SwappableBackend.open(dir);
    }

    /** A new empty batch. */
    Batch batch();

    /** A point-in-time view. */
    Snapshot snapshot();

    /** Makes everything written so far durable on disk (flushes memtables). */
    void flush();

    /** Approximate size of the database on disk, in bytes. */
    long sizeBytes();

    /** Estimated bytes of live data (what the files would shrink to after a full compaction). */
    long liveDataBytes();

    /** The engine's figures for monitoring; cheap enough to read on every scrape. */
    BackendStats stats();

    /** The engine's estimate of the number of keys in {@code table}; cheap, approximate. */
    long estimatedKeys(Table table);

    /**
     * Rewrites every table to drop deleted and overwritten data (etcd's defragment). Runs online: reads and
     * writes go on meanwhile.
     */
    void compactAll();

    /**
     * Writes a consistent point-in-time copy of the database into {@code dir} (which must not exist), using hard
     * links where possible.
     */
    void checkpoint(Path dir);

    /**
     * Replaces the whole database by the one in {@code incoming} (a checkpoint from another member), which is
     * moved into place. Callers hold off every read and write of the store meanwhile.
     */
    void replaceWith(Path incoming);

    @Override
    void close();
}
