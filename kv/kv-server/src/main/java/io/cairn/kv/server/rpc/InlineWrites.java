package io.cairn.kv.server.rpc;

import io.etcd.jetcd.api.KVGrpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Chooses where a client call runs: the KV writes on the network thread that read them, everything else on the
 * request pool.
 *
 * <p>Why: a write only checks its request and hands it to the Raft log, which never blocks; its reply comes later
 * from the apply loop. Running it where it was read saves a thread wake-up per request, which under many
 * connections with one request each (etcd's {@code check perf}) costs more than the write itself. Reads, leases,
 * watches and maintenance can block or run long, so they keep the pool. Answering {@code null} keeps the server's
 * own executor, which is the direct one.
 */
final class InlineWrites implements ServerCallExecutorSupplier {
    private static final Set<String> INLINE = Set.of(
            KVGrpc.getPutMethod().getFullMethodName(),
            KVGrpc.getDeleteRangeMethod().getFullMethodName(),
            KVGrpc.getTxnMethod().getFullMethodName());

    private final Executor pool;

    InlineWrites(Executor pool) {
        this.pool = pool;
    }

    /** True when calls of {@code fullMethodName} run on the network thread. */
    static boolean inline(String fullMethodName) {
        return INLINE.contains(fullMethodName);
    }

    @Override
    public <Q, R> Executor getExecutor(ServerCall<Q, R> call, Metadata headers) {
        return inline(call.getMethodDescriptor().getFullMethodName()) ? null : pool;
    }
}
