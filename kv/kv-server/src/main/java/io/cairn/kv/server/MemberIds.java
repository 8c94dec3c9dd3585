package io.cairn.kv.server;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;

/**
 * Member and cluster ids derived as etcd derives them, so the same flags give the same ids: a member id is the
 * first 8 bytes (big-endian) of SHA-1 over its sorted peer URLs and the cluster token; the cluster id is the
 * same over the sorted member ids.
 */
final class MemberIds {

    private MemberIds() {
    }

    static long memberId(List<URI> peerUrls, String clusterToken) {
        StringBuilder b = new StringBuilder();
        peerUrls.stream().map(URI::toString).sorted().forEach(b::append);
        b.append(clusterToken);
        return first8(sha1(b.toString().getBytes(StandardCharsets.UTF_8)));
    }

    static long clusterId(long... memberIds) {
        // etcd sorts the ids as unsigned 64-bit numbers
        long[] ids = Arrays.stream(memberIds).boxed().sorted(Long::compareUnsigned).mapToLong(Long::longValue).toArray();
        ByteBuffer b = ByteBuffer.allocate(8 * ids.length);
        for (long id : ids) {
            b.putLong(id);
        }
        return first8(sha1(b.array()));
    }

    private static byte[] sha1(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(in);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long first8(byte[] h) {
        return ByteBuffer.wrap(h, 0, 8).getLong();
    }
}
