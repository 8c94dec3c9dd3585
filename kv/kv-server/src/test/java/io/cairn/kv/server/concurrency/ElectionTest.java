package io.cairn.kv.server.concurrency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.CampaignRequest;
import io.etcd.jetcd.api.CampaignResponse;
import io.etcd.jetcd.api.KeyValue;
import io.etcd.jetcd.api.LeaderKey;
import io.etcd.jetcd.api.LeaderRequest;
import io.etcd.jetcd.api.LeaderResponse;
import io.etcd.jetcd.api.LeaseTimeToLiveRequest;
import io.etcd.jetcd.api.ProclaimRequest;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RangeResponse;
import io.etcd.jetcd.api.ResignRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Election service's unary calls, each behaviour checked on etcd's own service and on Cairn's. */
@ExtendWith(SidesExtension.class)
class ElectionTest {

    private static Sides sides;

    @BeforeAll
    static void share(Sides shared) {
        sides = shared;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Side.class)
    void campaignOnAnEmptyElectionLeadsAtOnceWithTheNameSlashLeaseInHexAsKey(Side side) {
        ByteString name = Sides.uniqueName("empty", side);
        long lease = sides.grant(side, 30);

        CampaignResponse won = campaign(side, name, lease, "alpha");

        LeaderKey leader = won.getLeader();
        assertThat(leader.getName()).isEqualTo(name);
        assertThat(leader.getKey().toStringUtf8()).isEqualTo(name.toStringUtf8() + "/" + Long.toHexString(lease));
        assertThat(leader.getLease()).isEqualTo(lease);
        assertThat(leader.getRev()).isEqualTo(won.getHeader().getRevision());
        KeyValue kv = get(side, leader.getKey()).getKvs(0);
        assertThat(kv.getCreateRevision()).isEqualTo(leader.getRev());
        assertThat(kv.getLease()).isEqualTo(lease);
        assertThat(leaderOf(side, name).getKv()).isEqualTo(kv);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Side.class)
    void aSecondCandidateLeadsOnlyOnceTheFirstResigns(Side side) throws Exception {
        ByteString name = Sides.uniqueName("succession", side);
        CampaignResponse first = campaign(side, name, sides.grant(side, 30), "first");
        ListenableFuture<CampaignResponse> second = sides.electionAsync(side)
                .campaign(CampaignRequest.newBuilder().setName(name).setLease(sides.grant(side, 30))
                        .setValue(ByteString.copyFromUtf8("second")).build());
        assertThatThrownBy(() -> second.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        assertThat(leaderOf(side, name).getKv().getValue().toStringUtf8()).isEqualTo("first");

        sides.election(side).resign(ResignRequest.newBuilder().setLeader(first.getLeader()).build());

        CampaignResponse won = second.get(10, TimeUnit.SECONDS);
        assertThat(leaderOf(side, name).getKv().getKey()).isEqualTo(won.getLeader().getKey());
        assertThat(leaderOf(side, name).getKv().getValue().toStringUtf8()).isEqualTo("second");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Side.class)
    void proclaimReplacesTheLeadersValueUnderItsLease(Side side) {
        ByteString name = Sides.uniqueName("proclaim", side);
        long lease = sides.grant(side, 30);
        LeaderKey leader = campaign(side, name, lease, "v1").getLeader();

        long at = sides.election(side).proclaim(ProclaimRequest.newBuilder().setLeader(leader)
                .setValue(ByteString.copyFromUtf8("v2")).build()).getHeader().getRevision();

        KeyValue kv = leaderOf(side, name).getKv();
        assertThat(kv.getValue().toStringUtf8()).isEqualTo("v2");
        assertThat(kv.getModRevision()).isEqualTo(at);
        assertThat(kv.getCreateRevision()).isEqualTo(leader.getRev());
        assertThat(kv.getLease()).isEqualTo(lease);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Side.class)
    void campaigningAgainUnderTheSameLeaseKeepsTheKeyAndProclaimsTheNewValue(Side side) {
        ByteString name = Sides.uniqueName("again", side);
        long lease = sides.grant(side, 30);
        CampaignResponse first = campaign(side, name, lease, "old");

        CampaignResponse again = campaign(side, name, lease, "new");

        assertThat(again.getLeader()).isEqualTo(first.getLeader());
        assertThat(leaderOf(side, name).getKv().getValue().toStringUtf8()).isEqualTo("new");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Side.class)
    void proclaimWithAKeyThatNoLongerLeadsFailsWithNotLeader(Side side) {
        ByteString name = Sides.uniqueName("stale", side);
        LeaderKey leader = campaign(side, name, sides.grant(side, 30), "v1").getLeader();
        sides.election(side).resign(ResignRequest.newBuilder().setLeader(leader).build());

        assertFailsAsEtcdDoes(() -> sides.election(side).proclaim(ProclaimRequest.newBuilder().setLeader(leader)
                .setValue(ByteString.copyFromUtf8("v2")).build()), "election: not leader");
        assertThat(get(side, leader.getKey()).getKvsCount()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Side.class)
    void resignWithAStaleKeySucceedsAndLeavesTheNewIncarnationAlone(Side side) {
        ByteString name = Sides.uniqueName("reincarnated", side);
        long lease = sides.grant(side, 30);
        LeaderKey stale = campaign(side, name, lease, "v1").getLeader();
        sides.election(side).resign(ResignRequest.newBuilder().setLeader(stale).build());
        LeaderKey current = campaign(side, name, lease, "v2").getLeader();

        sides.election(side).resign(ResignRequest.newBuilder().setLeader(stale).build());

        assertThat(current.getKey()).isEqualTo(stale.getKey());
        assertThat(leaderOf(side, name).getKv().getCreateRevision()).isEqualTo(current.getRev());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Side.class)
    void leaderOfAnElectionNobodyHoldsFailsWithNoLeader(Side side) {
        assertFailsAsEtcdDoes(() -> leaderOf(side, Sides.uniqueName("nobody", side)), "election: no leader");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Side.class)
    void proclaimAndResignWithoutALeaderKeyFail(Side side) {
        assertFailsAsEtcdDoes(() -> sides.election(side).proclaim(ProclaimRequest.getDefaultInstance()),
                "\"leader\" field must be provided");
        assertFailsAsEtcdDoes(() -> sides.election(side).resign(ResignRequest.getDefaultInstance()),
                "\"leader\" field must be provided");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Side.class)
    void campaignWithoutALeaseBindsTheKeyToANewSixtySecondLease(Side side) {
        LeaderKey leader = campaign(side, Sides.uniqueName("no-lease", side), 0, "v").getLeader();

        assertThat(leader.getLease()).isNotZero();
        assertThat(get(side, leader.getKey()).getKvs(0).getLease()).isEqualTo(leader.getLease());
        assertThat(sides.lease(side).leaseTimeToLive(LeaseTimeToLiveRequest.newBuilder().setID(leader.getLease()).build())
                .getGrantedTTL()).isEqualTo(60);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Side.class)
    void aCandidateWhoseDeadlinePassesResignsItsKey(Side side) throws Exception {
        ByteString name = Sides.uniqueName("impatient", side);
        campaign(side, name, sides.grant(side, 30), "leader");
        long lease = sides.grant(side, 30);
        ByteString key = ByteString.copyFromUtf8(name.toStringUtf8() + "/" + Long.toHexString(lease));

        assertThatThrownBy(() -> sides.election(side).withDeadlineAfter(500, TimeUnit.MILLISECONDS)
                .campaign(CampaignRequest.newBuilder().setName(name).setLease(lease)
                        .setValue(ByteString.copyFromUtf8("candidate")).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (get(side, key).getKvsCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(get(side, key).getKvsCount()).isZero();
    }

    private static CampaignResponse campaign(Side side, ByteString name, long lease, String value) {
        return sides.election(side).campaign(CampaignRequest.newBuilder().setName(name).setLease(lease)
                .setValue(ByteString.copyFromUtf8(value)).build());
    }

    private static LeaderResponse leaderOf(Side side, ByteString name) {
        return sides.election(side).leader(LeaderRequest.newBuilder().setName(name).build());
    }

    private static RangeResponse get(Side side, ByteString key) {
        return sides.kv(side).range(RangeRequest.newBuilder().setKey(key).build());
    }

    /** etcd answers its election errors as plain errors: gRPC code UNKNOWN with the message. */
    private static void assertFailsAsEtcdDoes(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN);
            assertThat(e.getStatus().getDescription()).isEqualTo(message);
        });
    }
}
