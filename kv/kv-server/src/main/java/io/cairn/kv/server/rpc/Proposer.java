package io.cairn.kv.server.rpc;

import com.google.protobuf.Message;
import io.cairn.kv.server.apply.Command;
import io.cairn.kv.server.apply.Outcome;
import io.cairn.kv.server.consensus.Consensus;
import io.cairn.kv.server.errors.KvException;
import java.util.concurrent.CompletableFuture;

/**
 * Sends a write through the Raft log and returns what applying it produced.
 *
 * <p>Why: every write path (Put, DeleteRange, Txn, Compact) shares the size cap, the timeout and the
 * translation of an apply rejection into its etcd error.
 */
final class Proposer {
    private final Consensus consensus;
    private final long maxRequestBytes;
    private final Deadlines deadlines;

    Proposer(Consensus consensus, long maxRequestBytes, Deadlines deadlines) {
        this.consensus = consensus;
        this.maxRequestBytes = maxRequestBytes;
        this.deadlines = deadlines;
    }

    @SuppressWarnings("unchecked")
    <T extends Message> CompletableFuture<T> propose(Command command) {
        byte[] data = command.encode();
        if (data.length > maxRequestBytes) {
            return CompletableFuture.failedFuture(new KvException.RequestTooLarge());
        }
        return deadlines.watch(consensus.propose(data))
                .thenApply(result -> switch ((Outcome) result) {
                    case Outcome.Applied a -> (T) a.response();
                    case Outcome.Rejected r -> throw r.error();
                });
    }
}
