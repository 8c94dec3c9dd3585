package io.cairn.kv.server.apply;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.etcd.jetcd.api.CompactionRequest;
import io.etcd.jetcd.api.DeleteRangeRequest;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.TxnRequest;
import java.nio.ByteBuffer;

/**
 * A write as it is stored in the Raft log: one type byte, then the etcd request message.
 *
 * <p>Why: the log must decode the same way on every member and after every upgrade; etcd's own request
 * messages are a stable, versioned encoding, so the log reuses them instead of inventing one. The type bytes
 * are part of the on-disk format: never renumber them.
 */
public sealed interface Command {

    /** A Put request. */
    record Put(PutRequest request) implements Command { }

    /** A DeleteRange request. */
    record DeleteRange(DeleteRangeRequest request) implements Command { }

    /** A Txn request. */
    record Txn(TxnRequest request) implements Command { }

    /** A Compact request. */
    record Compact(CompactionRequest request) implements Command { }

    /** A lease grant, with the id already chosen by the proposer. */
    record LeaseGrant(io.etcd.jetcd.api.LeaseGrantRequest request) implements Command { }

    /** A lease revoke (by a client, or by the leader when the lease expired). */
    record LeaseRevoke(io.etcd.jetcd.api.LeaseRevokeRequest request) implements Command { }

    /** An alarm raised or disarmed. */
    record Alarm(io.etcd.jetcd.api.AlarmRequest request) implements Command { }

    /**
     * Remaining TTLs of leases, recorded by the leader. Encoding: pairs of 8-byte big-endian (id, remaining
     * seconds).
     */
    record LeaseCheckpoint(java.util.List<io.cairn.kv.server.lease.Lessor.Checkpoint> checkpoints)
            implements Command {
        public LeaseCheckpoint {
            checkpoints = java.util.List.copyOf(checkpoints);
        }
    }

    /**
     * A member added or changed as a whole (id, peer URLs, learner flag; name and client URLs kept when the
     * message leaves them empty).
     */
    record MemberSet(io.etcd.jetcd.api.Member member) implements Command { }

    /** A member removed. */
    record MemberRemove(io.etcd.jetcd.api.MemberRemoveRequest request) implements Command { }

    /** A member publishing its name and client URLs after it started (etcd's attribute update). */
    record MemberAttrs(io.etcd.jetcd.api.Member member) implements Command { }

    /**
     * The cluster id and the initial members, put in the log by the first leader so that a member that joins
     * later and replays the log learns them too.
     */
    record ClusterBootstrap(io.etcd.jetcd.api.MemberListResponse cluster) implements Command { }

    byte PUT = 1;
    byte DELETE_RANGE = 2;
    byte TXN = 3;
    byte COMPACT = 4;
    byte LEASE_GRANT = 5;
    byte LEASE_REVOKE = 6;
    byte LEASE_CHECKPOINT = 7;
    byte MEMBER_SET = 9;
    byte MEMBER_REMOVE = 10;
    byte MEMBER_ATTRS = 11;
    byte CLUSTER_BOOTSTRAP = 12;
    byte ALARM = 8;

    /** The log encoding of this command. */
    default byte[] encode() {
        Message m;
        byte type;
        if (this instanceof LeaseCheckpoint lc) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1 + 16 * lc.checkpoints().size());
            b.put(LEASE_CHECKPOINT);
            for (var c : lc.checkpoints()) {
                b.putLong(c.id()).putLong(c.remainingTtl());
            }
            return b.array();
        }
        switch (this) {
            case Put p -> { type = PUT; m = p.request(); }
            case DeleteRange d -> { type = DELETE_RANGE; m = d.request(); }
            case Txn t -> { type = TXN; m = t.request(); }
            case Compact c -> { type = COMPACT; m = c.request(); }
            case LeaseGrant g -> { type = LEASE_GRANT; m = g.request(); }
            case LeaseRevoke r -> { type = LEASE_REVOKE; m = r.request(); }
            case Alarm a -> { type = ALARM; m = a.request(); }
            case LeaseCheckpoint lc -> throw new AssertionError("encoded above");
            case MemberSet ms -> { type = MEMBER_SET; m = ms.member(); }
            case MemberRemove mr -> { type = MEMBER_REMOVE; m = mr.request(); }
            case MemberAttrs ma -> { type = MEMBER_ATTRS; m = ma.member(); }
            case ClusterBootstrap cb -> { type = CLUSTER_BOOTSTRAP; m = cb.cluster(); }
        }
        byte[] body = m.toByteArray();
        byte[] out = new byte[body.length + 1];
        out[0] = type;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    /**
     * Decodes a log entry without consuming {@code data}'s position (the buffer may be shared with replication).
     *
     * @throws IllegalStateException if the entry is not a command this version knows
     */
    static Command decode(ByteBuffer data) {
        ByteBuffer b = data.duplicate();
        if (!b.hasRemaining()) {
            throw new IllegalStateException("empty log entry");
        }
        byte type = b.get();
        try {
            return switch (type) {
                case PUT -> new Put(PutRequest.parseFrom(b));
                case DELETE_RANGE -> new DeleteRange(DeleteRangeRequest.parseFrom(b));
                case TXN -> new Txn(TxnRequest.parseFrom(b));
                case COMPACT -> new Compact(CompactionRequest.parseFrom(b));
                case LEASE_GRANT -> new LeaseGrant(io.etcd.jetcd.api.LeaseGrantRequest.parseFrom(b));
                case LEASE_REVOKE -> new LeaseRevoke(io.etcd.jetcd.api.LeaseRevokeRequest.parseFrom(b));
                case ALARM -> new Alarm(io.etcd.jetcd.api.AlarmRequest.parseFrom(b));
                case MEMBER_SET -> new MemberSet(io.etcd.jetcd.api.Member.parseFrom(b));
                case MEMBER_REMOVE -> new MemberRemove(io.etcd.jetcd.api.MemberRemoveRequest.parseFrom(b));
                case MEMBER_ATTRS -> new MemberAttrs(io.etcd.jetcd.api.Member.parseFrom(b));
                case CLUSTER_BOOTSTRAP -> new ClusterBootstrap(io.etcd.jetcd.api.MemberListResponse.parseFrom(b));
                case LEASE_CHECKPOINT -> {
                    java.util.List<io.cairn.kv.server.lease.Lessor.Checkpoint> cs = new java.util.ArrayList<>();
                    while (b.remaining() >= 16) {
                        cs.add(new io.cairn.kv.server.lease.Lessor.Checkpoint(b.getLong(), b.getLong()));
                    }
                    yield new LeaseCheckpoint(cs);
                }
                default -> throw new IllegalStateException("unknown command type " + type + " in the log");
            };
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("corrupt command in the log", e);
        }
    }
}
