package io.cairn.kv.tests;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.Cluster;
import io.etcd.jetcd.Election;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.Lease;
import io.etcd.jetcd.Lock;
import io.etcd.jetcd.Maintenance;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.api.ClusterGrpc;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.LeaseGrpc;
import io.etcd.jetcd.api.MaintenanceGrpc;
import io.etcd.jetcd.api.RangeRequest;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A started single-member server plus the two real clients the conformance suite drives it with: jetcd, and the raw
 * gRPC stubs generated from etcd's protos (for what jetcd cannot express: nested txns, compares with a range end,
 * LEASE compares, {@code ignore_value}/{@code ignore_lease}).
 *
 * <p>Why: tests see a server only through clients users actually run; the class owns their lifecycle so a test class
 * starts one server and closes everything in one call.
 */
final class TestCluster implements AutoCloseable {

    /** Deadline of each raw gRPC call. */
    static final Duration RPC_DEADLINE = Duration.ofSeconds(10);

    private final ServerKind kind;
    private final ServerProcess server;
    private final Client client;
    private final ManagedChannel channel;

    private TestCluster(ServerKind kind, ServerProcess server) {
        this.kind = kind;
        this.server = server;
        this.client = Client.builder().endpoints(server.endpoint()).build();
        this.channel = NettyChannelBuilder.forAddress(server.endpoint().getHost(), server.endpoint().getPort())
                .usePlaintext()
                .maxInboundMessageSize(Integer.MAX_VALUE)
                .build();
    }

    /** Starts a fresh server of the given kind and connects both clients; fails with the server's log tail. */
    static TestCluster start(ServerKind kind) {
        return start(kind, List.of());
    }

    /** Like {@link #start(ServerKind)}, with {@code extraFlags} appended to the flags both servers share. */
    static TestCluster start(ServerKind kind, List<String> extraFlags) {
        ServerProcess server = kind.create(extraFlags);
        try {
            server.start();
            return new TestCluster(kind, server);
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
    }

    ServerKind kind() {
        return kind;
    }

    ServerProcess server() {
        return server;
    }

    /** The jetcd KV client. */
    KV kv() {
        return client.getKVClient();
    }

    /** The jetcd Lease client. */
    Lease leases() {
        return client.getLeaseClient();
    }

    /** The jetcd Watch client (one gRPC stream per watcher). */
    Watch watch() {
        return client.getWatchClient();
    }

    /** The jetcd Lock client ({@code v3lockpb.Lock}). */
    Lock lock() {
        return client.getLockClient();
    }

    /** The jetcd Election client ({@code v3electionpb.Election}). */
    Election election() {
        return client.getElectionClient();
    }

    /** The jetcd Maintenance client. */
    Maintenance maintenance() {
        return client.getMaintenanceClient();
    }

    /** The jetcd Cluster client. */
    Cluster clusterClient() {
        return client.getClusterClient();
    }

    /** The raw gRPC channel, for streams and for stubs of the other services. */
    Channel channel() {
        return channel;
    }

    /** A new raw Watch stream on the shared channel; the caller closes it. */
    RawWatchStream rawWatchStream() {
        return new RawWatchStream(channel);
    }

    /** A raw {@code etcdserverpb.Lease} stub with a fresh {@link #RPC_DEADLINE}. */
    LeaseGrpc.LeaseBlockingStub rawLease() {
        return LeaseGrpc.newBlockingStub(channel).withDeadlineAfter(RPC_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A raw {@code etcdserverpb.Maintenance} stub with a fresh {@link #RPC_DEADLINE}. */
    MaintenanceGrpc.MaintenanceBlockingStub rawMaintenance() {
        return MaintenanceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(RPC_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A raw {@code etcdserverpb.Cluster} stub with a fresh {@link #RPC_DEADLINE}. */
    ClusterGrpc.ClusterBlockingStub rawCluster() {
        return ClusterGrpc.newBlockingStub(channel).withDeadlineAfter(RPC_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A raw {@code etcdserverpb.KV} stub with a fresh {@link #RPC_DEADLINE}. */
    KVGrpc.KVBlockingStub rawKv() {
        return KVGrpc.newBlockingStub(channel).withDeadlineAfter(RPC_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The store's current revision, read from the header of a Range (which does not change it). */
    long currentRevision() {
        return rawKv().range(RangeRequest.newBuilder().setKey(ByteString.copyFromUtf8("health")).build())
                .getHeader().getRevision();
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            channel.shutdownNow();
            server.close();
        }
    }
}
