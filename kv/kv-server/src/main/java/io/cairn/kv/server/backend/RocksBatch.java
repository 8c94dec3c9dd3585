package io.cairn.kv.server.backend;

import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/** {@link Batch} over a RocksDB write batch. */
final class RocksBatch implements Batch {
    private final RocksBackend backend;
    private final WriteBatch batch = new WriteBatch();
    private int size;

    RocksBatch(RocksBackend backend) {
        this.backend = backend;
    }

    @Override
    public void put(Table table, byte[] key, byte[] value) {
        try {
            batch.put(backend.handle(table), key, value);
            size++;
        } catch (RocksDBException e) {
            throw new BackendException("batch put failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(Table table, byte[] key) {
        try {
            batch.delete(backend.handle(table), key);
            size++;
        } catch (RocksDBException e) {
            throw new BackendException("batch delete failed: " + e.getMessage(), e);
        }
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void commit() {
        backend.write(batch);
    }

    @Override
    public void close() {
        batch.close();
    }
}
