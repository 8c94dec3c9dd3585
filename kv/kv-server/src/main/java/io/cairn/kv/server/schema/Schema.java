package io.cairn.kv.server.schema;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Every column family, meta key and key encoding of the store's RocksDB database, in one place.
 *
 * <p>Why: the on-disk layout is the hardest thing to change later, so no other class invents a key format.
 *
 * <h2>Column families</h2>
 * <ul>
 *   <li>{@link #CF_INDEX} ({@code "index"}): one entry per version of every user key.
 *       Key = {@code escape(userKey) ++ ~main(8, big-endian) ++ ~sub(8, big-endian)}; value = one marker byte
 *       ({@link #LIVE} or {@link #TOMBSTONE}) followed by the serialized {@code mvccpb.KeyValue}.
 *       Because the revision is stored inverted, the newest version of a key sorts first, and the newest
 *       version at or below revision R is the first entry at or after {@link #indexSeekKey(byte[], long)}.
 *       The escaping keeps user-key order and makes the encoding prefix-free: each {@code 0x00} byte of the
 *       user key is written as {@code 0x00 0xFF} and the key ends with {@code 0x00 0x01}.</li>
 *   <li>{@link #CF_REVISION} ({@code "revision"}): etcd's {@code key} bucket order. Key =
 *       {@code main(8) ++ sub(8)} big-endian, so byte order is revision order; value = the raw user key. It
 *       drives compaction and (later) watch replay without scanning the whole keyspace.</li>
 *   <li>{@link #CF_LATEST} ({@code "latest"}): the newest version of every key, live or deleted. Key = the raw
 *       user key; value = {@link #latestValue(byte, long, MessageLite)}: a marker byte, the mod revision (8 bytes,
 *       big-endian), then the serialized {@code mvccpb.KeyValue}. Reads at the current revision scan it
 *       directly; an entry newer than the read revision sends the reader to {@link #CF_INDEX} for that key. A
 *       tombstone stays until compaction passes it, so every key visible at a readable revision is here.</li>
 *   <li>{@link #CF_LEASE} ({@code "lease"}): lease id (8 bytes, big-endian) → granted TTL in seconds (8 bytes)
 *       and the remaining TTL at the last checkpoint (8 bytes; -1 when never checkpointed).</li>
 *   <li>{@link #CF_LEASE_KEYS} ({@code "lease_keys"}): lease id (8 bytes) ++ raw user key → empty: the keys
 *       attached to each lease, for revocation and TimeToLive.</li>
 *   <li>{@link #CF_META} ({@code "meta"}): the meta keys below, each an 8-byte big-endian long.</li>
 *   <li>{@link #CF_AUTH} ({@code "auth"}): etcd's {@code auth} bucket: {@link #AUTH_ENABLED} → one byte (1 on,
 *       0 off) and {@link #AUTH_REVISION} → the auth revision (8 bytes, big-endian).</li>
 *   <li>{@link #CF_AUTH_USERS} ({@code "auth_users"}): user name (UTF-8) → etcd's {@code authpb.User} message:
 *       name (1), bcrypt hash of the password (2, the {@code $2a$} text form), roles sorted (3), and options
 *       (4, {@code UserAddOptions} with {@code no_password}). Never a plaintext password.</li>
 *   <li>{@link #CF_AUTH_ROLES} ({@code "auth_roles"}): role name (UTF-8) → etcd's {@code authpb.Role}
 *       message: name and key permissions sorted by key.</li>
 * </ul>
 */
public final class Schema {

    /** The RocksDB default column family (required by RocksDB; unused). */
    public static final byte[] CF_DEFAULT = "default".getBytes(StandardCharsets.UTF_8);
    /** Column family: user key + inverted revision → version. */
    public static final byte[] CF_INDEX = bytes("index");
    /** Column family: revision → user key. */
    public static final byte[] CF_REVISION = bytes("revision");
    /** Column family: user key → newest version. */
    public static final byte[] CF_LATEST = bytes("latest");
    /** Column family: lease id → TTLs. */
    public static final byte[] CF_LEASE = bytes("lease");
    /** Column family: lease id ++ user key → attached. */
    public static final byte[] CF_LEASE_KEYS = bytes("lease_keys");
    /** Column family: meta keys. */
    public static final byte[] CF_META = bytes("meta");

    /** Column family: auth flags (enabled, revision). */
    public static final byte[] CF_AUTH = bytes("auth");
    /** Column family: user name → user. */
    public static final byte[] CF_AUTH_USERS = bytes("auth_users");
    /** Column family: role name → role. */
    public static final byte[] CF_AUTH_ROLES = bytes("auth_roles");

    /** Column families in the order the backend opens them (new ones are appended; a store missing them gets
     * them created empty). */
    public static final List<byte[]> COLUMN_FAMILIES = List.of(CF_DEFAULT, CF_INDEX, CF_REVISION, CF_META,
            CF_LATEST, CF_LEASE, CF_LEASE_KEYS, CF_AUTH, CF_AUTH_USERS, CF_AUTH_ROLES);

    /** {@link #CF_AUTH} key: whether auth is enabled (etcd's {@code authEnabled}). */
    public static final byte[] AUTH_ENABLED = bytes("authEnabled");
    /** {@link #CF_AUTH} key: the auth revision, bumped by every change of users or roles. */
    public static final byte[] AUTH_REVISION = bytes("authRevision");

    /** Meta key: Raft index of the last applied entry, written in the same batch as the data it produced. */
    public static final byte[] META_CONSISTENT_INDEX = bytes("consistent_index");
    /** Meta key: the store's current (latest) main revision. */
    public static final byte[] META_CURRENT_REV = bytes("current_rev");
    /** Meta key: the revision of the last compaction requested (applied through Raft). */
    public static final byte[] META_SCHEDULED_COMPACT_REV = bytes("scheduled_compact_rev");
    /** Meta key: the revision up to which history has been physically removed. */
    public static final byte[] META_FINISHED_COMPACT_REV = bytes("finished_compact_rev");
    /** Meta key: the cluster id, fixed when the member bootstraps. */
    public static final byte[] META_CLUSTER_ID = bytes("cluster_id");
    /** Meta key: this member's id, fixed when the member bootstraps. */
    public static final byte[] META_MEMBER_ID = bytes("member_id");

    /** Meta key prefix of raised alarms: {@code "alarm/" ++ member id (8) ++ alarm type (4)}. */
    public static final byte[] META_ALARM_PREFIX = bytes("alarm/");

    /** Meta keys {@code member/} + 8-byte id: the cluster's members (an etcd {@code Member} message each). */
    public static final byte[] META_MEMBER_PREFIX = bytes("member/");

    /** Present once the cluster id and initial members have been applied from the log. */
    public static final byte[] META_MEMBERS_IN_LOG = bytes("members_in_log");

    /** The meta key of one raised alarm. */
    public static byte[] alarmKey(long memberId, int type) {
        byte[] out = java.util.Arrays.copyOf(META_ALARM_PREFIX, META_ALARM_PREFIX.length + 12);
        putLong(out, META_ALARM_PREFIX.length, memberId);
        out[out.length - 4] = (byte) (type >>> 24);
        out[out.length - 3] = (byte) (type >>> 16);
        out[out.length - 2] = (byte) (type >>> 8);
        out[out.length - 1] = (byte) type;
        return out;
    }

    /** Value marker of a live version in {@link #CF_INDEX}. */
    public static final byte LIVE = 0;
    /** Value marker of a deletion (tombstone) in {@link #CF_INDEX}. */
    public static final byte TOMBSTONE = 1;

    private static final int REV_BYTES = 16;

    private Schema() {
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ---- user-key escaping --------------------------------------------------------------------------------

    /** The order-preserving, prefix-free encoding of a user key (see the class comment). */
    public static byte[] escapeKey(byte[] userKey) {
        int zeros = 0;
        for (byte b : userKey) {
            if (b == 0) {
                zeros++;
            }
        }
        byte[] out = new byte[userKey.length + zeros + 2];
        int j = 0;
        for (byte b : userKey) {
            out[j++] = b;
            if (b == 0) {
                out[j++] = (byte) 0xFF;
            }
        }
        out[j++] = 0;
        out[j] = 1;
        return out;
    }

    /** Length of the escaped user key at the start of an index key (including the terminator). */
    public static int escapedLength(byte[] indexKey) {
        for (int i = 0; i < indexKey.length - 1; i++) {
            if (indexKey[i] == 0) {
                if (indexKey[i + 1] == 1) {
                    return i + 2;
                }
                i++; // skip the 0xFF of an escaped zero
            }
        }
        throw new IllegalArgumentException("not an index key: no terminator");
    }

    /** The user key an index key belongs to. */
    public static byte[] userKeyOf(byte[] indexKey) {
        int end = escapedLength(indexKey) - 2;
        int zeros = 0;
        for (int i = 0; i < end; i++) {
            if (indexKey[i] == 0) {
                zeros++;
                i++;
            }
        }
        byte[] out = new byte[end - zeros];
        int j = 0;
        for (int i = 0; i < end; i++) {
            out[j++] = indexKey[i];
            if (indexKey[i] == 0) {
                i++;
            }
        }
        return out;
    }

    // ---- index keys ---------------------------------------------------------------------------------------

    /** The index key of one version of a user key. */
    public static byte[] indexKey(byte[] userKey, long main, long sub) {
        return indexKeyFromEscaped(escapeKey(userKey), main, sub);
    }

    /** The index key of one version, from an already escaped user key. */
    public static byte[] indexKeyFromEscaped(byte[] escaped, long main, long sub) {
        byte[] out = Arrays.copyOf(escaped, escaped.length + REV_BYTES);
        putLong(out, escaped.length, ~main);
        putLong(out, escaped.length + 8, ~sub);
        return out;
    }

    /**
     * The smallest index key whose entry is a version of {@code userKey} at or below {@code atRev}: seeking here
     * lands on the newest such version, if any.
     */
    public static byte[] indexSeekKey(byte[] userKey, long atRev) {
        return indexSeekKeyFromEscaped(escapeKey(userKey), atRev);
    }

    /** As {@link #indexSeekKey(byte[], long)}, from an already escaped user key. */
    public static byte[] indexSeekKeyFromEscaped(byte[] escaped, long atRev) {
        byte[] out = Arrays.copyOf(escaped, escaped.length + REV_BYTES);
        putLong(out, escaped.length, ~atRev);
        // sub left as 0x00..: smaller than ~sub for any sub, so every sub of atRev sorts at or after it
        return out;
    }

    /** A key greater than every version of the escaped user key and smaller than the next user key. */
    public static byte[] indexPastKey(byte[] escaped) {
        byte[] out = Arrays.copyOf(escaped, escaped.length + REV_BYTES);
        Arrays.fill(out, escaped.length, out.length, (byte) 0xFF);
        return out;
    }

    /** The main revision of an index key. */
    public static long indexMain(byte[] indexKey) {
        return ~getLong(indexKey, indexKey.length - REV_BYTES);
    }

    /** The sub revision of an index key. */
    public static long indexSub(byte[] indexKey) {
        return ~getLong(indexKey, indexKey.length - 8);
    }

    /** True when the index key belongs to the user key whose escaped form is given. */
    public static boolean indexKeyHasEscapedPrefix(byte[] indexKey, byte[] escaped) {
        return indexKey.length == escaped.length + REV_BYTES
                && Arrays.equals(indexKey, 0, escaped.length, escaped, 0, escaped.length);
    }

    // ---- revision keys ------------------------------------------------------------------------------------

    /** The {@link #CF_REVISION} key of a revision. */
    public static byte[] revisionKey(long main, long sub) {
        byte[] out = new byte[REV_BYTES];
        putLong(out, 0, main);
        putLong(out, 8, sub);
        return out;
    }

    /** The main revision of a {@link #CF_REVISION} key. */
    public static long revisionMain(byte[] revisionKey) {
        return getLong(revisionKey, 0);
    }

    /** The sub revision of a {@link #CF_REVISION} key. */
    public static long revisionSub(byte[] revisionKey) {
        return getLong(revisionKey, 8);
    }

    // ---- latest values ------------------------------------------------------------------------------------

    /**
     * A {@link #CF_LATEST} value: marker, mod revision, then {@code keyValue} serialized straight into it (one pass,
     * no intermediate array).
     */
    public static byte[] latestValue(byte marker, long modRevision, MessageLite keyValue) {
        int size = keyValue.getSerializedSize();
        byte[] out = new byte[LATEST_KV_OFFSET + size];
        out[0] = marker;
        putLong(out, 1, modRevision);
        CodedOutputStream o = CodedOutputStream.newInstance(out, LATEST_KV_OFFSET, size);
        try {
            keyValue.writeTo(o);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize a version of a key", e);
        }
        o.checkNoSpaceLeft();
        return out;
    }

    /** The {@link #CF_INDEX} value of the version whose {@link #CF_LATEST} value is {@code latestValue}. */
    public static byte[] indexValue(byte[] latestValue) {
        byte[] out = new byte[latestValue.length - LATEST_KV_OFFSET + 1];
        out[0] = latestValue[0];
        System.arraycopy(latestValue, LATEST_KV_OFFSET, out, 1, out.length - 1);
        return out;
    }

    /** The mod revision of a {@link #CF_LATEST} value. */
    public static long latestModRevision(byte[] latestValue) {
        return getLong(latestValue, 1);
    }

    /** Offset of the serialized KeyValue in a {@link #CF_LATEST} value. */
    public static final int LATEST_KV_OFFSET = 9;

    // ---- leases -------------------------------------------------------------------------------------------

    /** The {@link #CF_LEASE} value of a lease. */
    public static byte[] leaseValue(long ttl, long remaining) {
        byte[] out = new byte[16];
        putLong(out, 0, ttl);
        putLong(out, 8, remaining);
        return out;
    }

    /** The granted TTL of a {@link #CF_LEASE} value. */
    public static long leaseTtl(byte[] v) {
        return getLong(v, 0);
    }

    /** The checkpointed remaining TTL of a {@link #CF_LEASE} value (-1 if none). */
    public static long leaseRemaining(byte[] v) {
        return getLong(v, 8);
    }

    /** The {@link #CF_LEASE_KEYS} key attaching {@code userKey} to a lease. */
    public static byte[] leaseKey(long leaseId, byte[] userKey) {
        byte[] out = new byte[8 + userKey.length];
        putLong(out, 0, leaseId);
        System.arraycopy(userKey, 0, out, 8, userKey.length);
        return out;
    }

    /** The lease id a {@link #CF_LEASE_KEYS} key starts with (also the prefix of all of a lease's keys). */
    public static byte[] leasePrefix(long leaseId) {
        return longValue(leaseId);
    }

    // ---- longs --------------------------------------------------------------------------------------------

    /** An 8-byte big-endian encoding of a meta value. */
    public static byte[] longValue(long v) {
        byte[] out = new byte[8];
        putLong(out, 0, v);
        return out;
    }

    /** Decodes an 8-byte big-endian meta value. */
    public static long longValue(byte[] b) {
        return getLong(b, 0);
    }

    static void putLong(byte[] b, int off, long v) {
        for (int i = 7; i >= 0; i--) {
            b[off + i] = (byte) v;
            v >>>= 8;
        }
    }

    static long getLong(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xFF);
        }
        return v;
    }
}
