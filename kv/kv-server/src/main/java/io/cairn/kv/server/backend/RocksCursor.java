package io.cairn.kv.server.backend;

import org.rocksdb.AbstractSlice;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksIterator;

/** {@link Cursor} over a RocksDB iterator, owning its read options and bound. */
final class RocksCursor implements Cursor {
    private final RocksIterator it;
    private final ReadOptions options;
    private final AbstractSlice<?> bound;

    RocksCursor(RocksIterator it, ReadOptions options, AbstractSlice<?> bound) {
        this.it = it;
        this.options = options;
        this.bound = bound;
    }

    @Override
    public void seek(byte[] key) {
        it.seek(key);
    }

    @Override
    public void seekToFirst() {
        it.seekToFirst();
    }

    @Override
    public boolean valid() {
        return it.isValid();
    }

    @Override
    public void next() {
        it.next();
    }

    @Override
    public byte[] key() {
        return it.key();
    }

    @Override
    public byte[] value() {
        return it.value();
    }

    @Override
    public int valueHead(byte[] head) {
        return it.value(head);
    }

    @Override
    public void close() {
        it.close();
        options.close();
        if (bound != null) {
            bound.close();
        }
    }
}
