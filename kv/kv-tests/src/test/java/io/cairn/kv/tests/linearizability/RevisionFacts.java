package io.cairn.kv.tests.linearizability;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the responses of a history say about the state each revision left behind: a key read with mod revision m
 * was set by the write that created revision m, to exactly what was read; a key read with create revision c was
 * created by the write of revision c. Every operation with a response must be linearized, so these hold in every
 * linearization, and a write that contradicts them can be rejected as soon as it is tried.
 *
 * <p>Why: an unknown write fits any revision gap, and without these facts a wrong choice is only found out when a
 * later read disagrees, after the search has built on it; with them it is found out at once.
 */
final class RevisionFacts {

    private final Map<Long, Map<Bytes, KeyValue>> setAt = new HashMap<>();
    private final Map<Long, Set<Bytes>> createdAt = new HashMap<>();

    RevisionFacts(List<Operation> ops) {
        for (Operation op : ops) {
            if (op.outcome() instanceof Outcome.Ok ok) {
                learn(op.request(), ok.response().result());
            }
        }
    }

    private void learn(Request request, Result result) {
        switch (request) {
            case Request.Get get when result instanceof Result.Get r -> learn(get.key(), r.kv());
            case Request.Put put when result instanceof Result.Put r -> learn(put.key(), r.prev());
            case Request.Txn txn when result instanceof Result.Txn r -> {
                List<Request.TxnOp> branch = r.succeeded() ? txn.success() : txn.failure();
                for (int i = 0; i < Math.min(branch.size(), r.results().size()); i++) {
                    learn(branch.get(i), r.results().get(i));
                }
            }
            default -> {
            }
        }
    }

    private void learn(Bytes key, Optional<KeyValue> read) {
        read.ifPresent(kv -> {
            setAt.computeIfAbsent(kv.modRevision(), r -> new HashMap<>()).putIfAbsent(key, kv);
            createdAt.computeIfAbsent(kv.createRevision(), r -> new HashSet<>()).add(key);
        });
    }

    /** Whether {@code next}, if it is the state a write just created, agrees with what was read of its revision. */
    boolean allow(KvState before, KvState next) {
        return contradiction(before, next).isEmpty();
    }

    /** What {@code next} contradicts, if anything, as a sentence for a report. */
    Optional<String> contradiction(KvState before, KvState next) {
        long revision = next.revision();
        if (revision == before.revision()) {
            return Optional.empty();
        }
        for (Map.Entry<Bytes, KeyValue> read : setAt.getOrDefault(revision, Map.of()).entrySet()) {
            KeyValue written = next.get(read.getKey());
            if (!read.getValue().equals(written)) {
                return Optional.of("revision " + revision + " would leave " + read.getKey() + " = " + written
                        + ", but it was read as " + read.getValue());
            }
        }
        for (Bytes key : createdAt.getOrDefault(revision, Set.of())) {
            KeyValue written = next.get(key);
            if (written == null || written.createRevision() != revision) {
                return Optional.of("revision " + revision + " would leave " + key + " = " + written
                        + ", but a read shows it created at that revision");
            }
        }
        return Optional.empty();
    }
}
