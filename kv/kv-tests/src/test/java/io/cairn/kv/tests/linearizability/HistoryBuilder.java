package io.cairn.kv.tests.linearizability;

import java.util.ArrayList;
import java.util.List;

/** Hand-written histories for the checker's tests: each operation with explicit times, ids in the order added. */
final class HistoryBuilder {

    private final long initialRevision;
    private final List<Operation> ops = new ArrayList<>();

    private HistoryBuilder(long initialRevision) {
        this.initialRevision = initialRevision;
    }

    /** A history of a fresh store (revision 1). */
    static HistoryBuilder fresh() {
        return new HistoryBuilder(1);
    }

    HistoryBuilder ok(int client, long invokedAt, long completedAt, Request request, Response response) {
        return add(client, invokedAt, request, new Outcome.Ok(completedAt, response));
    }

    HistoryBuilder failed(int client, long invokedAt, long completedAt, Request request) {
        return add(client, invokedAt, request, new Outcome.Failed(completedAt, "rejected"));
    }

    HistoryBuilder unknown(int client, long invokedAt, Request request) {
        return add(client, invokedAt, request, new Outcome.Unknown("timed out"));
    }

    private HistoryBuilder add(int client, long invokedAt, Request request, Outcome outcome) {
        ops.add(new Operation(ops.size(), client, request, invokedAt, outcome));
        return this;
    }

    History build() {
        return new History(initialRevision, ops);
    }
}
