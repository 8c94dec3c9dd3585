package io.cairn.kv.server.rpc;

import io.cairn.kv.server.consensus.Consensus;
import io.etcd.jetcd.api.ResponseHeader;

/**
 * Completes a response header the way etcd's gRPC layer does: cluster id, member id and Raft term are added;
 * a revision already set by the store is kept, a missing one becomes the current revision.
 */
final class HeaderStamp {
    private final long clusterId;
    private final long memberId;
    private final Consensus consensus;

    HeaderStamp(long clusterId, long memberId, Consensus consensus) {
        this.clusterId = clusterId;
        this.memberId = memberId;
        this.consensus = consensus;
    }

    /** A header carrying exactly {@code revision} (etcd's watch responses: 0 for a compaction cancel). */
    ResponseHeader exact(long revision) {
        return ResponseHeader.newBuilder()
                .setClusterId(clusterId)
                .setMemberId(memberId)
                .setRaftTerm(consensus.term())
                .setRevision(revision)
                .build();
    }

    ResponseHeader stamp(ResponseHeader h, long currentRevision) {
        return ResponseHeader.newBuilder(h)
                .setClusterId(clusterId)
                .setMemberId(memberId)
                .setRaftTerm(consensus.term())
                .setRevision(h.getRevision() == 0 ? currentRevision : h.getRevision())
                .build();
    }
}
