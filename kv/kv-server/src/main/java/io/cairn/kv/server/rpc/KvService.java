package io.cairn.kv.server.rpc;

import io.cairn.kv.server.apply.Command;
import io.cairn.kv.server.consensus.Consensus;
import io.cairn.kv.server.mvcc.MvccStore;
import io.cairn.kv.server.txn.RangeOp;
import io.cairn.kv.server.txn.RequestChecks;
import io.cairn.kv.server.txn.TxnOp;
import io.etcd.jetcd.api.CompactionRequest;
import io.etcd.jetcd.api.CompactionResponse;
import io.etcd.jetcd.api.DeleteRangeRequest;
import io.etcd.jetcd.api.DeleteRangeResponse;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.PutResponse;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RangeResponse;
import io.etcd.jetcd.api.TxnRequest;
import io.etcd.jetcd.api.TxnResponse;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * etcd's {@code KV} service: Range (linearizable through a read barrier, or serializable), and Put,
 * DeleteRange, Txn and Compact through the Raft log.
 */
final class KvService extends KVGrpc.KVImplBase {
    private final MvccStore store;
    private final Consensus consensus;
    private final Proposer proposer;
    private final HeaderStamp headers;
    private final int maxTxnOps;
    private final Executor readExecutor;
    private final Quota quota;
    private final CallerAuth callers;

    KvService(MvccStore store, Consensus consensus, Proposer proposer, HeaderStamp headers, int maxTxnOps,
              Executor readExecutor, Quota quota, CallerAuth callers) {
        this.quota = quota;
        this.callers = callers;
        this.store = store;
        this.consensus = consensus;
        this.proposer = proposer;
        this.headers = headers;
        this.maxTxnOps = maxTxnOps;
        this.readExecutor = readExecutor;
    }

    @Override
    public void range(RangeRequest r, StreamObserver<RangeResponse> out) {
        try {
            RequestChecks.range(r);
        } catch (RuntimeException e) {
            out.onError(GrpcErrors.toException(e));
            return;
        }
        if (r.getSerializable()) {
            reply(out, () -> readRange(r));
            return;
        }
        consensus.readBarrier().whenCompleteAsync((v, e) -> {
            if (e != null) {
                out.onError(GrpcErrors.toException(e));
            } else {
                reply(out, () -> readRange(r));
            }
        }, continuation(readExecutor));
    }

    /**
     * Where a read continues after its barrier: with auth on, in the call's gRPC context, so that the caller is
     * resolved and checked after the barrier, against the auth state the read sees (as etcd does).
     */
    private Executor continuation(Executor executor) {
        return callers.enabled() ? io.grpc.Context.current().fixedContextExecutor(executor) : executor;
    }

    /** etcd's doSerialize: with auth on, the caller's check, then the read, then a check that auth stood still. */
    private RangeResponse readRange(RangeRequest r) {
        io.cairn.kv.server.auth.AuthInfo caller = null;
        if (callers.enabled()) {
            caller = callers.current();
            callers.store().checkRange(caller, r.getKey(), r.getRangeEnd());
        }
        RangeResponse resp = RangeOp.run(store::range, r);
        checkStillCurrent(caller);
        return resp.toBuilder().setHeader(headers.stamp(resp.getHeader(), store.currentRevision())).build();
    }

    /** etcd: a read checked at one auth revision is not answered if auth changed while it ran. */
    private void checkStillCurrent(io.cairn.kv.server.auth.AuthInfo caller) {
        if (caller != null && caller.revision() != 0 && caller.revision() != callers.store().revision()) {
            throw new io.cairn.kv.server.errors.KvException.AuthOldRevision();
        }
    }

    private static <T> void reply(StreamObserver<T> out, java.util.function.Supplier<T> body) {
        T resp;
        try {
            resp = body.get();
        } catch (RuntimeException e) {
            out.onError(GrpcErrors.toException(e));
            return;
        }
        out.onNext(resp);
        out.onCompleted();
    }

    @Override
    public void put(PutRequest r, StreamObserver<PutResponse> out) {
        try {
            RequestChecks.put(r);
            quota.check(r.getSerializedSize());
        } catch (RuntimeException e) {
            out.onError(GrpcErrors.toException(e));
            return;
        }
        this.<PutResponse>write(new Command.Put(r), out,
                p -> p.toBuilder().setHeader(headers.stamp(p.getHeader(), store.currentRevision())).build());
    }

    @Override
    public void deleteRange(DeleteRangeRequest r, StreamObserver<DeleteRangeResponse> out) {
        try {
            RequestChecks.deleteRange(r);
        } catch (RuntimeException e) {
            out.onError(GrpcErrors.toException(e));
            return;
        }
        this.<DeleteRangeResponse>write(new Command.DeleteRange(r), out,
                d -> d.toBuilder().setHeader(headers.stamp(d.getHeader(), store.currentRevision())).build());
    }

    @Override
    public void txn(TxnRequest r, StreamObserver<TxnResponse> out) {
        try {
            RequestChecks.txn(r, maxTxnOps);
            if (TxnOp.hasPut(r)) {
                quota.check(r.getSerializedSize());
            }
        } catch (RuntimeException e) {
            out.onError(GrpcErrors.toException(e));
            return;
        }
        if (TxnOp.isReadOnly(r)) {
            // a read-only txn changes nothing: like etcd, serve it locally (after a read barrier unless every
            // range in it is serializable) without a log entry
            CompletableFuture<Void> barrier = TxnOp.isSerializable(r)
                    ? CompletableFuture.completedFuture(null) : consensus.readBarrier();
            barrier.whenCompleteAsync((v, e) -> {
                if (e != null) {
                    out.onError(GrpcErrors.toException(e));
                    return;
                }
                reply(out, () -> {
                    io.cairn.kv.server.auth.AuthInfo caller = null;
                    if (callers.enabled()) {
                        caller = callers.current();
                        callers.store().checkTxn(caller, r);
                    }
                    try (var w = store.beginReadOnly()) {
                        TxnResponse t = TxnOp.txn(w, r);
                        checkStillCurrent(caller);
                        return t.toBuilder().setHeader(headers.stamp(t.getHeader(), store.currentRevision()))
                                .build();
                    }
                });
            }, continuation(readExecutor));
            return;
        }
        this.<TxnResponse>write(new Command.Txn(r), out,
                t -> t.toBuilder().setHeader(headers.stamp(t.getHeader(), store.currentRevision())).build());
    }

    @Override
    public void compact(CompactionRequest r, StreamObserver<CompactionResponse> out) {
        CompletableFuture<CompactionResponse> f = proposer.propose(new Command.Compact(r));
        if (r.getPhysical()) {
            f = f.thenCompose(c -> store.compactionDone(r.getRevision()).thenApply(v -> c));
        }
        f.whenComplete((c, e) -> {
            if (e != null) {
                out.onError(GrpcErrors.toException(e));
            } else {
                out.onNext(c.toBuilder().setHeader(headers.stamp(c.getHeader(), store.currentRevision())).build());
                out.onCompleted();
            }
        });
    }

    private <T extends com.google.protobuf.Message> void write(Command command, StreamObserver<T> out,
                                                               java.util.function.UnaryOperator<T> stamp) {
        proposer.<T>propose(command).whenComplete((resp, e) -> {
            if (e != null) {
                out.onError(GrpcErrors.toException(e));
            } else {
                out.onNext(stamp.apply(resp));
                out.onCompleted();
            }
        });
    }
}
