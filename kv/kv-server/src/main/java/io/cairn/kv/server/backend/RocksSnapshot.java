package io.cairn.kv.server.backend;

import java.util.Optional;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.Slice;

/** {@link Snapshot} over a RocksDB snapshot. */
final class RocksSnapshot implements Snapshot {
    private final RocksBackend backend;
    private final RocksDB db;
    private final org.rocksdb.Snapshot snapshot;

    RocksSnapshot(RocksBackend backend, RocksDB db, org.rocksdb.Snapshot snapshot) {
        this.backend = backend;
        this.db = db;
        this.snapshot = snapshot;
    }

    @Override
    public Optional<byte[]> get(Table table, byte[] key) {
        try (ReadOptions ro = new ReadOptions().setSnapshot(snapshot)) {
            return Optional.ofNullable(db.get(backend.handle(table), ro, key));
        } catch (RocksDBException e) {
            throw new BackendException("read failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Cursor cursor(Table table) {
        ReadOptions ro = new ReadOptions().setSnapshot(snapshot);
        return new RocksCursor(db.newIterator(backend.handle(table), ro), ro, null);
    }

    @Override
    public Cursor cursor(Table table, byte[] upperBoundExclusive) {
        Slice bound = new Slice(upperBoundExclusive);
        ReadOptions ro = new ReadOptions().setSnapshot(snapshot).setIterateUpperBound(bound);
        return new RocksCursor(db.newIterator(backend.handle(table), ro), ro, bound);
    }

    @Override
    public void close() {
        db.releaseSnapshot(snapshot);
    }
}
