package io.cairn.kv.server.rpc;

import io.cairn.kv.server.mvcc.MvccStore;
import io.etcd.jetcd.api.ClusterGrpc;
import io.etcd.jetcd.api.Member;
import io.etcd.jetcd.api.MemberListRequest;
import io.etcd.jetcd.api.MemberListResponse;
import io.etcd.jetcd.api.ResponseHeader;
import io.grpc.stub.StreamObserver;

/** etcd's {@code Cluster} service on one member: MemberList (membership changes come with clustering). */
final class ClusterService extends ClusterGrpc.ClusterImplBase {
    private final Member self;
    private final HeaderStamp headers;
    private final MvccStore store;

    ClusterService(Member self, HeaderStamp headers, MvccStore store) {
        this.self = self;
        this.headers = headers;
        this.store = store;
    }

    @Override
    public void memberList(MemberListRequest r, StreamObserver<MemberListResponse> out) {
        out.onNext(MemberListResponse.newBuilder()
                .setHeader(headers.stamp(ResponseHeader.getDefaultInstance(), store.currentRevision()))
                .addMembers(self).build());
        out.onCompleted();
    }
}
