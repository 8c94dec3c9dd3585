package io.cairn.kv.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.AlarmRequest;
import io.etcd.jetcd.api.AlarmType;
import io.etcd.jetcd.api.ClusterGrpc;
import io.etcd.jetcd.api.DefragmentRequest;
import io.etcd.jetcd.api.HashKVRequest;
import io.etcd.jetcd.api.MaintenanceGrpc;
import io.etcd.jetcd.api.MemberListRequest;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.SnapshotRequest;
import io.etcd.jetcd.api.StatusRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaintenanceTest {

    @TempDir
    Path dir;

    private static ByteString b(String v) {
        return ByteString.copyFromUtf8(v);
    }

    @Test
    void statusReportsAnEtcd35VersionThisMemberAsLeaderAndTheRaftIndexes() {
        try (EmbeddedServer s = new EmbeddedServer(dir.resolve("a")).start()) {
            s.kv().put(PutRequest.newBuilder().setKey(b("k")).setValue(b("v")).build());
            var st = MaintenanceGrpc.newBlockingStub(s.channel).status(StatusRequest.getDefaultInstance());
            assertThat(st.getVersion()).isEqualTo("3.5.21");
            assertThat(st.getLeader()).isEqualTo(s.server.memberId());
            assertThat(st.getRaftIndex()).isPositive();
            assertThat(st.getRaftAppliedIndex()).isPositive();
            assertThat(st.getRaftTerm()).isPositive();
            assertThat(st.getDbSize()).isPositive();
            assertThat(st.getErrorsList()).isEmpty();
            var members = ClusterGrpc.newBlockingStub(s.channel).memberList(MemberListRequest.getDefaultInstance());
            assertThat(members.getMembersList()).singleElement()
                    .satisfies(m -> assertThat(m.getID()).isEqualTo(s.server.memberId()));
        }
    }

    @Test
    void hashKvIsStableForARevisionAndChangesWithHistory() {
        try (EmbeddedServer s = new EmbeddedServer(dir.resolve("a")).start()) {
            long rev = s.kv().put(PutRequest.newBuilder().setKey(b("k")).setValue(b("v")).build()).getHeader()
                    .getRevision();
            var m = MaintenanceGrpc.newBlockingStub(s.channel);
            int h1 = m.hashKV(HashKVRequest.newBuilder().setRevision(rev).build()).getHash();
            s.kv().put(PutRequest.newBuilder().setKey(b("k")).setValue(b("w")).build());
            assertThat(m.hashKV(HashKVRequest.newBuilder().setRevision(rev).build()).getHash()).isEqualTo(h1);
            assertThat(m.hashKV(HashKVRequest.newBuilder().build()).getHash()).isNotEqualTo(h1);
        }
    }

    @Test
    void aFullQuotaRaisesNoSpaceUntilCompactDefragAndDisarm() throws Exception {
        try (EmbeddedServer s = new EmbeddedServer(dir.resolve("a"))) {
            s.server = KvServer.create(s.config().toBuilder().quotaBackendBytes(1).build()).start();
            s.channel = io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder
                    .forAddress("127.0.0.1", s.clientPort).usePlaintext().build();
            var m = MaintenanceGrpc.newBlockingStub(s.channel);
            assertThatThrownBy(() -> s.kv().put(PutRequest.newBuilder().setKey(b("k")).setValue(b("v")).build()))
                    .hasMessageContaining("etcdserver: mvcc: database space exceeded");
            long deadline = System.currentTimeMillis() + 5000;
            while (m.alarm(AlarmRequest.newBuilder().build()).getAlarmsCount() == 0
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            var alarms = m.alarm(AlarmRequest.newBuilder().build()).getAlarmsList();
            assertThat(alarms).singleElement().satisfies(a -> assertThat(a.getAlarm()).isEqualTo(AlarmType.NOSPACE));
            assertThat(m.status(StatusRequest.getDefaultInstance()).getErrorsList()).singleElement()
                    .asString().contains("alarm:NOSPACE");
            assertThat(s.kv().range(RangeRequest.newBuilder().setKey(b("k")).build()).getCount()).isZero();
            m.defragment(DefragmentRequest.getDefaultInstance());
            var disarmed = m.alarm(AlarmRequest.newBuilder().setAction(AlarmRequest.AlarmAction.DEACTIVATE)
                    .setMemberID(alarms.get(0).getMemberID()).setAlarm(AlarmType.NOSPACE).build());
            assertThat(disarmed.getAlarmsCount()).isEqualTo(1);
            assertThat(m.alarm(AlarmRequest.newBuilder().build()).getAlarmsList()).isEmpty();
        }
    }

    @Test
    void aSnapshotRestoresIntoANewDataDirectoryWithTheSameKeysAndRevisions() throws Exception {
        ByteArrayOutputStream snap = new ByteArrayOutputStream();
        long rev;
        try (EmbeddedServer s = new EmbeddedServer(dir.resolve("a")).start()) {
            for (int i = 0; i < 100; i++) {
                s.kv().put(PutRequest.newBuilder().setKey(b("s" + i)).setValue(b("v" + i)).build());
            }
            rev = s.kv().range(RangeRequest.newBuilder().setKey(b("s")).build()).getHeader().getRevision();
            var it = MaintenanceGrpc.newBlockingStub(s.channel).snapshot(SnapshotRequest.getDefaultInstance());
            while (it.hasNext()) {
                it.next().getBlob().writeTo(snap);
            }
        }
        // etcdctl snapshot save accepts only whole 512-byte blocks followed by a SHA-256
        assertThat(snap.size() % 512).isEqualTo(32);
        Path restored = dir.resolve("b");
        KvSnapshots.restore(new ByteArrayInputStream(snap.toByteArray()), restored);
        try (EmbeddedServer s = new EmbeddedServer(restored).start()) {
            var all = s.kv().range(RangeRequest.newBuilder().setKey(b("s")).setRangeEnd(b("t")).build());
            assertThat(all.getCount()).isEqualTo(100);
            assertThat(all.getHeader().getRevision()).isEqualTo(rev);
            long next = s.kv().put(PutRequest.newBuilder().setKey(b("x")).setValue(b("y")).build()).getHeader()
                    .getRevision();
            assertThat(next).isEqualTo(rev + 1);
        }
        byte[] damaged = snap.toByteArray();
        damaged[damaged.length / 2] ^= 1;
        assertThatThrownBy(() -> KvSnapshots.restore(new ByteArrayInputStream(damaged), dir.resolve("c")))
                .hasMessageContaining("damaged");
    }
}
