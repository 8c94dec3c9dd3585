package io.cairn.kv.server.concurrency;

import io.etcd.jetcd.api.lock.LockGrpc;
import io.etcd.jetcd.api.lock.LockRequest;
import io.etcd.jetcd.api.lock.LockResponse;
import io.etcd.jetcd.api.lock.UnlockRequest;
import io.etcd.jetcd.api.lock.UnlockResponse;
import io.grpc.stub.StreamObserver;

/**
 * etcd's {@code v3lockpb.Lock} service: {@link Mutex} behind gRPC.
 *
 * <p>Why: jetcd's {@code Lock} client calls this service (etcdctl's {@code lock} runs the recipe client-side
 * instead). Lock answers once the caller holds the lock, with the key to pass to Unlock; the key lives until Unlock
 * or until the caller's lease expires.
 */
final class LockService extends LockGrpc.LockImplBase {

    private final Mutex mutex;
    private final Calls calls;

    LockService(Mutex mutex, Calls calls) {
        this.mutex = mutex;
        this.calls = calls;
    }

    @Override
    public void lock(LockRequest request, StreamObserver<LockResponse> out) {
        calls.unary(out, () -> mutex.lock(request.getName(), request.getLease()));
    }

    @Override
    public void unlock(UnlockRequest request, StreamObserver<UnlockResponse> out) {
        calls.unary(out, () -> mutex.unlock(request.getKey()));
    }
}
