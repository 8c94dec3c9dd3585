package io.cairn.kv.server.rpc;

import com.google.protobuf.ByteString;
import io.cairn.kv.api.EtcdError;
import io.cairn.kv.server.apply.Command;
import io.cairn.kv.server.consensus.Consensus;
import io.cairn.kv.server.errors.KvException;
import io.cairn.kv.server.maintenance.Alarms;
import io.cairn.kv.server.maintenance.KvHash;
import io.cairn.kv.server.maintenance.SnapshotArchive;
import io.cairn.kv.server.mvcc.MvccStore;
import io.etcd.jetcd.api.AlarmRequest;
import io.etcd.jetcd.api.AlarmResponse;
import io.etcd.jetcd.api.DefragmentRequest;
import io.etcd.jetcd.api.DefragmentResponse;
import io.etcd.jetcd.api.HashKVRequest;
import io.etcd.jetcd.api.HashKVResponse;
import io.etcd.jetcd.api.HashRequest;
import io.etcd.jetcd.api.HashResponse;
import io.etcd.jetcd.api.MaintenanceGrpc;
import io.etcd.jetcd.api.MoveLeaderRequest;
import io.etcd.jetcd.api.MoveLeaderResponse;
import io.etcd.jetcd.api.ResponseHeader;
import io.etcd.jetcd.api.SnapshotRequest;
import io.etcd.jetcd.api.SnapshotResponse;
import io.etcd.jetcd.api.StatusRequest;
import io.etcd.jetcd.api.StatusResponse;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executor;

/**
 * etcd's {@code Maintenance} service for one member: Status, Alarm, Defragment, Hash, HashKV, Snapshot,
 * MoveLeader.
 *
 * <p>Defragment compacts RocksDB online: unlike etcd's, reads and writes go on while it runs.
 */
final class MaintenanceService extends MaintenanceGrpc.MaintenanceImplBase {
    /** The etcd version Cairn reports: a 3.5 release recent enough for kube-apiserver's watch-progress features. */
    static final String ETCD_VERSION = "3.5.21";
    private static final int SNAPSHOT_CHUNK = 32 * 1024;

    private final MvccStore store;
    private final Consensus consensus;
    private final Alarms alarms;
    private final Proposer proposer;
    private final HeaderStamp headers;
    private final long memberId;
    private final Executor executor;
    private final Path scratch;
    private final io.cairn.kv.server.cluster.Membership membership;
    private final java.time.Duration requestTimeout;

    MaintenanceService(MvccStore store, Consensus consensus, Alarms alarms, Proposer proposer, HeaderStamp headers,
                       long memberId, Executor executor, Path scratch,
                       io.cairn.kv.server.cluster.Membership membership, java.time.Duration requestTimeout) {
        this.membership = membership;
        this.requestTimeout = requestTimeout;
        this.store = store;
        this.consensus = consensus;
        this.alarms = alarms;
        this.proposer = proposer;
        this.headers = headers;
        this.memberId = memberId;
        this.executor = executor;
        this.scratch = scratch;
    }

    private ResponseHeader header() {
        return headers.stamp(ResponseHeader.getDefaultInstance(), store.currentRevision());
    }

    @Override
    public void status(StatusRequest r, StreamObserver<StatusResponse> out) {
        StatusResponse.Builder b = StatusResponse.newBuilder()
                .setHeader(header())
                .setVersion(ETCD_VERSION)
                .setLeader(leaderId())
                .setIsLearner(membership.members().byId(memberId).map(m -> m.getIsLearner()).orElse(false))
                .setRaftIndex(consensus.commitIndex())
                .setRaftAppliedIndex(store.consistentIndex())
                .setRaftTerm(consensus.term())
                .setDbSize(store.backend().sizeBytes())
                .setDbSizeInUse(Math.min(store.backend().sizeBytes(), store.backend().liveDataBytes()));
        if (!consensus.hasLeader()) {
            b.addErrors(EtcdError.NO_LEADER.message());
        }
        for (var a : alarms.list(io.etcd.jetcd.api.AlarmType.NONE)) {
            b.addErrors(Alarms.describe(a));
        }
        out.onNext(b.build());
        out.onCompleted();
    }

    /** The leader's member id, 0 when there is none. */
    private long leaderId() {
        if (consensus.isLeader()) {
            return memberId;
        }
        return consensus.leader().flatMap(l -> membership.members().byRaftAddress(l))
                .map(io.etcd.jetcd.api.Member::getID).orElse(0L);
    }

    @Override
    public void alarm(AlarmRequest r, StreamObserver<AlarmResponse> out) {
        if (r.getAction() == AlarmRequest.AlarmAction.GET) {
            out.onNext(AlarmResponse.newBuilder().setHeader(header()).addAllAlarms(alarms.list(r.getAlarm())).build());
            out.onCompleted();
            return;
        }
        proposer.<AlarmResponse>propose(new Command.Alarm(r)).whenComplete((a, e) -> {
            if (e != null) {
                out.onError(GrpcErrors.toException(e));
            } else {
                out.onNext(a.toBuilder().setHeader(headers.stamp(a.getHeader(), store.currentRevision())).build());
                out.onCompleted();
            }
        });
    }

    @Override
    public void defragment(DefragmentRequest r, StreamObserver<DefragmentResponse> out) {
        executor.execute(() -> {
            try {
                store.backend().compactAll();
                out.onNext(DefragmentResponse.newBuilder().setHeader(header()).build());
                out.onCompleted();
            } catch (RuntimeException e) {
                out.onError(GrpcErrors.toException(e));
            }
        });
    }

    @Override
    public void hash(HashRequest r, StreamObserver<HashResponse> out) {
        out.onNext(HashResponse.newBuilder().setHeader(header()).setHash(KvHash.hashAll(store.backend())).build());
        out.onCompleted();
    }

    @Override
    public void hashKV(HashKVRequest r, StreamObserver<HashKVResponse> out) {
        long cur = store.currentRevision();
        long rev = r.getRevision() <= 0 ? cur : r.getRevision();
        if (rev > cur) {
            out.onError(GrpcErrors.toException(new KvException.FutureRevision()));
            return;
        }
        if (r.getRevision() > 0 && rev <= store.compactRevision()) {
            out.onError(GrpcErrors.toException(new KvException.Compacted())); // etcd refuses the compaction revision too
            return;
        }
        // etcd reports -1 when the store was never compacted
        out.onNext(HashKVResponse.newBuilder().setHeader(header()).setHash(KvHash.hash(store.backend(), rev))
                .setCompactRevision(store.compactRevision()).build());
        out.onCompleted();
    }

    @Override
    public void moveLeader(MoveLeaderRequest r, StreamObserver<MoveLeaderResponse> out) {
        if (!consensus.isLeader()) {
            out.onError(EtcdError.NOT_LEADER.status().asRuntimeException());
            return;
        }
        var target = membership.members().byId(r.getTargetID()).filter(m -> !m.getIsLearner());
        if (target.isEmpty()) {
            out.onError(EtcdError.BAD_LEADER_TRANSFEREE.status().asRuntimeException());
            return;
        }
        if (r.getTargetID() == memberId) {
            out.onNext(MoveLeaderResponse.newBuilder().setHeader(header()).build());
            out.onCompleted();
            return;
        }
        String raft = io.cairn.kv.server.cluster.Members.raftAddress(target.get());
        long deadline = System.nanoTime() + requestTimeout.toNanos();
        consensus.transferLeadership(raft).whenComplete((v, e) -> {
            if (e != null) {
                out.onError(GrpcErrors.toException(e));
            } else {
                awaitLeader(raft, deadline, out);
            }
        });
    }

    /** etcd answers MoveLeader once the transferee leads. */
    private void awaitLeader(String raft, long deadline, StreamObserver<MoveLeaderResponse> out) {
        if (consensus.leader().filter(raft::equals).isPresent()) {
            out.onNext(MoveLeaderResponse.newBuilder().setHeader(header()).build());
            out.onCompleted();
        } else if (System.nanoTime() - deadline > 0) {
            out.onError(EtcdError.TIMEOUT.status().asRuntimeException());
        } else {
            java.util.concurrent.CompletableFuture.delayedExecutor(20, java.util.concurrent.TimeUnit.MILLISECONDS,
                    executor).execute(() -> awaitLeader(raft, deadline, out));
        }
    }

    @Override
    public void snapshot(SnapshotRequest r, StreamObserver<SnapshotResponse> responses) {
        ServerCallStreamObserver<SnapshotResponse> out = (ServerCallStreamObserver<SnapshotResponse>) responses;
        executor.execute(() -> {
            Path dir = scratch.resolve("snapshot-" + System.nanoTime());
            Path file = dir.resolveSibling(dir.getFileName() + ".snap");
            try {
                Files.createDirectories(scratch);
                store.backend().checkpoint(dir);
                try (OutputStream f = Files.newOutputStream(file)) {
                    SnapshotArchive.write(dir, f);
                }
                try (InputStream in = Files.newInputStream(file)) {
                    byte[] buf = new byte[SNAPSHOT_CHUNK];
                    int n;
                    while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
                        while (!out.isReady() && !out.isCancelled()) {
                            Thread.sleep(1);
                        }
                        if (out.isCancelled()) {
                            return;
                        }
                        out.onNext(SnapshotResponse.newBuilder().setHeader(header())
                                .setBlob(ByteString.copyFrom(buf, 0, n)).build());
                    }
                }
                out.onCompleted();
            } catch (IOException | RuntimeException e) {
                out.onError(GrpcErrors.toException(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                out.onError(GrpcErrors.toException(e));
            } finally {
                deleteQuietly(dir);
                deleteQuietly(file);
            }
        });
    }

    private static void deleteQuietly(Path p) {
        io.cairn.kv.server.backend.ScratchFiles.deleteQuietly(p);
    }
}
