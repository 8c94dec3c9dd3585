package io.cairn.kv.server.mvcc;

import com.google.protobuf.ByteString;
import io.cairn.kv.server.backend.Backend;
import io.cairn.kv.server.backend.Batch;
import io.cairn.kv.server.backend.Cursor;
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
 * that an entry's data and its Raft index become durable together.
 *
 * <p>Large deletes stream: the keys are read from the latest table and their tombstones written in chunks of
 * {@value #CHUNK_OPS} operations, so deleting millions of keys needs neither their values nor one giant batch.
 * A chunk written before the transaction ends is invisible to readers (its versions are above the current
 * revision, which moves only at {@link #end()}) and harmless after a crash (the entry's Raft index is stored
 * only with the last chunk, so the entry is applied again, rewriting the same versions).
 */
public final class WriteTxn implements AutoCloseable {

    static final int CHUNK_OPS = 30_000;
    /** Above this many changes, watchers read the transaction's events from history instead. */
    static final int MAX_LISTED_EVENTS = 10_000;

    private final MvccStore store;
    private final Backend backend;
    private final long raftIndex;
    private final long main;
    private Batch batch;
    /** Keys put by this transaction (a key is never both put and then deleted-and-put: etcd's duplicate rule). */
    private final TreeMap<ByteString, KeyValue> puts = new TreeMap<>(ByteString.unsignedLexicographicalComparator());
    /** Ranges deleted by this transaction. */
    private final List<KeyRange> deletes = new ArrayList<>();
    private long sub;
    private boolean chunksWritten;
    private boolean eventsOverflowed;
    private long newCompactRev = Long.MIN_VALUE;
    /** The events of this transaction, or {@code null} when not collected (nobody watches, or too many). */
    private List<io.etcd.jetcd.api.Event> events;
    /** Put, range and delete operations run, for etcd's txn count. */
    private int operations;
    /** Keys this transaction deleted, for {@link LatestMeta} (null once too many: then it is cleared instead). */
    private List<ByteString> deletedKeys = new ArrayList<>();
    /** Above this many deleted keys, {@link #end()} clears {@link LatestMeta} rather than dropping them one by one. */
    static final int MAX_TRACKED_DELETES = 1024;

    WriteTxn(MvccStore store, Backend backend, long raftIndex, long currentRev) {
        this.events = raftIndex >= 0 && store.listener().wantsEvents() ? new ArrayList<>() : null;
        this.store = store;
        this.backend = backend;
        this.raftIndex = raftIndex;
        this.main = currentRev + 1;
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

    private boolean deletedHere(ByteString key) {
        for (KeyRange r : deletes) {
            if (r.contains(key)) {
                return true;
            }
        }
        return false;
    }

    /** The latest live version of {@code key}, including this transaction's writes. */
    public Optional<KeyValue> get(ByteString key) {
        KeyValue put = puts.get(key);
        if (put != null) {
            return Optional.of(put);
        }
        if (deletedHere(key)) {
            return Optional.empty();
        }
        return IndexReader.get(backend, key, main - 1);
    }

    /**
     * Reads a range as {@link MvccStore#range} does, but at this transaction's read revision and seeing its
     * writes.
     */
    public RangeResult range(KeyRange range, long rev, long limit, boolean countOnly) {
        operations++;
        store.metrics().range();
        return rangeUncounted(range, rev, limit, countOnly);
    }

    private RangeResult rangeUncounted(KeyRange range, long rev, long limit, boolean countOnly) {
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
            if (!deletedHere(kv.getKey())) {
                merged.put(kv.getKey(), kv);
            }
        }
        for (Map.Entry<ByteString, KeyValue> e : puts.entrySet()) {
            if (range.contains(e.getKey())) {
                merged.put(e.getKey(), e.getValue());
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
        if (!deletes.isEmpty()) {
            return true;
        }
        for (ByteString k : puts.keySet()) {
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
        return put(key, value, lease, get(key));
    }

    /**
     * {@link #put(ByteString, ByteString, long)} for a caller that has just read the key's current version in this
     * transaction ({@code prev}, from {@link #get}): the apply loop's put then reads the key once, not twice.
     */
    public Optional<KeyValue> put(ByteString key, ByteString value, long lease, Optional<KeyValue> prev) {
        if (prev.isPresent()) {
            KeyValue p = prev.get();
            write(key, value, lease, p.getCreateRevision(), p.getVersion(), p.getLease());
        } else {
            write(key, value, lease, main, 0, 0);
        }
        return prev;
    }

    /**
     * Writes a new version of {@code key} for a caller that needs nothing of the previous version (no
     * {@code prev_kv}, no {@code ignore_value} or {@code ignore_lease}): its create revision, version and lease come
     * from memory when the key was written recently ({@link LatestMeta}), else from the store.
     */
    public void putWithoutPrevious(ByteString key, ByteString value, long lease) {
        KeyValue own = puts.get(key);
        if (own == null && !deletedHere(key)) {
            LatestMeta.Meta m = store.latestMeta().get(key);
            if (m != null) {
                write(key, value, lease, m.createRevision(), m.version(), m.lease());
                return;
            }
        }
        put(key, value, lease, get(key));
    }

    /**
     * Writes a version of {@code key}; {@code prevVersion} 0 means the key has no live version (then
     * {@code prevCreate} is this revision and {@code prevLease} 0).
     */
    private void write(ByteString key, ByteString value, long lease, long prevCreate, long prevVersion,
                       long prevLease) {
        operations++;
        store.metrics().put();
        KeyValue kv = KeyValue.newBuilder()
                .setKey(key)
                .setValue(value)
                .setCreateRevision(prevVersion == 0 ? main : prevCreate)
                .setModRevision(main)
                .setVersion(prevVersion + 1)
                .setLease(lease)
                .build();
        byte[] k = key.toByteArray();
        record(k, kv, Schema.LIVE);
        if (prevLease != lease) {
            if (prevLease != 0) {
                batch().delete(Table.LEASE_KEYS, Schema.leaseKey(prevLease, k));
            }
            if (lease != 0) {
                batch().put(Table.LEASE_KEYS, Schema.leaseKey(lease, k), new byte[0]);
            }
        }
        puts.put(key, kv);
        event(io.etcd.jetcd.api.Event.EventType.PUT, kv);
    }

    /** What a delete removed. */
    public record Deleted(long count, List<KeyValue> prevKvs) {
    }

    /**
     * Deletes every live key in the range (a tombstone each).
     *
     * @param withPrevKvs also return the deleted versions, in key order (else they are never decoded)
     */
    public Deleted deleteRange(KeyRange range, boolean withPrevKvs) {
        operations++;
        store.metrics().delete();
        List<KeyValue> prev = new ArrayList<>();
        long count = 0;
        boolean putsInRange = puts.keySet().stream().anyMatch(range::contains);
        if (range.isSingleKey() || putsInRange) {
            for (KeyValue kv : rangeUncounted(range, 0, 0, false).kvs()) {
                tombstone(kv.getKey().toByteArray(), kv.getLease());
                puts.remove(kv.getKey());
                count++;
                if (withPrevKvs) {
                    prev.add(kv);
                }
            }
        } else if (!range.isEmptyInterval()) {
            count = streamDelete(range, withPrevKvs, prev);
        }
        deletes.add(range);
        return new Deleted(count, prev);
    }

    private long streamDelete(KeyRange range, boolean withPrevKvs, List<KeyValue> prev) {
        long count = 0;
        long atRev = main - 1;
        boolean leases = store.anyLease();
        byte[] head = new byte[Schema.LATEST_KV_OFFSET];
        try (Cursor c = range.isUnbounded()
                ? backend.cursor(Table.LATEST)
                : backend.cursor(Table.LATEST, range.end().toByteArray())) {
            for (c.seek(range.key().toByteArray()); c.valid(); c.next()) {
                byte[] k = c.key();
                c.valueHead(head);
                boolean live;
                KeyValue kv = null;
                if (Schema.latestModRevision(head) <= atRev) {
                    live = head[0] == Schema.LIVE;
                } else {
                    // written by an earlier attempt at this same entry (replay after a crash): judge by history
                    kv = IndexReader.history(backend, k, atRev).orElse(null);
                    live = kv != null;
                }
                if (!live || !deletes.isEmpty() && deletedHere(ByteString.copyFrom(k))) {
                    continue;
                }
                if (kv == null && (withPrevKvs || leases)) {
                    kv = IndexReader.decodeLatest(c.value());
                }
                if (withPrevKvs) {
                    prev.add(kv);
                }
                tombstone(k, kv == null ? 0 : kv.getLease());
                count++;
            }
        }
        return count;
    }

    private void tombstone(byte[] key, long lease) {
        KeyValue t = KeyValue.newBuilder().setKey(ByteString.copyFrom(key)).setModRevision(main).build();
        if (deletedKeys != null) {
            if (deletedKeys.size() < MAX_TRACKED_DELETES) {
                deletedKeys.add(t.getKey());
            } else {
                deletedKeys = null;
            }
        }
        record(key, t, Schema.TOMBSTONE);
        if (lease != 0) {
            batch().delete(Table.LEASE_KEYS, Schema.leaseKey(lease, key));
        }
        event(io.etcd.jetcd.api.Event.EventType.DELETE, t);
    }

    private void event(io.etcd.jetcd.api.Event.EventType type, KeyValue kv) {
        if (events == null) {
            return;
        }
        if (events.size() >= MAX_LISTED_EVENTS) {
            events = null; // too many to hold: watchers read this revision from history
            eventsOverflowed = true;
            return;
        }
        events.add(io.etcd.jetcd.api.Event.newBuilder().setType(type).setKv(kv).build());
    }

    private Batch batch() {
        if (batch == null) {
            batch = backend.batch();
        }
        return batch;
    }

    private void record(byte[] key, KeyValue kv, byte marker) {
        Batch b = batch();
        long s = sub++;
        // the version is serialized once, into its latest value; the index value is copied from it
        byte[] latest = Schema.latestValue(marker, main, kv);
        byte[] indexValue = Schema.indexValue(latest);
        b.put(Table.INDEX, Schema.indexKey(key, main, s), indexValue);
        b.put(Table.REVISION, Schema.revisionKey(main, s), key);
        b.put(Table.LATEST, key, latest);
        if (b.size() >= CHUNK_OPS) {
            store.commitApply(b::commit);
            b.close();
            batch = null;
            chunksWritten = true;
        }
    }

    /** True when the lease exists (for etcd's check of puts with a lease). */
    public boolean leaseExists(long id) {
        return store.leaseExists(id);
    }

    /** Records a lease (granted or checkpointed) in the same atomic write as the rest of the entry. */
    public void putLease(long id, long ttl, long remaining) {
        batch().put(Table.LEASE, Schema.leasePrefix(id), Schema.leaseValue(ttl, remaining));
    }

    /** Writes a meta value in the same atomic write as the rest of the entry. */
    public void putMeta(byte[] key, byte[] value) {
        batch().put(Table.META, key, value);
    }

    /** True when the meta key is stored (writes of this transaction not included). */
    public boolean hasMeta(byte[] key) {
        return backend.get(Table.META, key).isPresent();
    }

    /** Deletes a meta value in the same atomic write as the rest of the entry. */
    public void deleteMeta(byte[] key) {
        batch().delete(Table.META, key);
    }

    /** Writes a record of a non-MVCC table (auth) in the same atomic write as the rest of the entry. */
    public void putRecord(Table table, byte[] key, byte[] value) {
        batch().put(table, key, value);
    }

    /** Deletes a record of a non-MVCC table (auth) in the same atomic write as the rest of the entry. */
    public void deleteRecord(Table table, byte[] key) {
        batch().delete(table, key);
    }

    /** Removes a lease record (its keys are deleted separately, with {@link #deleteRange}). */
    public void deleteLease(long id) {
        batch().delete(Table.LEASE, Schema.leasePrefix(id));
    }

    /** True when part of this transaction is already written (it must then end, never be abandoned). */
    public boolean partlyWritten() {
        return chunksWritten;
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
        batch().put(Table.META, Schema.META_SCHEDULED_COMPACT_REV, Schema.longValue(rev));
        newCompactRev = rev;
    }

    /**
     * Writes the transaction with its Raft index and makes it visible to readers.
     *
     * @return the store revision after the transaction
     */
    public long end() {
        if (raftIndex < 0) {
            throw new IllegalStateException("a read-only transaction cannot be written");
        }
        long rev = changed() ? main : main - 1;
        Batch b = batch();
        if (changed()) {
            b.put(Table.META, Schema.META_CURRENT_REV, Schema.longValue(rev));
        }
        b.put(Table.META, Schema.META_CONSISTENT_INDEX, Schema.longValue(raftIndex));
        long started = System.nanoTime();
        store.commitApply(b::commit);
        store.metrics().committed(System.nanoTime() - started);
        rememberLatest();
        store.published(raftIndex, rev, newCompactRev);
        if (changed()) {
            store.listener().committed(rev, events == null ? List.of() : events,
                    events != null && !eventsOverflowed);
        }
        return rev;
    }

    /** Brings {@link LatestMeta} up to what this transaction wrote (deletes last: dropping a key is always safe). */
    private void rememberLatest() {
        LatestMeta latest = store.latestMeta();
        for (KeyValue kv : puts.values()) {
            latest.put(kv.getKey(), kv.getCreateRevision(), kv.getVersion(), kv.getLease());
        }
        if (deletedKeys == null) {
            latest.clear();
        } else {
            for (ByteString k : deletedKeys) {
                latest.remove(k);
            }
        }
    }

    @Override
    public void close() {
        store.metrics().ended(operations);
        if (batch != null) {
            batch.close();
        }
    }
}
