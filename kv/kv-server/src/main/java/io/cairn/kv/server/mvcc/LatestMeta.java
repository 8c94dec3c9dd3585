package io.cairn.kv.server.mvcc;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The create revision, version and lease of the newest live version of recently written keys, in memory, for the
 * apply loop's puts.
 *
 * <p>Why: a put needs those three of its key's previous version, and reading them from the store cost a RocksDB
 * point read per put (memtable skip lists, and data blocks copied from the page cache) — about a fifth of a
 * member's CPU under a put load. etcd keeps its whole key index in memory; this keeps the most recently written
 * keys, up to a bound, least recently used first out.
 *
 * <p>Exact by construction: an entry changes only once a transaction's batch is written ({@link WriteTxn#end()}),
 * a key deleted is dropped, a transaction that deletes many keys clears everything, and so does a store replaced
 * wholesale (a snapshot installed). A key not held here is read from the store. Entries are updated in place, so a
 * put to a key held here allocates nothing long-lived.
 */
final class LatestMeta {
    /** Keys held at most: about 40 MB of heap when full. */
    static final int DEFAULT_CAPACITY = 262_144;

    /** What a put takes from its key's previous live version. */
    record Meta(long createRevision, long version, long lease) {
    }

    private static final class Slot {
        long createRevision;
        long version;
        long lease;
    }

    private final LinkedHashMap<ByteString, Slot> entries;
    private long hits;
    private long misses;

    LatestMeta(int capacity) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ByteString, Slot> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The key's newest live version as last written, or null when not held (then read the store). */
    synchronized Meta get(ByteString key) {
        Slot e = entries.get(key);
        if (e == null) {
            misses++;
            return null;
        }
        hits++;
        return new Meta(e.createRevision, e.version, e.lease);
    }

    /** Records the key's newest live version (called once it is written). */
    synchronized void put(ByteString key, long createRevision, long version, long lease) {
        Slot e = entries.get(key);
        if (e == null) {
            e = new Slot();
            // a copy of its own: the request's key may be a view into a larger buffer (the whole log entry)
            entries.put(UnsafeByteOperations.unsafeWrap(key.toByteArray()), e);
        }
        e.createRevision = createRevision;
        e.version = version;
        e.lease = lease;
    }

    /** Forgets a key (deleted, or no longer known exactly). */
    synchronized void remove(ByteString key) {
        entries.remove(key);
    }

    /** Forgets every key. */
    synchronized void clear() {
        entries.clear();
    }

    synchronized int size() {
        return entries.size();
    }

    /** Lookups answered from memory, and those that read the store. */
    synchronized long[] hitsAndMisses() {
        return new long[] {hits, misses};
    }
}
