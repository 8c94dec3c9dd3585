package io.cairn.kv.tests.linearizability;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a client asked of etcd's KV service: a put, a single-key get, a single-key delete, or a txn whose branches
 * hold puts, gets and deletes.
 *
 * <p>Why single keys only: the checker needs every key a history touches to be known, and fault tests work on a
 * small fixed set of keys, where ranges add nothing the txn does not already exercise.
 */
public sealed interface Request permits Request.TxnOp, Request.Txn {

    /** Whether the request may change the store (a txn: whether either branch holds a put or delete). */
    boolean mayWrite();

    /** An operation allowed inside a txn branch. */
    sealed interface TxnOp extends Request permits Put, Get, Delete {
        /** The key the operation touches. */
        Bytes key();
    }

    /** {@code Put(key, value)}; with {@code prevKv} the response carries the key's previous state. */
    record Put(Bytes key, Bytes value, boolean prevKv) implements TxnOp {
        /** Checks the fields. */
        public Put {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean mayWrite() {
            return true;
        }

        @Override
        public String toString() {
            return "put(" + key + ", " + value + (prevKv ? ", prev_kv" : "") + ")";
        }
    }

    /** {@code Range(key)} of a single key, linearizable. */
    record Get(Bytes key) implements TxnOp {
        /** Checks the fields. */
        public Get {
            Objects.requireNonNull(key, "key");
        }

        @Override
        public boolean mayWrite() {
            return false;
        }

        @Override
        public String toString() {
            return "get(" + key + ")";
        }
    }

    /** {@code DeleteRange(key)} of a single key. */
    record Delete(Bytes key) implements TxnOp {
        /** Checks the fields. */
        public Delete {
            Objects.requireNonNull(key, "key");
        }

        @Override
        public boolean mayWrite() {
            return true;
        }

        @Override
        public String toString() {
            return "delete(" + key + ")";
        }
    }

    /**
     * {@code Txn}: if every compare holds, the success branch runs, otherwise the failure branch. Like etcd, a
     * branch may not write one key twice (etcd rejects that before proposing it).
     */
    record Txn(List<Compare> compares, List<TxnOp> success, List<TxnOp> failure) implements Request {
        /** Copies the lists and rejects a branch that writes a key twice. */
        public Txn {
            compares = List.copyOf(compares);
            success = List.copyOf(success);
            failure = List.copyOf(failure);
            requireDistinctWrites(success);
            requireDistinctWrites(failure);
        }

        private static void requireDistinctWrites(List<TxnOp> ops) {
            Set<Bytes> written = new HashSet<>();
            for (TxnOp op : ops) {
                if (op.mayWrite() && !written.add(op.key())) {
                    throw new IllegalArgumentException("duplicate key given in txn request: " + op.key());
                }
            }
        }

        @Override
        public boolean mayWrite() {
            return success.stream().anyMatch(Request::mayWrite) || failure.stream().anyMatch(Request::mayWrite);
        }

        @Override
        public String toString() {
            return "txn(if " + compares + " then " + success + " else " + failure + ")";
        }
    }

    /** A put of UTF-8 text. */
    static Put put(String key, String value) {
        return new Put(Bytes.of(key), Bytes.of(value), false);
    }

    /** A put of bytes. */
    static Put put(byte[] key, byte[] value) {
        return new Put(Bytes.of(key), Bytes.of(value), false);
    }

    /** A put whose response carries the previous state of the key. */
    static Put putWithPrevKv(String key, String value) {
        return new Put(Bytes.of(key), Bytes.of(value), true);
    }

    /** A linearizable get of one key. */
    static Get get(String key) {
        return new Get(Bytes.of(key));
    }

    /** A linearizable get of one key, as bytes. */
    static Get get(byte[] key) {
        return new Get(Bytes.of(key));
    }

    /** A delete of one key. */
    static Delete delete(String key) {
        return new Delete(Bytes.of(key));
    }

    /** A delete of one key, as bytes. */
    static Delete delete(byte[] key) {
        return new Delete(Bytes.of(key));
    }

    /** A txn. */
    static Txn txn(List<Compare> compares, List<TxnOp> success, List<TxnOp> failure) {
        return new Txn(compares, success, failure);
    }
}
