package io.cairn.kv.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RangeResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedServerTest {

    @TempDir
    Path dir;

    private static ByteString b(String s) {
        return ByteString.copyFromUtf8(s);
    }

    @Test
    void aFreshStoreStartsAtRevisionOneAndTheFirstPutCreatesRevisionTwo() {
        try (EmbeddedServer s = new EmbeddedServer(dir).start()) {
            RangeResponse empty = s.kv().range(RangeRequest.newBuilder().setKey(b("foo")).build());
            assertThat(empty.getHeader().getRevision()).isEqualTo(1);
            assertThat(empty.getHeader().getMemberId()).isEqualTo(s.server.memberId());
            assertThat(empty.getHeader().getRaftTerm()).isPositive();

            var put = s.kv().put(PutRequest.newBuilder().setKey(b("foo")).setValue(b("bar")).build());
            assertThat(put.getHeader().getRevision()).isEqualTo(2);
            var got = s.kv().range(RangeRequest.newBuilder().setKey(b("foo")).build());
            assertThat(got.getKvsList()).singleElement().satisfies(kv -> {
                assertThat(kv.getValue()).isEqualTo(b("bar"));
                assertThat(kv.getCreateRevision()).isEqualTo(2);
                assertThat(kv.getModRevision()).isEqualTo(2);
                assertThat(kv.getVersion()).isEqualTo(1);
            });
        }
    }

    @Test
    void writesSurviveARestartAndRevisionsContinue() {
        try (EmbeddedServer s = new EmbeddedServer(dir).start()) {
            for (int i = 0; i < 50; i++) {
                s.kv().put(PutRequest.newBuilder().setKey(b("k" + i)).setValue(b("v" + i)).build());
            }
            s.stop();
            s.start();
            var all = s.kv().range(RangeRequest.newBuilder().setKey(b("k")).setRangeEnd(b("l")).build());
            assertThat(all.getCount()).isEqualTo(50);
            assertThat(all.getHeader().getRevision()).isEqualTo(51);
            var put = s.kv().put(PutRequest.newBuilder().setKey(b("x")).setValue(b("y")).build());
            assertThat(put.getHeader().getRevision()).isEqualTo(52);
        }
    }

    @Test
    void aSnapshotIsTakenEverySnapshotCountEntriesSoRestartReplaysOnlyTheTail() throws Exception {
        try (EmbeddedServer s = new EmbeddedServer(dir)) {
            s.server = KvServer.create(s.config().toBuilder().snapshotCount(100).build()).start();
            s.channel = io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder
                    .forAddress("127.0.0.1", s.clientPort).usePlaintext().build();
            putKeys(s, 350);
            assertThat(awaitSnapshotIndex(dir.resolve("member/raft/snapshot"), 200)).isGreaterThanOrEqualTo(200);
            s.stop();
            s.start();
            assertThat(countKeys(s)).isEqualTo(350);
        }
    }

    @Test
    void aStoppingMemberTakesASnapshotSoItsNextStartReplaysNothing() throws Exception {
        try (EmbeddedServer s = new EmbeddedServer(dir).start()) {
            putKeys(s, 50);
            Path snapshots = dir.resolve("member/raft/snapshot");
            assertThat(newestSnapshotIndex(snapshots)).isZero(); // far below --snapshot-count
            s.stop();
            assertThat(newestSnapshotIndex(snapshots)).isGreaterThanOrEqualTo(50);
            s.start();
            assertThat(countKeys(s)).isEqualTo(50);
        }
    }

    @Test
    void largeEntriesTriggerASnapshotLongBeforeTheEntryCount() throws Exception {
        try (EmbeddedServer s = new EmbeddedServer(dir).start()) {
            ByteString mib = ByteString.copyFrom(new byte[1 << 20]);
            for (int i = 0; i < 34; i++) { // past the 32 MiB of log that trigger a snapshot
                s.kv().put(PutRequest.newBuilder().setKey(b("big" + i)).setValue(mib).build());
            }
            assertThat(awaitSnapshotIndex(dir.resolve("member/raft/snapshot"), 1)).isPositive().isLessThan(100_000);
        }
    }

    @Test
    void theRaftLogKeepsItsWriteAheadLogSmallSoAStartReadsLittleBack() throws Exception {
        try (EmbeddedServer s = new EmbeddedServer(dir).start()) {
            s.kv().put(PutRequest.newBuilder().setKey(b("k")).setValue(b("v")).build());
            Path log = dir.resolve("member/raft/log");
            String options;
            try (var files = java.nio.file.Files.list(log)) {
                Path newest = files.filter(p -> p.getFileName().toString().startsWith("OPTIONS-"))
                        .max(java.util.Comparator.comparing(p -> p.getFileName().toString())).orElseThrow();
                options = java.nio.file.Files.readString(newest);
            }
            // RocksDB records the options the open log runs with
            assertThat(options).contains("max_total_wal_size=" + (16L << 20));
            assertThat(options).contains("write_buffer_size=" + (8L << 20));
        }
    }

    /** Puts keys k0..k(n-1), one entry each. */
    private static void putKeys(EmbeddedServer s, int n) {
        for (int i = 0; i < n; i++) {
            s.kv().put(PutRequest.newBuilder().setKey(b("k" + i)).setValue(b("v")).build());
        }
    }

    private static long countKeys(EmbeddedServer s) {
        return s.kv().range(RangeRequest.newBuilder().setKey(b("k")).setRangeEnd(b("l")).build()).getCount();
    }

    /** The newest snapshot's index once it reaches {@code minimum}, or whatever it is after ten seconds. */
    private static long awaitSnapshotIndex(Path snapshots, long minimum) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        long index = newestSnapshotIndex(snapshots);
        while (index < minimum && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            index = newestSnapshotIndex(snapshots);
        }
        return index;
    }

    private static long newestSnapshotIndex(Path snapshots) throws java.io.IOException {
        if (!java.nio.file.Files.isDirectory(snapshots)) {
            return 0;
        }
        try (var dirs = java.nio.file.Files.list(snapshots)) {
            return dirs.filter(p -> p.getFileName().toString().startsWith("snapshot_"))
                    .filter(p -> java.nio.file.Files.exists(p.resolve("kv.meta")))
                    .mapToLong(p -> Long.parseLong(p.getFileName().toString().substring("snapshot_".length())))
                    .max().orElse(0);
        }
    }

    @Test
    void writesPastTheBackendQuotaFailWithNoSpaceWhileDeletesStillWork() {
        try (EmbeddedServer s = new EmbeddedServer(dir)) {
            s.server = KvServer.create(s.config().toBuilder().quotaBackendBytes(1).build()).start();
            s.channel = io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder
                    .forAddress("127.0.0.1", s.clientPort).usePlaintext().build();
            assertThatThrownBy(() -> s.kv().put(PutRequest.newBuilder().setKey(b("k")).setValue(b("v")).build()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
                        assertThat(e.getStatus().getDescription())
                                .isEqualTo("etcdserver: mvcc: database space exceeded");
                    });
            var del = s.kv().deleteRange(io.etcd.jetcd.api.DeleteRangeRequest.newBuilder().setKey(b("k")).build());
            assertThat(del.getDeleted()).isZero();
        }
    }

    @Test
    void anEmptyKeyIsRejectedWithEtcdsError() {
        try (EmbeddedServer s = new EmbeddedServer(dir).start()) {
            assertThatThrownBy(() -> s.kv().put(PutRequest.newBuilder().setValue(b("v")).build()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                        assertThat(e.getStatus().getDescription()).isEqualTo("etcdserver: key is not provided");
                    });
        }
    }
}
