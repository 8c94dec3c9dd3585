package io.cairn.kv.tests;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.HashKVRequest;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.MaintenanceGrpc;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RangeResponse;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Whether the running members of a cluster hold the same store: the same current revision, the same HashKV at that
 * revision, and the same keys (with values and revisions), each member asked locally (serializable reads).
 *
 * <p>Why local reads: a linearizable read would be answered with the leader's state and hide a member that diverged
 * or fell behind.
 */
final class ClusterConvergence {

    /** What one member holds. */
    record MemberState(String member, long revision, long hash, Map<String, String> keys) {
        boolean sameStoreAs(MemberState other) {
            return revision == other.revision && hash == other.hash && keys.equals(other.keys);
        }

        @Override
        public String toString() {
            return member + ": revision " + revision + ", hash " + Long.toHexString(hash) + ", " + keys.size()
                    + " keys " + keys;
        }
    }

    private ClusterConvergence() {
    }

    /**
     * Waits until every member of {@code members} reports the same store, and returns their states; throws with every
     * member's last state when they have not converged within {@code timeout}.
     */
    static List<MemberState> await(List<CairnCluster.Member> members, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<MemberState> states = List.of();
        String lastError = "";
        while (System.nanoTime() - deadline < 0) {
            try {
                states = new ArrayList<>();
                for (CairnCluster.Member m : members) {
                    states.add(stateOf(m));
                }
                List<MemberState> s = states;
                if (s.stream().allMatch(x -> x.sameStoreAs(s.getFirst()))) {
                    return s;
                }
                lastError = "";
            } catch (StatusRuntimeException e) {
                lastError = e.toString();
            }
            sleep(Duration.ofMillis(200));
        }
        throw new AssertionError("members did not converge within " + timeout + ": " + states
                + (lastError.isEmpty() ? "" : " (last error: " + lastError + ")"));
    }

    /** One member's revision, HashKV at it, and every key with its value and mod revision. */
    static MemberState stateOf(CairnCluster.Member m) {
        ManagedChannel ch = NettyChannelBuilder.forAddress("127.0.0.1", m.clientPort).usePlaintext().build();
        try {
            RangeResponse all = KVGrpc.newBlockingStub(ch).withDeadlineAfter(2, TimeUnit.SECONDS)
                    .range(RangeRequest.newBuilder().setKey(ByteString.copyFrom(new byte[] {0}))
                            .setRangeEnd(ByteString.copyFrom(new byte[] {0})).setSerializable(true).build());
            long revision = all.getHeader().getRevision();
            long hash = MaintenanceGrpc.newBlockingStub(ch).withDeadlineAfter(2, TimeUnit.SECONDS)
                    .hashKV(HashKVRequest.newBuilder().setRevision(revision).build()).getHash();
            Map<String, String> keys = new TreeMap<>();
            for (var kv : all.getKvsList()) {
                keys.put(kv.getKey().toStringUtf8(), kv.getValue().toStringUtf8() + "@" + kv.getModRevision());
            }
            return new MemberState(m.name, revision, hash, keys);
        } finally {
            ch.shutdownNow();
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
