package io.cairn.kv.tests.linearizability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * etcd's KV semantics as a pure function from a state and a request to the next state and the response.
 *
 * <p>Revisions: a put, a delete of an existing key, or a txn that writes anything, moves the store revision up by
 * exactly one (all writes of a txn share it); a read, a delete of a missing key and a txn whose branch wrote nothing
 * leave it unchanged. A key's create revision is the revision that created it, its mod revision the last that
 * changed it, its version counts puts since creation. Reads inside a txn see the txn's earlier writes.
 */
final class KvModel {

    /** The outcome of applying one request. */
    record Step(KvState next, Response response) {
    }

    private KvModel() {
    }

    static Step apply(KvState state, Request request) {
        if (request instanceof Request.Txn txn) {
            return applyTxn(state, txn);
        }
        Writes writes = new Writes(state);
        Result result = writes.apply((Request.TxnOp) request);
        return writes.finish(result);
    }

    private static Step applyTxn(KvState state, Request.Txn txn) {
        boolean succeeded = txn.compares().stream().allMatch(c -> c.holds(state.get(c.key())));
        Writes writes = new Writes(state);
        List<Result> results = new ArrayList<>();
        for (Request.TxnOp op : succeeded ? txn.success() : txn.failure()) {
            results.add(writes.apply(op));
        }
        return writes.finish(new Result.Txn(succeeded, results));
    }

    /** The writes of one request, all at the revision after the current one. */
    private static final class Writes {
        private final KvState before;
        private final long writeRevision;
        private Map<Bytes, KeyValue> keys;

        Writes(KvState before) {
            this.before = before;
            this.writeRevision = before.revision() + 1;
        }

        private KeyValue current(Bytes key) {
            return keys == null ? before.get(key) : keys.get(key);
        }

        private Map<Bytes, KeyValue> keys() {
            if (keys == null) {
                keys = before.copyKeys();
            }
            return keys;
        }

        Result apply(Request.TxnOp op) {
            KeyValue current = current(op.key());
            return switch (op) {
                case Request.Get get -> new Result.Get(Optional.ofNullable(current));
                case Request.Put put -> {
                    KeyValue next = current == null
                            ? new KeyValue(put.value(), writeRevision, writeRevision, 1)
                            : new KeyValue(put.value(), current.createRevision(), writeRevision, current.version() + 1);
                    keys().put(put.key(), next);
                    yield new Result.Put(put.prevKv() ? Optional.ofNullable(current) : Optional.empty());
                }
                case Request.Delete delete -> {
                    if (current == null) {
                        yield new Result.Delete(0);
                    }
                    keys().remove(delete.key());
                    yield new Result.Delete(1);
                }
            };
        }

        Step finish(Result result) {
            if (keys == null) {
                return new Step(before, new Response(before.revision(), result));
            }
            return new Step(KvState.of(writeRevision, keys), new Response(writeRevision, result));
        }
    }
}
