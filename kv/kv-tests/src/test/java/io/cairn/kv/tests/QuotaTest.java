package io.cairn.kv.tests;

import static io.cairn.kv.tests.Requests.bs;
import static io.cairn.kv.tests.RpcErrors.assertFailsWith;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.AlarmMember;
import io.etcd.jetcd.api.AlarmRequest;
import io.etcd.jetcd.api.AlarmResponse;
import io.etcd.jetcd.api.AlarmType;
import io.etcd.jetcd.api.CompactionRequest;
import io.etcd.jetcd.api.DefragmentRequest;
import io.etcd.jetcd.api.DeleteRangeRequest;
import io.etcd.jetcd.api.LeaseGrantRequest;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.StatusRequest;
import io.etcd.jetcd.api.TxnRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The backend quota ({@code --quota-backend-bytes} of 4 MiB): filling the store raises the cluster-wide NOSPACE
 * alarm; then writes fail with {@code etcdserver: mvcc: database space exceeded} while reads and deletes still work,
 * until compaction, defragmentation and {@code alarm disarm}, as etcd's maintenance guide describes.
 *
 * <p>The tests are one scenario in order (fill, live with the alarm, recover) on one server per run. Skipped on Cairn
 * while it answers the Maintenance Alarm method with {@code UNIMPLEMENTED}.
 */
@BothServers
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QuotaTest extends ConformanceTest {

    private static final long QUOTA = 4L * 1024 * 1024;
    private static final ByteString BIG_VALUE = ByteString.copyFrom(new byte[100 * 1024]);
    /** Five times the quota in 100 KiB puts: the alarm must come well before. */
    private static final int MAX_PUTS = 200;
    private static final String NO_SPACE = "etcdserver: mvcc: database space exceeded";
    private static final String ROOT = "/QuotaTest/";

    @Override
    List<String> serverFlags() {
        return List.of("--quota-backend-bytes", Long.toString(QUOTA));
    }

    @BeforeEach
    void requireAlarms() {
        assumeImplemented(EtcdService.ALARM);
    }

    @Test
    @Order(1)
    void fillingTheStoreRaisesTheNospaceAlarmAndTheFailingPutIsNotApplied() {
        put(ROOT + "small", ByteString.copyFromUtf8("written before the alarm"));
        StatusRuntimeException refused = null;
        int puts = 0;
        while (refused == null && puts < MAX_PUTS) {
            long before = cluster.currentRevision();
            try {
                put(ROOT + "big", BIG_VALUE);
                puts++;
            } catch (StatusRuntimeException e) {
                refused = e;
                assertThat(cluster.currentRevision()).as("the refused put is not applied").isEqualTo(before);
            }
        }

        assertThat(refused).as("a put refused within %d puts of 100 KiB into a 4 MiB quota", MAX_PUTS).isNotNull();
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(refused.getStatus().getDescription()).isEqualTo(NO_SPACE);
        assertThat(puts).as("puts accepted before the quota was reached").isGreaterThan(20);
        assertThat(alarms().getAlarmsList()).containsExactly(noSpaceAlarm());
        assertThat(await(cluster.maintenance().listAlarms()).getAlarms()).as("through jetcd").singleElement()
                .satisfies(alarm -> {
                    assertThat(alarm.getAlarmType()).isEqualTo(io.etcd.jetcd.maintenance.AlarmType.NOSPACE);
                    assertThat(alarm.getMemberId()).isEqualTo(memberId());
                });
    }

    @Test
    @Order(2)
    void underTheAlarmEveryPutAndLeaseGrantFailsWithDatabaseSpaceExceeded() {
        long before = cluster.currentRevision();

        assertFailsWith(Status.Code.RESOURCE_EXHAUSTED, NO_SPACE,
                () -> put(ROOT + "tiny", ByteString.copyFromUtf8("x")));
        assertFailsWith(Status.Code.RESOURCE_EXHAUSTED, NO_SPACE,
                () -> await(kv().put(bytes(ROOT + "tiny"), bytes("through jetcd"))));
        assertFailsWith(Status.Code.RESOURCE_EXHAUSTED, NO_SPACE, () -> raw().txn(TxnRequest.newBuilder()
                .addSuccess(Requests.put(ROOT + "tiny", "in a txn")).build()));
        assertFailsWith(Status.Code.RESOURCE_EXHAUSTED, NO_SPACE,
                () -> cluster.rawLease().leaseGrant(LeaseGrantRequest.newBuilder().setTTL(60).build()));
        assertThat(cluster.currentRevision()).isEqualTo(before);
    }

    @Test
    @Order(3)
    void underTheAlarmReadsReadOnlyTxnsAndDeletesStillWork() {
        assertThat(raw().range(RangeRequest.newBuilder().setKey(bs(ROOT + "small")).build()).getCount())
                .isEqualTo(1);
        assertThat(raw().txn(TxnRequest.newBuilder().addSuccess(Requests.get(ROOT + "small")).build())
                .getResponses(0).getResponseRange().getCount()).isEqualTo(1);
        raw().txn(TxnRequest.newBuilder().addSuccess(Requests.delete(ROOT + "nothing")).build());
        long before = cluster.currentRevision();

        long deleted = raw().deleteRange(DeleteRangeRequest.newBuilder().setKey(bs(ROOT + "small")).build())
                .getHeader().getRevision();

        assertThat(deleted).isEqualTo(before + 1);
        assertThat(raw().range(RangeRequest.newBuilder().setKey(bs(ROOT + "small")).build()).getCount()).isZero();
    }

    @Test
    @Order(4)
    void statusReportsTheAlarmAsEtcdFormatsIt() {
        assumeImplemented(EtcdService.STATUS);

        List<String> errors = cluster.rawMaintenance().status(StatusRequest.getDefaultInstance()).getErrorsList();

        assertThat(errors).containsExactly("memberID:" + Long.toUnsignedString(memberId()) + " alarm:NOSPACE ");
    }

    @Test
    @Order(5)
    void compactionAndDefragmentationAloneDoNotLiftTheAlarm() {
        raw().compact(CompactionRequest.newBuilder().setRevision(cluster.currentRevision()).setPhysical(true).build());
        cluster.rawMaintenance().defragment(DefragmentRequest.getDefaultInstance());

        assertThat(alarms().getAlarmsList()).containsExactly(noSpaceAlarm());
        assertFailsWith(Status.Code.RESOURCE_EXHAUSTED, NO_SPACE,
                () -> put(ROOT + "tiny", ByteString.copyFromUtf8("x")));
    }

    @Test
    @Order(6)
    void disarmingAfterCompactionAndDefragmentationRestoresWrites() {
        AlarmResponse disarmed = cluster.rawMaintenance().alarm(AlarmRequest.newBuilder()
                .setAction(AlarmRequest.AlarmAction.DEACTIVATE).setAlarm(AlarmType.NOSPACE).setMemberID(memberId())
                .build());

        assertThat(disarmed.getAlarmsList()).as("the disarm answers the alarms it lifted")
                .containsExactly(noSpaceAlarm());
        assertThat(alarms().getAlarmsList()).isEmpty();
        long revision = cluster.currentRevision();
        assertThat(put(ROOT + "tiny", ByteString.copyFromUtf8("x"))).isEqualTo(revision + 1);
        assertThat(put(ROOT + "big", BIG_VALUE)).as("the space freed by compaction and defragmentation is usable")
                .isEqualTo(revision + 2);
    }

    // ---- helpers

    private long put(String key, ByteString value) {
        return raw().put(PutRequest.newBuilder().setKey(bs(key)).setValue(value).build()).getHeader().getRevision();
    }

    private AlarmResponse alarms() {
        return cluster.rawMaintenance().alarm(AlarmRequest.newBuilder().setAction(AlarmRequest.AlarmAction.GET)
                .setAlarm(AlarmType.NONE).build());
    }

    private long memberId() {
        return raw().range(RangeRequest.newBuilder().setKey(bs(ROOT)).build()).getHeader().getMemberId();
    }

    private AlarmMember noSpaceAlarm() {
        return AlarmMember.newBuilder().setMemberID(memberId()).setAlarm(AlarmType.NOSPACE).build();
    }
}
