package io.cairn.kv.server.rpc;

import io.cairn.kv.server.cluster.Membership;
import io.cairn.kv.server.mvcc.MvccStore;
import io.etcd.jetcd.api.ClusterGrpc;
import io.etcd.jetcd.api.MemberAddRequest;
import io.etcd.jetcd.api.MemberAddResponse;
import io.etcd.jetcd.api.MemberListRequest;
import io.etcd.jetcd.api.MemberListResponse;
import io.etcd.jetcd.api.MemberPromoteRequest;
import io.etcd.jetcd.api.MemberPromoteResponse;
import io.etcd.jetcd.api.MemberRemoveRequest;
import io.etcd.jetcd.api.MemberRemoveResponse;
import io.etcd.jetcd.api.MemberUpdateRequest;
import io.etcd.jetcd.api.MemberUpdateResponse;
import io.etcd.jetcd.api.ResponseHeader;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;

/**
 * etcd's {@code Cluster} service: the member list from the replicated table; changes are carried out by the
 * leader (forwarded there from any member) and answered with the list as it stands after them.
 */
final class ClusterService extends ClusterGrpc.ClusterImplBase {
    private final Membership membership;
    private final HeaderStamp headers;
    private final MvccStore store;
    private final io.cairn.kv.server.consensus.Consensus consensus;

    ClusterService(Membership membership, HeaderStamp headers, MvccStore store,
                   io.cairn.kv.server.consensus.Consensus consensus) {
        this.membership = membership;
        this.headers = headers;
        this.store = store;
        this.consensus = consensus;
    }

    private ResponseHeader header() {
        return headers.stamp(ResponseHeader.getDefaultInstance(), store.currentRevision());
    }

    @Override
    public void memberList(MemberListRequest r, StreamObserver<MemberListResponse> out) {
        // linearizable unless asked otherwise (etcd 3.5): the list reflects every change committed before
        // (field 1, linearizable, is newer than the bundled API messages: read from the unknown fields)
        var linearizable = r.getUnknownFields().getField(1);
        boolean wantsBarrier = linearizable != null && linearizable.getVarintList().stream().anyMatch(v -> v != 0);
        CompletableFuture<Void> barrier = wantsBarrier ? consensus.readBarrier()
                : CompletableFuture.completedFuture(null);
        barrier.whenComplete((v, e) -> {
            if (e != null) {
                out.onError(GrpcErrors.toException(e));
                return;
            }
            out.onNext(MemberListResponse.newBuilder().setHeader(header())
                    .addAllMembers(membership.members().list()).build());
            out.onCompleted();
        });
    }

    @Override
    public void memberAdd(MemberAddRequest r, StreamObserver<MemberAddResponse> out) {
        membership.add(r).thenCompose(m -> consensus.readBarrier().thenApply(v -> m)).whenComplete((m, e) -> {
            if (e != null) {
                out.onError(GrpcErrors.toException(e));
                return;
            }
            out.onNext(MemberAddResponse.newBuilder().setHeader(header()).setMember(m)
                    .addAllMembers(membership.members().list()).build());
            out.onCompleted();
        });
    }

    @Override
    public void memberRemove(MemberRemoveRequest r, StreamObserver<MemberRemoveResponse> out) {
        membership.remove(r).thenCompose(v -> consensus.readBarrier()).whenComplete((v, e) -> {
            if (e != null) {
                out.onError(GrpcErrors.toException(e));
                return;
            }
            out.onNext(MemberRemoveResponse.newBuilder().setHeader(header())
                    .addAllMembers(membership.members().list()).build());
            out.onCompleted();
        });
    }

    @Override
    public void memberUpdate(MemberUpdateRequest r, StreamObserver<MemberUpdateResponse> out) {
        membership.update(r).thenCompose(v -> consensus.readBarrier()).whenComplete((v, e) -> {
            if (e != null) {
                out.onError(GrpcErrors.toException(e));
                return;
            }
            out.onNext(MemberUpdateResponse.newBuilder().setHeader(header())
                    .addAllMembers(membership.members().list()).build());
            out.onCompleted();
        });
    }

    @Override
    public void memberPromote(MemberPromoteRequest r, StreamObserver<MemberPromoteResponse> out) {
        membership.promote(r).thenCompose(v -> consensus.readBarrier()).whenComplete((v, e) -> {
            if (e != null) {
                out.onError(GrpcErrors.toException(e));
                return;
            }
            out.onNext(MemberPromoteResponse.newBuilder().setHeader(header())
                    .addAllMembers(membership.members().list()).build());
            out.onCompleted();
        });
    }
}
