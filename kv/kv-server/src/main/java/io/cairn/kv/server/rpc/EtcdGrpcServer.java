package io.cairn.kv.server.rpc;

import io.cairn.kv.server.consensus.Consensus;
import io.cairn.kv.server.mvcc.MvccStore;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.health.v1.HealthCheckResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The etcd v3 gRPC API of one member, bound to its client URLs.
 *
 * <p>Why: the rpc package's single entry; it wires the services, the size limits etcd applies
 * ({@code --max-request-bytes} + 512 KiB per message) and keepalive policy, and owns the server's lifecycle.
 */
public final class EtcdGrpcServer implements AutoCloseable {

    /** gRPC adds this much to {@code --max-request-bytes} for the largest message it accepts, as etcd does. */
    private static final int GRPC_OVERHEAD_BYTES = 512 * 1024;

    private final Server server;
    private final Deadlines deadlines;
    private final Server loopbackServer;
    private final io.grpc.ManagedChannel loopback;

    private EtcdGrpcServer(Server server, Deadlines deadlines, Server loopbackServer,
                           io.grpc.ManagedChannel loopback) {
        this.server = server;
        this.deadlines = deadlines;
        this.loopbackServer = loopbackServer;
        this.loopback = loopback;
    }

    /**
     * An in-process channel to this member's KV, Lease and Watch services, acting as the store's {@code root} user
     * when auth is enabled: for components embedded in the same process (the Kubernetes API server), which do their
     * own authentication and authorization.
     */
    public io.grpc.Channel embeddedChannel() {
        io.grpc.Metadata root = new io.grpc.Metadata();
        root.put(io.cairn.kv.server.concurrency.ConcurrencyServices.FORWARDED_USER, "root");
        return io.grpc.ClientInterceptors.intercept(loopback,
                io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(root));
    }

    /** The member's identity and limits as the API reports and enforces them. */
    public record Settings(long clusterId, long memberId, int maxTxnOps, long maxRequestBytes,
                           long quotaBytes, Duration requestTimeout) {
    }

    /**
     * Binds and starts the API on {@code addresses}.
     *
     * @throws IllegalStateException if an address cannot be bound
     */
    /** The member's parts the API serves. */
    public record Parts(MvccStore store, Consensus consensus, io.cairn.kv.server.watch.WatchHub watches,
                        io.cairn.kv.server.lease.Lessor lessor, io.cairn.kv.server.maintenance.Alarms alarms,
                        io.cairn.kv.server.cluster.Membership membership, java.nio.file.Path scratchDir,
                        java.util.random.RandomGenerator random, io.cairn.kv.server.auth.AuthStore auth,
                        io.cairn.kv.server.auth.Passwords passwords, CommonNameSource commonNames) {
    }

    /**
     * Binds and starts the API on {@code addresses}.
     *
     * @throws IllegalStateException if an address cannot be bound
     */
    public static EtcdGrpcServer start(List<InetSocketAddress> addresses, Parts parts, Settings settings,
                                       ExecutorService executor) {
        return start(addresses, parts, settings, executor, ClientPortExtras.none());
    }

    /**
     * Binds and starts the API on {@code addresses}, with {@code extras} (metrics, tracing, HTTP endpoints).
     *
     * @throws IllegalStateException if an address cannot be bound
     */
    public static EtcdGrpcServer start(List<InetSocketAddress> addresses, Parts parts, Settings settings,
                                       ExecutorService executor, ClientPortExtras extras) {
        MvccStore store = parts.store();
        Consensus consensus = parts.consensus();
        HeaderStamp headers = new HeaderStamp(settings.clusterId(), settings.memberId(), consensus);
        Deadlines deadlines = new Deadlines(settings.requestTimeout(), System::nanoTime,
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "cairn-request-deadlines");
                    t.setDaemon(true);
                    return t;
                }));
        CallerAuth callers = new CallerAuth(parts.auth(), parts.commonNames());
        Proposer proposer = new Proposer(consensus, settings.maxRequestBytes(), deadlines, callers);
        Quota quota = new Quota(store.backend(), settings.quotaBytes(), System::nanoTime, parts.alarms(),
                new NoSpaceRaiser(consensus, settings.memberId()));
        KvService kv = new KvService(store, consensus, proposer, headers, settings.maxTxnOps(), executor, quota,
                callers);
        LeaderRequired hasLeader = new LeaderRequired(consensus);
        LearnerGuard learner = new LearnerGuard(() -> parts.membership().members().byId(settings.memberId())
                .map(io.etcd.jetcd.api.Member::getIsLearner).orElse(false));
        // Every service below ends its interceptor list with (learner, hasLeader): the last runs first, so a call is
        // checked for a leader, then for a learner member, then for its caller. ServerInterceptors chains them once
        // per service, not per call.
        io.grpc.ServerServiceDefinition kvDef = ServerInterceptors.intercept(kv, callers, learner, hasLeader);
        WatchService watchService = new WatchService(parts.watches(), headers, store, callers);
        io.grpc.ServerServiceDefinition watchDef = ServerInterceptors.intercept(watchService, callers, learner, hasLeader);
        io.grpc.ServerServiceDefinition leaseService = new LeaseService(parts.lessor(), proposer, headers, store,
                parts.random(), quota, consensus).definition();
        io.grpc.ServerServiceDefinition leaseDef = ServerInterceptors.intercept(leaseService, callers, learner, hasLeader);
        // etcd's root-only operations outside the Auth service
        io.grpc.ServerInterceptor maintenanceAdmin = callers.adminOnly(java.util.Set.of(
                io.etcd.jetcd.api.MaintenanceGrpc.getDefragmentMethod().getFullMethodName(),
                io.etcd.jetcd.api.MaintenanceGrpc.getSnapshotMethod().getFullMethodName(),
                io.etcd.jetcd.api.MaintenanceGrpc.getHashMethod().getFullMethodName(),
                io.etcd.jetcd.api.MaintenanceGrpc.getHashKVMethod().getFullMethodName()), true);
        io.grpc.ServerInterceptor clusterAdmin = callers.adminOnly(java.util.Set.of(
                io.etcd.jetcd.api.ClusterGrpc.getMemberAddMethod().getFullMethodName(),
                io.etcd.jetcd.api.ClusterGrpc.getMemberRemoveMethod().getFullMethodName(),
                io.etcd.jetcd.api.ClusterGrpc.getMemberUpdateMethod().getFullMethodName(),
                io.etcd.jetcd.api.ClusterGrpc.getMemberPromoteMethod().getFullMethodName()), false);
        // Lock and Election are recipes over this member's own KV, Lease and Watch API (as etcd builds them),
        // reached through an in-process channel
        String loopbackName = "cairn-loopback-" + Long.toHexString(settings.memberId()) + "-"
                + io.grpc.inprocess.InProcessServerBuilder.generateName();
        Server loopbackServer;
        // the loopback server resolves certificate identities from the header the public edge forwards
        CallerAuth loopbackCallers = callers.forLoopback();
        try {
            loopbackServer = io.grpc.inprocess.InProcessServerBuilder.forName(loopbackName).executor(executor)
                    .addService(ServerInterceptors.intercept(kv, loopbackCallers, learner, hasLeader))
                    .addService(ServerInterceptors.intercept(leaseService, loopbackCallers, learner, hasLeader))
                    .addService(ServerInterceptors.intercept(watchService, loopbackCallers, learner, hasLeader))
                    .build().start();
        } catch (IOException e) {
            deadlines.close();
            throw new IllegalStateException("cannot start the loopback server: " + e.getMessage(), e);
        }
        io.grpc.ManagedChannel loopback = io.grpc.inprocess.InProcessChannelBuilder.forName(loopbackName)
                .executor(executor).build();
        io.cairn.kv.server.concurrency.ConcurrencyServices concurrency =
                io.cairn.kv.server.concurrency.ConcurrencyServices.create(loopback);
        HealthStatusManager health = new HealthStatusManager();
        health.setStatus("", HealthCheckResponse.ServingStatus.SERVING);

        NettyServerBuilder b = NettyServerBuilder.forAddress(addresses.getFirst(), extras.credentials(executor));
        extras.interceptors().forEach(b::intercept);
        for (InetSocketAddress a : addresses.subList(1, addresses.size())) {
            b.addListenAddress(a);
        }
        // the server's executor is the direct one; InlineWrites moves every call but the KV writes to the pool
        b.directExecutor()
                .callExecutor(new InlineWrites(executor))
                .maxInboundMessageSize((int) Math.min(Integer.MAX_VALUE, settings.maxRequestBytes() + GRPC_OVERHEAD_BYTES))
                .permitKeepAliveTime(1, TimeUnit.SECONDS)
                .permitKeepAliveWithoutCalls(true)
                .keepAliveTime(2, TimeUnit.HOURS)
                .keepAliveTimeout(20, TimeUnit.SECONDS)
                .addService(kvDef)
                .addService(watchDef)
                .addService(leaseDef)
                .addService(ServerInterceptors.intercept(concurrency.lock(), callers.forwardingCaller(), learner, hasLeader))
                .addService(ServerInterceptors.intercept(concurrency.election(), callers.forwardingCaller(), learner, hasLeader))
                .addService(ServerInterceptors.intercept(new MaintenanceService(store, consensus, parts.alarms(),
                        proposer, headers, settings.memberId(), executor, parts.scratchDir(), parts.membership(),
                        settings.requestTimeout()), maintenanceAdmin, learner, hasLeader))
                .addService(ServerInterceptors.intercept(new ClusterService(parts.membership(), headers, store,
                        consensus), clusterAdmin, learner, hasLeader))
                .addService(ServerInterceptors.intercept(new AuthService(callers, proposer, consensus, headers, store,
                        parts.passwords(), executor), callers, learner, hasLeader))
                .addService(health.getHealthService());
        try {
            Server server = b.build();
            extras.servicesBound(server.getServices());
            return new EtcdGrpcServer(server.start(), deadlines, loopbackServer, loopback);
        } catch (IOException e) {
            deadlines.close();
            loopback.shutdownNow();
            loopbackServer.shutdownNow();
            throw new IllegalStateException("cannot listen for client requests on " + addresses + ": "
                    + e.getMessage(), e);
        }
    }

    /** The bound addresses (with real ports). */
    public List<InetSocketAddress> addresses() {
        List<InetSocketAddress> out = new ArrayList<>();
        for (var a : server.getListenSockets()) {
            out.add((InetSocketAddress) a);
        }
        return out;
    }

    @Override
    public void close() {
        deadlines.close();
        server.shutdown();
        try {
            if (!server.awaitTermination(2, TimeUnit.SECONDS)) {
                server.shutdownNow();
                server.awaitTermination(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.shutdownNow();
        }
        // after the public server: waiting Lock/Campaign calls were canceled and cleaned up through the loopback
        loopback.shutdownNow();
        loopbackServer.shutdownNow();
    }
}
