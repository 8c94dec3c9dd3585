package io.cairn.kv.tests.linearizability;

import java.util.List;
import java.util.TreeMap;

/**
 * For the operations with a response that the search has not placed yet, the highest store revision each can still
 * be placed at, as a multiset, for one pruning rule: the store revision never goes down, so a configuration whose
 * revision is above one of these can never be completed. A read (or a txn that wrote nothing) must be placed at the
 * revision it reported; a write that created revision r must be placed at r - 1.
 *
 * <p>Why it matters: an unknown write fits anywhere, so without this rule the search would place every subset of
 * the unknown writes in flight before finding out that the next response contradicts them all; with it, it places
 * at most as many as the next observed revision leaves room for.
 */
final class PendingRevisions {

    private final TreeMap<Long, Integer> counts = new TreeMap<>();
    private int size;

    /** Adds an unplaced operation, if it has a response. */
    void add(Operation op) {
        if (op.outcome() instanceof Outcome.Ok ok) {
            counts.merge(latestRevision(op.request(), ok.response()), 1, Integer::sum);
            size++;
        }
    }

    /** Removes a placed operation, if it has a response. */
    void remove(Operation op) {
        if (op.outcome() instanceof Outcome.Ok ok) {
            counts.computeIfPresent(latestRevision(op.request(), ok.response()), (r, n) -> n == 1 ? null : n - 1);
            size--;
        }
    }

    /** The highest revision of a store the operation can be applied to and answer {@code response}. */
    static long latestRevision(Request request, Response response) {
        return wrote(request, response.result()) ? response.revision() - 1 : response.revision();
    }

    /** Whether the response says the request wrote; when in doubt, no (which only prunes less). */
    private static boolean wrote(Request request, Result result) {
        return switch (request) {
            case Request.Put put -> true;
            case Request.Delete delete -> result instanceof Result.Delete d && d.deleted() > 0;
            case Request.Get get -> false;
            case Request.Txn txn -> {
                if (!(result instanceof Result.Txn r)) {
                    yield false;
                }
                List<Request.TxnOp> branch = r.succeeded() ? txn.success() : txn.failure();
                boolean any = false;
                for (int i = 0; i < Math.min(branch.size(), r.results().size()); i++) {
                    any |= wrote(branch.get(i), r.results().get(i));
                }
                yield any;
            }
        };
    }

    /** How many operations with a response are still unplaced. */
    int size() {
        return size;
    }

    /** Whether a configuration at {@code revision} could still place every unplaced operation with a response. */
    boolean allow(long revision) {
        return size == 0 || revision <= counts.firstKey();
    }
}
