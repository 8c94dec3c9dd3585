package io.cairn.kv.server.concurrency;

import io.grpc.Channel;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import java.util.concurrent.Executor;

/**
 * etcd's Lock and Election gRPC services, ready to add to a member's server.
 *
 * <p>Why: the package's single entry. Like etcd, the services are clients of the member's own etcd API, reached
 * through {@code loopback} (an in-process channel to a server carrying the member's KV, Lease and Watch services);
 * nothing else of the member is needed. Waits run on virtual threads, so a caller waiting for a lock or for
 * leadership holds no gRPC thread.
 */
public final class ConcurrencyServices {

    private final ServerServiceDefinition lock;
    private final ServerServiceDefinition election;

    private ConcurrencyServices(ServerServiceDefinition lock, ServerServiceDefinition election) {
        this.lock = lock;
        this.election = election;
    }

    /**
     * Header naming a caller the member identified by its client certificate (no token), set by the member's
     * own gRPC edge on Lock and Election calls and forwarded on their loopback calls, where only the in-process
     * server trusts it; the edge removes any copy a client sent.
     */
    public static final io.grpc.Metadata.Key<String> FORWARDED_USER =
            io.grpc.Metadata.Key.of("cairn-forwarded-user", io.grpc.Metadata.ASCII_STRING_MARSHALLER);

    /** The services over {@code loopback}, waiting on a new virtual thread per call. */
    public static ConcurrencyServices create(Channel loopback) {
        return create(loopback, command -> Thread.ofVirtual().name("cairn-concurrency").start(command));
    }

    /** The services over {@code loopback}, running each call's (possibly long) wait on {@code waits}. */
    public static ConcurrencyServices create(Channel loopback, Executor waits) {
        Loopback etcd = Loopback.over(loopback);
        Calls calls = new Calls(waits);
        return new ConcurrencyServices(
                ServerInterceptors.intercept(new LockService(new Mutex(etcd), calls), CallerToken.capture()),
                ServerInterceptors.intercept(new ElectionService(new Election(etcd), new LeaderObserver(etcd), calls),
                        CallerToken.capture()));
    }

    /** {@code v3lockpb.Lock}: Lock and Unlock. */
    public ServerServiceDefinition lock() {
        return lock;
    }

    /** {@code v3electionpb.Election}: Campaign, Proclaim, Leader, Observe and Resign. */
    public ServerServiceDefinition election() {
        return election;
    }
}
