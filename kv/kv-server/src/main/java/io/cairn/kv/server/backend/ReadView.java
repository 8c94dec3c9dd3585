package io.cairn.kv.server.backend;

import java.util.Optional;

/**
 * Reads of the store's tables, either of the live database or of a point-in-time snapshot.
 *
 * <p>Why: historical reads need a view that a concurrent compaction cannot change under them.
 */
public interface ReadView {
    /** The value at {@code key}, if present. */
    Optional<byte[]> get(Table table, byte[] key);

    /** A cursor over the whole table. */
    Cursor cursor(Table table);

    /** A cursor that stops before {@code upperBoundExclusive}. */
    Cursor cursor(Table table, byte[] upperBoundExclusive);
}
