package io.cairn.kv.tests.linearizability;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sequential model's state: the store revision and every live key. Immutable, with a cached hash, because the
 * checker keeps millions of (linearized set, state) pairs in a hash set and compares them often.
 *
 * <p>Why a copied map and not a persistent tree: fault-test histories touch a handful of keys, so copying the map
 * on a write costs less than the bookkeeping of a persistent structure.
 */
final class KvState {

    private final long revision;
    private final Map<Bytes, KeyValue> keys;
    private final int hash;

    private KvState(long revision, Map<Bytes, KeyValue> keys) {
        this.revision = revision;
        this.keys = keys;
        this.hash = Long.hashCode(revision) * 31 + keys.hashCode();
    }

    /** An empty store at {@code revision}. */
    static KvState initial(long revision) {
        return new KvState(revision, Map.of());
    }

    long revision() {
        return revision;
    }

    /** The key's state, or {@code null} when it does not exist. */
    KeyValue get(Bytes key) {
        return keys.get(key);
    }

    /** A mutable copy of the keys, for a write to change. */
    Map<Bytes, KeyValue> copyKeys() {
        return new HashMap<>(keys);
    }

    /** The state after a write: {@code keys} at {@code revision}. */
    static KvState of(long revision, Map<Bytes, KeyValue> keys) {
        return new KvState(revision, Map.copyOf(keys));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KvState other && hash == other.hash && revision == other.revision
                && keys.equals(other.keys);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        Map<String, KeyValue> sorted = new TreeMap<>();
        keys.forEach((k, v) -> sorted.put(k.toString(), v));
        return "revision " + revision + " " + sorted;
    }
}
