package io.cairn.kv.tests.linearizability;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an operation returned apart from the header revision: the key read, the previous state of a put, the number
 * of keys deleted, or a txn's branch and per-operation results.
 *
 * <p>Why separate from {@link Response}: the results inside a txn carry no revision of their own worth checking
 * (the txn's header revision covers them), so they are {@code Result}s, and only the top level is a
 * {@code Response}.
 */
public sealed interface Result permits Result.Put, Result.Get, Result.Delete, Result.Txn {

    /** A put's result: the previous state of the key when the put asked for it, otherwise empty. */
    record Put(Optional<KeyValue> prev) implements Result {
        /** Checks the field. */
        public Put {
            Objects.requireNonNull(prev, "prev");
        }

        @Override
        public String toString() {
            return prev.map(kv -> "prev " + kv).orElse("ok");
        }
    }

    /** A get's result: the key's state, or empty when it does not exist. */
    record Get(Optional<KeyValue> kv) implements Result {
        /** Checks the field. */
        public Get {
            Objects.requireNonNull(kv, "kv");
        }

        @Override
        public String toString() {
            return kv.map(KeyValue::toString).orElse("absent");
        }
    }

    /** A delete's result: how many keys it deleted (0 or 1 for one key). */
    record Delete(long deleted) implements Result {
        @Override
        public String toString() {
            return "deleted " + deleted;
        }
    }

    /** A txn's result: which branch ran, and the result of each of its operations in order. */
    record Txn(boolean succeeded, List<Result> results) implements Result {
        /** Copies the list. */
        public Txn {
            results = List.copyOf(results);
        }

        @Override
        public String toString() {
            return (succeeded ? "then " : "else ") + results;
        }
    }

    /** A put's result without a previous state. */
    static Put put() {
        return new Put(Optional.empty());
    }

    /** A get that found {@code kv}. */
    static Get get(KeyValue kv) {
        return new Get(Optional.of(kv));
    }

    /** A get that found nothing. */
    static Get absent() {
        return new Get(Optional.empty());
    }

    /** A delete of {@code deleted} keys. */
    static Delete delete(long deleted) {
        return new Delete(deleted);
    }
}
