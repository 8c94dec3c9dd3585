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
    private final CallerAuth callers;

    Proposer(Consensus consensus, long maxRequestBytes, Deadlines deadlines, CallerAuth callers) {
        this.consensus = consensus;
        this.maxRequestBytes = maxRequestBytes;
        this.deadlines = deadlines;
        this.callers = callers;
    }

    /**
     * Proposes a client's command, attributed to the calling user while auth is on (call on the request's
     * thread: the caller is read from its gRPC context).
     */
    <T extends Message> CompletableFuture<T> propose(Command command) {
        Command attributed;
        try {
            attributed = callers.attribute(command);
        } catch (KvException e) {
            return CompletableFuture.failedFuture(e);
        }
        return proposeAsIs(attributed);
    }

    /** Proposes {@code command} without a sender (Authenticate: it is checked by its password, not a user). */
    @SuppressWarnings("unchecked")
    <T extends Message> CompletableFuture<T> proposeAsIs(Command command) {
        byte[] data = command.encode();
        if (data.length > maxRequestBytes) {
            return CompletableFuture.failedFuture(new KvException.RequestTooLarge());
        }
        // every caller's stages answer its client and nothing else (see Consensus.proposeForClient)
        return deadlines.watch(consensus.proposeForClient(data))
                .thenApply(result -> switch ((Outcome) result) {
                    case Outcome.Applied a -> (T) a.response();
                    case Outcome.Rejected r -> throw r.error();
                });
    }
}
