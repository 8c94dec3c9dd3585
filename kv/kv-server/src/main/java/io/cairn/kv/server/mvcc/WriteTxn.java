package io.cairn.kv.server.mvcc;

import com.google.protobuf.ByteString;
import io.cairn.kv.server.backend.Backend;
import io.cairn.kv.server.backend.Batch;
import io.cairn.kv.server.backend.Table;
import io.cairn.kv.server.errors.KvException;
import io.cairn.kv.server.schema.Schema;
import io.etcd.jetcd.api.KeyValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The changes of one applied Raft entry: every put and delete gets the same main revision (the store's
 * current revision + 1) and its own sub revision; reads inside the transaction see its earlier writes.
 *
 * <p>Why: etcd's txn model — a whole Txn consumes one revision, however many keys it changes — and the rule
 * that an entry's data and its Raft index are written in one atomic batch.
 */
public final class WriteTxn implements AutoCloseable {

    private final MvccStore store;
    private final Backend backend;
    private final long raftIndex;
    private final long main;
    private final Batch batch;
    /** Latest state of each key changed here: a version, or a tombstone (value marker kept separately). */
    private final TreeMap<ByteString, KeyValue> pending =
            new TreeMap<>(ByteString.unsignedLexicographicalComparator());
    private final Map<ByteString, Boolean> pendingLive = new java.util.HashMap<>();
    private long sub;
    private long newCompactRev = Long.MIN_VALUE;

    WriteTxn(MvccStore store, Backend backend, long raftIndex, long currentRev) {
        this.store = store;
        this.backend = backend;
        this.raftIndex = raftIndex;
        this.main = currentRev + 1;
        this.batch = backend.batch();
    }

    /** The revision reads in this transaction see: the new revision once something changed. */
    public long readRevision() {
        return sub > 0 ? main : main - 1;
    }

    /** The store's compaction revision. */
    public long compactRevision() {
        return store.compactRevision();
    }

    /** True once this transaction changed a key. */
    public boolean changed() {
        return sub > 0;
    }

    /** The latest live version of {@code key}, including this transaction's writes. */
    public Optional<KeyValue> get(ByteString key) {
        if (pendingLive.containsKey(key)) {
            return pendingLive.get(key) ? Optional.of(pending.get(key)) : Optional.empty();
        }
        return IndexReader.get(backend, key, main - 1);
    }

    /**
     * Reads a range as {@link MvccStore#range} does, but at this transaction's read revision and seeing its
     * writes.
     */
    public RangeResult range(KeyRange range, long rev, long limit, boolean countOnly) {
        long readRev = readRevision();
        if (rev > readRev) {
            throw new KvException.FutureRevision();
        }
        if (rev > 0 && rev < store.compactRevision()) {
            throw new KvException.Compacted();
        }
        boolean latest = rev <= 0 || rev == readRev;
        if (!latest || !touches(range)) {
            long at = latest ? main - 1 : rev;
            return MvccStore.read(backend, range, at, readRev, limit, countOnly);
        }
        // overlay this transaction's writes on the stored versions
        TreeMap<ByteString, KeyValue> merged = new TreeMap<>(ByteString.unsignedLexicographicalComparator());
        for (KeyValue kv : IndexReader.list(backend, range, main - 1)) {
            merged.put(kv.getKey(), kv);
        }
        for (Map.Entry<ByteString, KeyValue> e : pending.entrySet()) {
            if (range.contains(e.getKey())) {
                if (pendingLive.get(e.getKey())) {
                    merged.put(e.getKey(), e.getValue());
                } else {
                    merged.remove(e.getKey());
                }
            }
        }
        List<KeyValue> kvs = new ArrayList<>();
        if (!countOnly) {
            for (KeyValue kv : merged.values()) {
                if (limit > 0 && kvs.size() >= limit) {
                    break;
                }
                kvs.add(kv);
            }
        }
        return new RangeResult(kvs, merged.size(), readRev);
    }

    private boolean touches(KeyRange range) {
        for (ByteString k : pending.keySet()) {
            if (range.contains(k)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes a new version of {@code key}.
     *
     * @return the previous live version, if any
     */
    public Optional<KeyValue> put(ByteString key, ByteString value, long lease) {
        Optional<KeyValue> prev = get(key);
        KeyValue kv = KeyValue.newBuilder()
                .setKey(key)
                .setValue(value)
                .setCreateRevision(prev.map(KeyValue::getCreateRevision).orElse(main))
                .setModRevision(main)
                .setVersion(prev.map(p -> p.getVersion() + 1).orElse(1L))
                .setLease(lease)
                .build();
        record(key, kv, Schema.LIVE);
        return prev;
    }

    /**
     * Deletes every live key in the range (a tombstone each).
     *
     * @return the deleted versions, in key order
     */
    public List<KeyValue> deleteRange(KeyRange range) {
        List<KeyValue> live = range(range, 0, 0, false).kvs();
        for (KeyValue kv : live) {
            KeyValue tombstone = KeyValue.newBuilder().setKey(kv.getKey()).setModRevision(main).build();
            record(kv.getKey(), tombstone, Schema.TOMBSTONE);
        }
        return live;
    }

    private void record(ByteString key, KeyValue kv, byte marker) {
        byte[] k = key.toByteArray();
        long s = sub++;
        batch.put(Table.INDEX, Schema.indexKey(k, main, s), IndexReader.encode(marker, kv));
        batch.put(Table.REVISION, Schema.revisionKey(main, s), k);
        pending.put(key, kv);
        pendingLive.put(key, marker == Schema.LIVE);
    }

    /**
     * Schedules compaction of history below {@code rev}.
     *
     * @throws KvException.Compacted      if {@code rev} is not above the last compaction
     * @throws KvException.FutureRevision if {@code rev} is above the current revision
     */
    public void compact(long rev) {
        if (rev <= store.compactRevision()) {
            throw new KvException.Compacted();
        }
        if (rev > main - 1) {
            throw new KvException.FutureRevision();
        }
        batch.put(Table.META, Schema.META_SCHEDULED_COMPACT_REV, Schema.longValue(rev));
        newCompactRev = rev;
    }

    /**
     * Writes the transaction with its Raft index, atomically, and makes it visible to readers.
     *
     * @return the store revision after the transaction
     */
    public long end() {
        if (raftIndex < 0) {
            throw new IllegalStateException("a read-only transaction cannot be written");
        }
        long rev = changed() ? main : main - 1;
        if (changed()) {
            batch.put(Table.META, Schema.META_CURRENT_REV, Schema.longValue(rev));
        }
        batch.put(Table.META, Schema.META_CONSISTENT_INDEX, Schema.longValue(raftIndex));
        batch.commit();
        store.published(raftIndex, rev, newCompactRev);
        return rev;
    }

    @Override
    public void close() {
        batch.close();
    }
}
