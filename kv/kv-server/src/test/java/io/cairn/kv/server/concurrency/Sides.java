package io.cairn.kv.server.concurrency;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.ElectionGrpc;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.LeaseGrantRequest;
import io.etcd.jetcd.api.LeaseGrpc;
import io.etcd.jetcd.api.lock.LockGrpc;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test fixture for every {@link Side}: a real etcd, a Cairn member, and Cairn's Lock and Election services twice on
 * in-process servers, once over each; plus plain KV and Lease stubs to the store behind each side.
 *
 * <p>Why: running one scenario on every side shows Cairn's services behave as etcd's do, down to keys, revisions,
 * codes and messages, whether their recipes run against etcd or against Cairn.
 */
final class Sides implements AutoCloseable {

    private static final AtomicInteger NAMES = new AtomicInteger();

    private final RealEtcd etcd;
    private final CairnMember member;
    private final Served overEtcd;
    private final Served overCairn;

    /** Cairn's services on an in-process server, and a channel to it. */
    private record Served(Server server, ManagedChannel channel) {

        static Served over(Channel store) throws IOException {
            ConcurrencyServices services = ConcurrencyServices.create(store);
            String name = InProcessServerBuilder.generateName();
            Server server = InProcessServerBuilder.forName(name)
                    .addService(services.lock())
                    .addService(services.election())
                    .build().start();
            return new Served(server, InProcessChannelBuilder.forName(name).build());
        }

        void close() throws InterruptedException {
            channel.shutdownNow();
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private Sides(RealEtcd etcd, CairnMember member, Served overEtcd, Served overCairn) {
        this.etcd = etcd;
        this.member = member;
        this.overEtcd = overEtcd;
        this.overCairn = overCairn;
    }

    static Sides start() throws Exception {
        RealEtcd etcd = RealEtcd.start();
        CairnMember member = CairnMember.start();
        return new Sides(etcd, member, Served.over(etcd.channel()), Served.over(member.channel()));
    }

    /** Where the side's Lock and Election services are. */
    Channel services(Side side) {
        return switch (side) {
            case ETCD -> etcd.channel();
            case CAIRN_OVER_ETCD -> overEtcd.channel();
            case CAIRN -> overCairn.channel();
        };
    }

    /** Where the side's keys and leases are. */
    Channel store(Side side) {
        return side == Side.CAIRN ? member.channel() : etcd.channel();
    }

    LockGrpc.LockBlockingStub lock(Side side) {
        return LockGrpc.newBlockingStub(services(side)).withDeadlineAfter(20, TimeUnit.SECONDS);
    }

    LockGrpc.LockFutureStub lockAsync(Side side) {
        return LockGrpc.newFutureStub(services(side)).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    ElectionGrpc.ElectionBlockingStub election(Side side) {
        return ElectionGrpc.newBlockingStub(services(side)).withDeadlineAfter(20, TimeUnit.SECONDS);
    }

    ElectionGrpc.ElectionFutureStub electionAsync(Side side) {
        return ElectionGrpc.newFutureStub(services(side)).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    ElectionGrpc.ElectionStub electionStreaming(Side side) {
        return ElectionGrpc.newStub(services(side));
    }

    KVGrpc.KVBlockingStub kv(Side side) {
        return KVGrpc.newBlockingStub(store(side)).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    LeaseGrpc.LeaseBlockingStub lease(Side side) {
        return LeaseGrpc.newBlockingStub(store(side)).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    /** The real etcd, behind {@link Side#ETCD} and {@link Side#CAIRN_OVER_ETCD}. */
    RealEtcd etcd() {
        return etcd;
    }

    /** A new lease of {@code ttlSeconds} in the side's store. */
    long grant(Side side, long ttlSeconds) {
        return lease(side).leaseGrant(LeaseGrantRequest.newBuilder().setTTL(ttlSeconds).build()).getID();
    }

    /** A name no other test uses, so tests on one store do not meet. */
    static ByteString uniqueName(String what, Side side) {
        return ByteString.copyFromUtf8(what + "-" + side.name().toLowerCase() + "-" + NAMES.incrementAndGet());
    }

    @Override
    public void close() throws Exception {
        overCairn.close();
        overEtcd.close();
        member.close();
        etcd.close();
    }
}
