package io.cairn.kv.server.apply;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import com.google.protobuf.UnsafeByteOperations;
import io.etcd.jetcd.api.CompactionRequest;
import io.etcd.jetcd.api.DeleteRangeRequest;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.TxnRequest;
import java.io.IOException;
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

    /**
     * A change of the auth state (etcd's auth requests: enable, disable, authenticate, user and role changes).
     * UserAdd and ChangePassword carry the proposer's bcrypt hash in etcd 3.5's {@code hashedPassword} field and
     * an empty password; Authenticate carries the simple-token prefix in field 3 (etcd's
     * {@code InternalAuthenticateRequest}) and no password. Each message type has its own type byte.
     */
    record AuthChange(Message request) implements Command {
        public AuthChange {
            if (authType(request) == 0) {
                throw new IllegalArgumentException("not an auth request: " + request.getClass().getName());
            }
        }
    }

    /**
     * A client request together with who sent it (etcd's request header username and auth revision), so that
     * the apply step checks permissions as etcd does. Proposed only while auth is enabled. Encoding: type byte,
     * 4-byte big-endian length of the UTF-8 user name, the name, the 8-byte auth revision, then the inner
     * command's own encoding.
     */
    record AsUser(String user, long authRevision, Command inner) implements Command {
        public AsUser {
            java.util.Objects.requireNonNull(user, "user");
            if (inner instanceof AsUser) {
                throw new IllegalArgumentException("nested AsUser");
            }
        }
    }

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
    byte AUTH_ENABLE = 13;
    byte AUTH_DISABLE = 14;
    byte AUTHENTICATE = 15;
    byte AUTH_USER_ADD = 16;
    byte AUTH_USER_DELETE = 17;
    byte AUTH_USER_CHANGE_PASSWORD = 18;
    byte AUTH_USER_GRANT_ROLE = 19;
    byte AUTH_USER_REVOKE_ROLE = 20;
    byte AUTH_ROLE_ADD = 21;
    byte AUTH_ROLE_DELETE = 22;
    byte AUTH_ROLE_GRANT_PERMISSION = 23;
    byte AUTH_ROLE_REVOKE_PERMISSION = 24;
    byte AS_USER = 25;

    /** The type byte of an auth request message, 0 for any other message. */
    static byte authType(Message m) {
        return switch (m) {
            case io.etcd.jetcd.api.AuthEnableRequest r -> AUTH_ENABLE;
            case io.etcd.jetcd.api.AuthDisableRequest r -> AUTH_DISABLE;
            case io.etcd.jetcd.api.AuthenticateRequest r -> AUTHENTICATE;
            case io.etcd.jetcd.api.AuthUserAddRequest r -> AUTH_USER_ADD;
            case io.etcd.jetcd.api.AuthUserDeleteRequest r -> AUTH_USER_DELETE;
            case io.etcd.jetcd.api.AuthUserChangePasswordRequest r -> AUTH_USER_CHANGE_PASSWORD;
            case io.etcd.jetcd.api.AuthUserGrantRoleRequest r -> AUTH_USER_GRANT_ROLE;
            case io.etcd.jetcd.api.AuthUserRevokeRoleRequest r -> AUTH_USER_REVOKE_ROLE;
            case io.etcd.jetcd.api.AuthRoleAddRequest r -> AUTH_ROLE_ADD;
            case io.etcd.jetcd.api.AuthRoleDeleteRequest r -> AUTH_ROLE_DELETE;
            case io.etcd.jetcd.api.AuthRoleGrantPermissionRequest r -> AUTH_ROLE_GRANT_PERMISSION;
            case io.etcd.jetcd.api.AuthRoleRevokePermissionRequest r -> AUTH_ROLE_REVOKE_PERMISSION;
            default -> 0;
        };
    }

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
        if (this instanceof AsUser u) {
            byte[] name = u.user().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] inner = u.inner().encode();
            return java.nio.ByteBuffer.allocate(1 + 4 + name.length + 8 + inner.length).put(AS_USER)
                    .putInt(name.length).put(name).putLong(u.authRevision()).put(inner).array();
        }
        switch (this) {
            case AsUser u -> throw new AssertionError("encoded above");
            case AuthChange a -> { type = authType(a.request()); m = a.request(); }
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
        // the message is written straight after its type byte: one array, one copy of the value
        int size = m.getSerializedSize();
        byte[] out = new byte[size + 1];
        out[0] = type;
        CodedOutputStream o = CodedOutputStream.newInstance(out, 1, size);
        try {
            m.writeTo(o);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + m.getClass().getSimpleName(), e);
        }
        o.checkNoSpaceLeft();
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
                case PUT -> new Put(aliasing(PutRequest.parser(), b));
                case DELETE_RANGE -> new DeleteRange(aliasing(DeleteRangeRequest.parser(), b));
                case TXN -> new Txn(aliasing(TxnRequest.parser(), b));
                case COMPACT -> new Compact(CompactionRequest.parseFrom(b));
                case LEASE_GRANT -> new LeaseGrant(io.etcd.jetcd.api.LeaseGrantRequest.parseFrom(b));
                case LEASE_REVOKE -> new LeaseRevoke(io.etcd.jetcd.api.LeaseRevokeRequest.parseFrom(b));
                case ALARM -> new Alarm(io.etcd.jetcd.api.AlarmRequest.parseFrom(b));
                case MEMBER_SET -> new MemberSet(io.etcd.jetcd.api.Member.parseFrom(b));
                case MEMBER_REMOVE -> new MemberRemove(io.etcd.jetcd.api.MemberRemoveRequest.parseFrom(b));
                case MEMBER_ATTRS -> new MemberAttrs(io.etcd.jetcd.api.Member.parseFrom(b));
                case CLUSTER_BOOTSTRAP -> new ClusterBootstrap(io.etcd.jetcd.api.MemberListResponse.parseFrom(b));
                case AUTH_ENABLE -> new AuthChange(io.etcd.jetcd.api.AuthEnableRequest.parseFrom(b));
                case AUTH_DISABLE -> new AuthChange(io.etcd.jetcd.api.AuthDisableRequest.parseFrom(b));
                case AUTHENTICATE -> new AuthChange(io.etcd.jetcd.api.AuthenticateRequest.parseFrom(b));
                case AUTH_USER_ADD -> new AuthChange(io.etcd.jetcd.api.AuthUserAddRequest.parseFrom(b));
                case AUTH_USER_DELETE -> new AuthChange(io.etcd.jetcd.api.AuthUserDeleteRequest.parseFrom(b));
                case AUTH_USER_CHANGE_PASSWORD ->
                        new AuthChange(io.etcd.jetcd.api.AuthUserChangePasswordRequest.parseFrom(b));
                case AUTH_USER_GRANT_ROLE -> new AuthChange(io.etcd.jetcd.api.AuthUserGrantRoleRequest.parseFrom(b));
                case AUTH_USER_REVOKE_ROLE ->
                        new AuthChange(io.etcd.jetcd.api.AuthUserRevokeRoleRequest.parseFrom(b));
                case AUTH_ROLE_ADD -> new AuthChange(io.etcd.jetcd.api.AuthRoleAddRequest.parseFrom(b));
                case AUTH_ROLE_DELETE -> new AuthChange(io.etcd.jetcd.api.AuthRoleDeleteRequest.parseFrom(b));
                case AUTH_ROLE_GRANT_PERMISSION ->
                        new AuthChange(io.etcd.jetcd.api.AuthRoleGrantPermissionRequest.parseFrom(b));
                case AUTH_ROLE_REVOKE_PERMISSION ->
                        new AuthChange(io.etcd.jetcd.api.AuthRoleRevokePermissionRequest.parseFrom(b));
                case AS_USER -> {
                    byte[] name = new byte[b.getInt()];
                    b.get(name);
                    long revision = b.getLong();
                    yield new AsUser(new String(name, java.nio.charset.StandardCharsets.UTF_8), revision,
                            decode(b.slice()));
                }
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

    /**
     * Parses a key-value request whose keys and values share {@code b}'s bytes instead of copying them: a log
     * entry's bytes never change once written, and a put's value would otherwise be copied once more on its way to
     * the store. A buffer without an accessible array (a follower's entries are read-only views) is parsed the
     * usual way, copying.
     */
    private static <T> T aliasing(Parser<T> parser, ByteBuffer b) throws InvalidProtocolBufferException {
        if (!b.hasArray()) {
            return parser.parseFrom(b);
        }
        CodedInputStream in = UnsafeByteOperations.unsafeWrap(b.array(), b.arrayOffset() + b.position(),
                b.remaining()).newCodedInput();
        in.enableAliasing(true);
        T message = parser.parseFrom(in);
        in.checkLastTagWas(0);
        return message;
    }
}
