package io.cairn.kv.server.concurrency;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.RangeRequest;

/**
 * How the recipes name their keys and ask who holds a prefix.
 *
 * <p>Why: etcd clients and servers interoperate on these keys (a Go client's mutex and a Lock RPC contend on the same
 * prefix), so the layout must be etcd's exactly: {@code <name>/<lease id in lower-case hex>}, the holder being the key
 * with the lowest create revision under {@code <name>/}.
 */
final class Keys {

    private static final ByteString SEPARATOR = ByteString.copyFromUtf8("/");

    private Keys() {
    }

    /** The prefix every contender for {@code name} writes under: {@code name + "/"}. */
    static ByteString prefix(ByteString name) {
        return name.concat(SEPARATOR);
    }

    /** A session's key under {@code prefix}: the lease id formatted as Go's {@code %x} does (a sign, then hex). */
    static ByteString sessionKey(ByteString prefix, long lease) {
        String hex = lease < 0 ? "-" + Long.toHexString(-lease) : Long.toHexString(lease);
        return prefix.concat(ByteString.copyFromUtf8(hex));
    }

    /**
     * The end of the range of every key starting with {@code prefix}: the prefix with its last byte below 0xff
     * incremented and the rest dropped, or {@code "\0"} (every key from {@code prefix} on) if there is none.
     */
    static ByteString prefixEnd(ByteString prefix) {
        byte[] end = prefix.toByteArray();
        for (int i = end.length - 1; i >= 0; i--) {
            if (end[i] != (byte) 0xff) {
                end[i]++;
                return ByteString.copyFrom(end, 0, i + 1);
            }
        }
        return ByteString.copyFrom(new byte[] {0});
    }

    /** The oldest key under {@code prefix}: the lock holder or elected leader, if any. */
    static RangeRequest firstCreated(ByteString prefix) {
        return RangeRequest.newBuilder()
                .setKey(prefix)
                .setRangeEnd(prefixEnd(prefix))
                .setSortTarget(RangeRequest.SortTarget.CREATE)
                .setSortOrder(RangeRequest.SortOrder.ASCEND)
                .setLimit(1)
                .build();
    }

    /** The youngest key under {@code prefix} created at or before {@code maxCreateRevision} (which must be positive). */
    static RangeRequest lastCreatedAtOrBefore(ByteString prefix, long maxCreateRevision) {
        return RangeRequest.newBuilder()
                .setKey(prefix)
                .setRangeEnd(prefixEnd(prefix))
                .setSortTarget(RangeRequest.SortTarget.CREATE)
                .setSortOrder(RangeRequest.SortOrder.DESCEND)
                .setLimit(1)
                .setMaxCreateRevision(maxCreateRevision)
                .build();
    }

    /** Exactly {@code key}. */
    static RangeRequest exactly(ByteString key) {
        return RangeRequest.newBuilder().setKey(key).build();
    }
}
