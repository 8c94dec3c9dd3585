package io.cairn.kv.tests;

import static io.cairn.kv.tests.RpcErrors.assertFailsWith;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.AlarmRequest;
import io.etcd.jetcd.api.AlarmResponse;
import io.etcd.jetcd.api.AlarmType;
import io.etcd.jetcd.api.DefragmentRequest;
import io.etcd.jetcd.api.HashKVRequest;
import io.etcd.jetcd.api.HashKVResponse;
import io.etcd.jetcd.api.Member;
import io.etcd.jetcd.api.MemberListRequest;
import io.etcd.jetcd.api.MemberListResponse;
import io.etcd.jetcd.api.SnapshotRequest;
import io.etcd.jetcd.api.SnapshotResponse;
import io.etcd.jetcd.api.StatusRequest;
import io.etcd.jetcd.api.StatusResponse;
import io.grpc.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Maintenance and Cluster: Status (the version kube-apiserver parses, sizes, raft position, leadership), HashKV,
 * alarms, defragmentation, snapshots (raw, through jetcd and {@code etcdctl snapshot save}) and the member list of a
 * single-member cluster.
 *
 * <p>Each test is skipped on Cairn while Cairn answers the method it exercises with {@code UNIMPLEMENTED}.
 */
@BothServers
class MaintenanceConformanceTest extends ConformanceTest {

    private static final Pattern SEMVER = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");
    private static final String COMPACTED = "etcdserver: mvcc: required revision has been compacted";
    private static final String FUTURE = "etcdserver: mvcc: required revision is a future revision";
    /** The length of the SHA-256 that etcd appends to a snapshot, which {@code etcdctl snapshot restore} checks. */
    private static final int SHA256_LENGTH = 32;

    // ---- Status

    @Test
    void statusReportsAStrictSemverVersion() {
        assumeImplemented(EtcdService.STATUS);

        String version = status().getVersion();

        Matcher semver = SEMVER.matcher(version);
        assertThat(semver.matches()).as("version %s is strict semver (kube-apiserver parses it)", version).isTrue();
        if (kind == ServerKind.CAIRN) {
            assertThat(Integer.parseInt(semver.group(1))).as("major of %s", version).isEqualTo(3);
            assertThat(Integer.parseInt(semver.group(2))).as("minor of %s", version).isEqualTo(5);
            assertThat(Integer.parseInt(semver.group(3)))
                    .as("patch of %s: kube-apiserver enables RequestWatchProgress from 3.5.13", version)
                    .isGreaterThanOrEqualTo(13);
        }
    }

    @Test
    void statusReportsTheDatabaseSizeAndThisSingleMemberAsLeader() {
        assumeImplemented(EtcdService.STATUS);

        StatusResponse status = status();

        assertThat(status.getDbSize()).isPositive();
        assertThat(status.getDbSizeInUse()).isPositive().isLessThanOrEqualTo(status.getDbSize());
        assertThat(status.getLeader()).as("the leader is this member").isEqualTo(status.getHeader().getMemberId())
                .isNotZero();
        assertThat(status.getRaftTerm()).isPositive().isEqualTo(status.getHeader().getRaftTerm());
        assertThat(status.getRaftIndex()).isPositive();
        assertThat(status.getRaftAppliedIndex()).isPositive().isLessThanOrEqualTo(status.getRaftIndex());
        assertThat(status.getIsLearner()).isFalse();
        assertThat(status.getErrorsList()).isEmpty();
        assertThat(status.getHeader().getRevision()).isEqualTo(cluster.currentRevision());
    }

    @Test
    void theRaftIndexGrowsWithEveryWrite() {
        assumeImplemented(EtcdService.STATUS);
        long before = status().getRaftIndex();

        await(kv().put(k("a"), bytes("1")));
        await(kv().put(k("a"), bytes("2")));

        assertThat(status().getRaftIndex()).isGreaterThanOrEqualTo(before + 2);
    }

    // ---- HashKV

    @Test
    void hashKvIsTheSameForTwoCallsAtTheSameRevisionAndChangesWithAWrite() {
        assumeImplemented(EtcdService.HASH_KV);
        long revision = await(kv().put(k("a"), bytes("1"))).getHeader().getRevision();

        HashKVResponse first = hashKv(revision);
        HashKVResponse second = hashKv(revision);
        await(kv().put(k("a"), bytes("2")));
        HashKVResponse sameRevisionLater = hashKv(revision);
        HashKVResponse latest = hashKv(0);

        assertThat(second.getHash()).isEqualTo(first.getHash());
        assertThat(sameRevisionLater.getHash()).as("a later write does not change the hash up to an older revision")
                .isEqualTo(first.getHash());
        assertThat(latest.getHash()).as("the hash up to the latest revision covers the new write")
                .isNotEqualTo(first.getHash());
        assertThat(latest.getHeader().getRevision()).isEqualTo(revision + 1);
    }

    @Test
    void hashKvReportsTheCompactRevisionAndRefusesTheCompactedRevisionsAndFutureOnes() {
        assumeImplemented(EtcdService.HASH_KV);
        long first = await(kv().put(k("a"), bytes("1"))).getHeader().getRevision();
        long second = await(kv().put(k("a"), bytes("2"))).getHeader().getRevision();
        long third = await(kv().put(k("a"), bytes("3"))).getHeader().getRevision();
        await(kv().compact(second));

        HashKVResponse afterCompaction = hashKv(third);

        assertThat(afterCompaction.getCompactRevision()).isEqualTo(second);
        assertFailsWith(Status.Code.OUT_OF_RANGE, COMPACTED, () -> hashKv(first));
        assertFailsWith(Status.Code.OUT_OF_RANGE, COMPACTED, () -> hashKv(second));
        assertFailsWith(Status.Code.OUT_OF_RANGE, FUTURE, () -> hashKv(third + 1000));
    }

    // ---- alarms and defragmentation

    @Test
    void noAlarmIsRaisedOnAHealthyServerAndDisarmingNothingSucceeds() {
        assumeImplemented(EtcdService.ALARM);

        AlarmResponse listed = alarm(AlarmRequest.AlarmAction.GET, AlarmType.NONE);
        AlarmResponse disarmed = alarm(AlarmRequest.AlarmAction.DEACTIVATE, AlarmType.NOSPACE);

        assertThat(listed.getAlarmsList()).isEmpty();
        assertThat(disarmed.getAlarmsList()).isEmpty();
        assertThat(await(cluster.maintenance().listAlarms()).getAlarms()).as("through jetcd").isEmpty();
    }

    @Test
    void defragmentationSucceedsAndKeepsTheData() {
        assumeImplemented(EtcdService.DEFRAGMENT);
        await(kv().put(k("a"), bytes("kept")));
        long revision = cluster.currentRevision();

        cluster.rawMaintenance().defragment(DefragmentRequest.getDefaultInstance());

        assertThat(text(await(kv().get(k("a"))).getKvs().get(0).getValue())).isEqualTo("kept");
        assertThat(cluster.currentRevision()).isEqualTo(revision);
        await(cluster.maintenance().defragmentMember(cluster.server().endpoint().toString()));
    }

    // ---- snapshots

    @Test
    void aSnapshotStreamsTheDatabaseFollowedByItsSha256() throws IOException, NoSuchAlgorithmException {
        assumeImplemented(EtcdService.SNAPSHOT);
        await(kv().put(k("a"), bytes("in the snapshot")));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Iterator<SnapshotResponse> chunks = cluster.rawMaintenance().snapshot(SnapshotRequest.getDefaultInstance());
        SnapshotResponse last = null;
        while (chunks.hasNext()) {
            last = chunks.next();
            last.getBlob().writeTo(bytes);
        }

        assertThat(last).as("at least one chunk").isNotNull();
        assertThat(last.getRemainingBytes()).as("the last chunk has nothing after it").isZero();
        byte[] snapshot = bytes.toByteArray();
        assertThat(snapshot.length % 512)
                .as("a snapshot of %d bytes: etcdctl snapshot save requires size %% 512 == 32 (whole 512-byte"
                        + " blocks, then the SHA-256), else \"sha256 checksum not found\"", snapshot.length)
                .isEqualTo(SHA256_LENGTH);
        byte[] database = Arrays.copyOfRange(snapshot, 0, snapshot.length - SHA256_LENGTH);
        byte[] trailer = Arrays.copyOfRange(snapshot, snapshot.length - SHA256_LENGTH, snapshot.length);
        assertThat(ByteString.copyFrom(trailer))
                .as("etcd ends a snapshot with the SHA-256 of what precedes it; etcdctl snapshot restore checks it")
                .isEqualTo(ByteString.copyFrom(MessageDigest.getInstance("SHA-256").digest(database)));
    }

    @Test
    void jetcdAndEtcdctlSnapshotSaveWriteTheSnapshot() throws IOException {
        assumeImplemented(EtcdService.SNAPSHOT);
        Path directory = Files.createTempDirectory("cairn-kv-tests-snapshot-");
        try {
            ByteArrayOutputStream viaJetcd = new ByteArrayOutputStream();
            long size = await(cluster.maintenance().snapshot(viaJetcd));

            Etcdctl.Output saved = new Etcdctl(cluster.server().endpoint(), directory)
                    .run(List.of("snapshot", "save", "snap.db"), null);

            assertThat(size).isPositive().isEqualTo(viaJetcd.size());
            assertThat(saved.exitCode()).as(saved.render()).isZero();
            assertThat(saved.stdout()).isEqualTo("Snapshot saved at snap.db\n");
            assertThat(Files.size(directory.resolve("snap.db"))).isGreaterThan(SHA256_LENGTH);
        } finally {
            LocalServerProcess.deleteRecursively(directory);
        }
    }

    // ---- Cluster

    @Test
    void theMemberListHasThisSingleMemberWithItsNameAndUrls() {
        assumeImplemented(EtcdService.CLUSTER);

        MemberListResponse members = cluster.rawCluster().memberList(MemberListRequest.getDefaultInstance());

        assertThat(members.getMembersList()).singleElement().satisfies(member -> {
            assertThat(member.getID()).isEqualTo(members.getHeader().getMemberId()).isNotZero();
            assertThat(member.getName()).isEqualTo(cluster.server().name());
            assertThat(member.getClientURLsList()).containsExactly(cluster.server().endpoint().toString());
            assertThat(member.getPeerURLsList()).containsExactly(cluster.server().peerEndpoint().toString());
            assertThat(member.getIsLearner()).isFalse();
        });
        assertThat(await(cluster.clusterClient().listMember()).getMembers()).as("through jetcd")
                .extracting(io.etcd.jetcd.cluster.Member::getId)
                .containsExactly(members.getMembersList().stream().map(Member::getID).toArray(Long[]::new));
    }

    // ---- helpers

    private StatusResponse status() {
        return cluster.rawMaintenance().status(StatusRequest.getDefaultInstance());
    }

    private HashKVResponse hashKv(long revision) {
        return cluster.rawMaintenance().hashKV(HashKVRequest.newBuilder().setRevision(revision).build());
    }

    private AlarmResponse alarm(AlarmRequest.AlarmAction action, AlarmType type) {
        return cluster.rawMaintenance().alarm(AlarmRequest.newBuilder().setAction(action).setAlarm(type).build());
    }
}
