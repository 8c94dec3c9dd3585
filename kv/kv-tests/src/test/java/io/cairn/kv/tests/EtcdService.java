package io.cairn.kv.tests;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.AlarmRequest;
import io.etcd.jetcd.api.AlarmType;
import io.etcd.jetcd.api.ClusterGrpc;
import io.etcd.jetcd.api.DefragmentRequest;
import io.etcd.jetcd.api.ElectionGrpc;
import io.etcd.jetcd.api.HashKVRequest;
import io.etcd.jetcd.api.LeaderRequest;
import io.etcd.jetcd.api.LeaseGrpc;
import io.etcd.jetcd.api.LeaseTimeToLiveRequest;
import io.etcd.jetcd.api.MaintenanceGrpc;
import io.etcd.jetcd.api.MemberListRequest;
import io.etcd.jetcd.api.SnapshotRequest;
import io.etcd.jetcd.api.StatusRequest;
import io.etcd.jetcd.api.lock.LockGrpc;
import io.etcd.jetcd.api.lock.UnlockRequest;
import io.grpc.Channel;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The etcd services (for Maintenance, the single methods) that Cairn gains one by one, each with a harmless probe
 * call: a server that answers the probe with gRPC {@code UNIMPLEMENTED} does not have it yet.
 *
 * <p>Why: tests of a service Cairn does not have yet are written and run against etcd now, and skipped on Cairn only
 * while the probe says the service is missing, so they start running against Cairn the moment it lands, without
 * editing them. The probes change nothing: they read, or delete or revoke what does not exist.
 */
enum EtcdService {
    /** {@code etcdserverpb.Lease}; probed with LeaseTimeToLive of a lease nobody granted. */
    LEASE("Lease", "Lease service", channel -> LeaseGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
            .leaseTimeToLive(LeaseTimeToLiveRequest.newBuilder().setID(0x7a11_0000_0000_0002L).build())),
    /** {@code v3lockpb.Lock}; probed with Unlock of a key nobody holds. */
    LOCK("Lock", "Lock service", channel -> LockGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
            .unlock(UnlockRequest.newBuilder().setKey(ByteString.copyFromUtf8("/service-probe/lock")).build())),
    /** {@code v3electionpb.Election}; probed with Leader of an election nobody runs. */
    ELECTION("Election", "Election service", channel -> ElectionGrpc.newBlockingStub(channel)
            .withDeadlineAfter(5, TimeUnit.SECONDS)
            .leader(LeaderRequest.newBuilder().setName(ByteString.copyFromUtf8("/service-probe/election")).build())),
    /** {@code etcdserverpb.Cluster}; probed with MemberList. */
    CLUSTER("Cluster", "Cluster service", channel -> ClusterGrpc.newBlockingStub(channel)
            .withDeadlineAfter(5, TimeUnit.SECONDS).memberList(MemberListRequest.getDefaultInstance())),
    /** {@code Maintenance.Status}. */
    STATUS("Status", "Maintenance Status", channel -> maintenance(channel).status(StatusRequest.getDefaultInstance())),
    /** {@code Maintenance.Alarm}; probed with a GET (list). */
    ALARM("Alarm", "Maintenance Alarm", channel -> maintenance(channel).alarm(AlarmRequest.newBuilder()
            .setAction(AlarmRequest.AlarmAction.GET).setAlarm(AlarmType.NONE).build())),
    /** {@code Maintenance.Defragment}; a defragmentation changes no data. */
    DEFRAGMENT("Defragment", "Maintenance Defragment",
            channel -> maintenance(channel).defragment(DefragmentRequest.getDefaultInstance())),
    /** {@code Maintenance.HashKV}; probed at the current revision. */
    HASH_KV("HashKV", "Maintenance HashKV",
            channel -> maintenance(channel).hashKV(HashKVRequest.getDefaultInstance())),
    /** {@code Maintenance.Snapshot}; probed by reading the first chunk, then cancelling the stream. */
    SNAPSHOT("Snapshot", "Maintenance Snapshot", EtcdService::firstSnapshotChunk);

    private final String shortName;
    private final String description;
    private final Consumer<Channel> probe;

    EtcdService(String shortName, String description, Consumer<Channel> probe) {
        this.shortName = shortName;
        this.description = description;
        this.probe = probe;
    }

    /** The name a script uses for it, e.g. {@code Lease} in {@code [Lease] $ lease grant 60}. */
    String shortName() {
        return shortName;
    }

    /** The message of a skipped test: e.g. {@code Lease service not implemented in Cairn yet}. */
    String notImplementedMessage() {
        return description + " not implemented in Cairn yet";
    }

    /** The service with this {@link #shortName()}. */
    static Optional<EtcdService> byShortName(String name) {
        return Arrays.stream(values()).filter(service -> service.shortName.equals(name)).findFirst();
    }

    /**
     * Whether the server behind {@code channel} has this service: false only for an {@code UNIMPLEMENTED} answer;
     * any other answer, success or error, means the service is there.
     */
    boolean isImplementedBy(Channel channel) {
        try {
            probe.accept(channel);
            return true;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode() != Status.Code.UNIMPLEMENTED;
        }
    }

    private static MaintenanceGrpc.MaintenanceBlockingStub maintenance(Channel channel) {
        return MaintenanceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    private static void firstSnapshotChunk(Channel channel) {
        try (Context.CancellableContext context = Context.current().withCancellation()) {
            context.run(() -> maintenance(channel).snapshot(SnapshotRequest.getDefaultInstance()).hasNext());
        }
    }
}
