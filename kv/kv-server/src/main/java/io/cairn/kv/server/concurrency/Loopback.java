package io.cairn.kv.server.concurrency;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.DeleteRangeRequest;
import io.etcd.jetcd.api.DeleteRangeResponse;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.LeaseGrantRequest;
import io.etcd.jetcd.api.LeaseGrpc;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RangeResponse;
import io.etcd.jetcd.api.TxnRequest;
import io.etcd.jetcd.api.TxnResponse;
import io.etcd.jetcd.api.WatchCreateRequest;
import io.etcd.jetcd.api.WatchGrpc;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Context;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The etcd API the recipes call: KV, Lease and Watch over a channel back into the member (or, in tests, to etcd).
 *
 * <p>Why: etcd builds Lock and Election on its client library talking to its own server; keeping every call the
 * recipes make in one place shows they need nothing but the public etcd API. Calls are blocking and must run in
 * the Lock or Election caller's gRPC {@link Context}, so its deadline and cancellation reach them.
 */
final class Loopback {

    /** How long a clean-up after a failed or abandoned wait may take; etcd's own clean-up has no bound. */
    static final Duration CLEANUP_TIMEOUT = Duration.ofSeconds(5);

    private final KVGrpc.KVBlockingStub kv;
    private final LeaseGrpc.LeaseBlockingStub lease;
    private final WatchGrpc.WatchStub watch;

    private Loopback(KVGrpc.KVBlockingStub kv, LeaseGrpc.LeaseBlockingStub lease, WatchGrpc.WatchStub watch) {
        this.kv = kv;
        this.lease = lease;
        this.watch = watch;
    }

    /** The etcd API reachable through {@code channel}, forwarding each caller's auth token. */
    static Loopback over(Channel channel) {
        Channel c = ClientInterceptors.intercept(channel, CallerToken.forward());
        return new Loopback(KVGrpc.newBlockingStub(c), LeaseGrpc.newBlockingStub(c), WatchGrpc.newStub(c));
    }

    TxnResponse txn(TxnRequest request) {
        return kv.txn(request);
    }

    RangeResponse range(RangeRequest request) {
        return kv.range(request);
    }

    DeleteRangeResponse delete(ByteString key) {
        return kv.deleteRange(DeleteRangeRequest.newBuilder().setKey(key).build());
    }

    /** A new lease of {@code ttlSeconds}; returns its id. */
    long grant(long ttlSeconds) {
        return lease.leaseGrant(LeaseGrantRequest.newBuilder().setTTL(ttlSeconds).build()).getID();
    }

    /** Watches {@code key} (or the range up to {@code rangeEnd}, when not empty) from {@code startRevision} on. */
    WatchSubscription watch(ByteString key, ByteString rangeEnd, long startRevision) {
        return WatchSubscription.open(watch, WatchCreateRequest.newBuilder()
                .setKey(key)
                .setRangeEnd(rangeEnd)
                .setStartRevision(startRevision)
                .build());
    }

    /**
     * Runs {@code action} even though the caller may be gone: outside the caller's cancellation and deadline (as
     * etcd does with its client's background context) but within {@link #CLEANUP_TIMEOUT}. Best effort, as in
     * etcd: a failure is ignored, since the key's lease bounds its life anyway.
     */
    void cleanUp(Consumer<Loopback> action) {
        long nanos = CLEANUP_TIMEOUT.toNanos();
        Loopback bounded = new Loopback(kv.withDeadlineAfter(nanos, TimeUnit.NANOSECONDS),
                lease.withDeadlineAfter(nanos, TimeUnit.NANOSECONDS), watch.withDeadlineAfter(nanos, TimeUnit.NANOSECONDS));
        try {
            Context.current().fork().run(() -> action.accept(bounded));
        } catch (RuntimeException ignored) {
            // Best effort: the key goes with its lease if this fails.
        }
    }
}
