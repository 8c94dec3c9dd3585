package io.cairn.kv.tests.linearizability;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A plain, mutable, single-threaded in-memory etcd KV, written apart from {@link KvModel} so that the generated
 * histories test the checker's model against a second reading of etcd's rules rather than against itself.
 */
final class SimpleKv implements KvService {

    private final Map<Bytes, KeyValue> keys = new HashMap<>();
    private long revision;

    SimpleKv(long revision) {
        this.revision = revision;
    }

    /** A copy with the same keys and revision: a replica that has applied the same log. */
    SimpleKv copy() {
        SimpleKv copy = new SimpleKv(revision);
        copy.keys.putAll(keys);
        return copy;
    }

    @Override
    public Response execute(Request request) {
        long next = revision + 1;
        boolean[] wrote = {false};
        Result result = switch (request) {
            case Request.TxnOp op -> run(op, next, wrote);
            case Request.Txn txn -> {
                boolean succeeded = true;
                for (Compare c : txn.compares()) {
                    succeeded &= c.holds(keys.get(c.key()));
                }
                List<Result> results = new ArrayList<>();
                for (Request.TxnOp op : succeeded ? txn.success() : txn.failure()) {
                    results.add(run(op, next, wrote));
                }
                yield new Result.Txn(succeeded, results);
            }
        };
        if (wrote[0]) {
            revision = next;
        }
        return new Response(revision, result);
    }

    private Result run(Request.TxnOp op, long next, boolean[] wrote) {
        KeyValue old = keys.get(op.key());
        switch (op) {
            case Request.Get get -> {
                return new Result.Get(Optional.ofNullable(old));
            }
            case Request.Put put -> {
                long created = old == null ? next : old.createRevision();
                long version = old == null ? 1 : old.version() + 1;
                keys.put(put.key(), new KeyValue(put.value(), created, next, version));
                wrote[0] = true;
                return new Result.Put(put.prevKv() ? Optional.ofNullable(old) : Optional.empty());
            }
            case Request.Delete delete -> {
                if (old != null) {
                    keys.remove(delete.key());
                    wrote[0] = true;
                }
                return new Result.Delete(old == null ? 0 : 1);
            }
        }
    }
}
