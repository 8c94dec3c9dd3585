package io.cairn.kv.tests;

import static io.cairn.kv.tests.Requests.bs;
import static io.cairn.kv.tests.RpcErrors.assertFailsWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Election;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.api.CampaignRequest;
import io.etcd.jetcd.api.ElectionGrpc;
import io.etcd.jetcd.api.LeaderRequest;
import io.etcd.jetcd.api.LeaseGrantRequest;
import io.etcd.jetcd.api.ProclaimRequest;
import io.etcd.jetcd.api.ResignRequest;
import io.etcd.jetcd.api.lock.LockGrpc;
import io.etcd.jetcd.api.lock.LockRequest;
import io.etcd.jetcd.api.lock.UnlockRequest;
import io.etcd.jetcd.election.CampaignResponse;
import io.etcd.jetcd.election.LeaderKey;
import io.etcd.jetcd.election.LeaderResponse;
import io.etcd.jetcd.election.NoLeaderException;
import io.etcd.jetcd.election.NotLeaderException;
import io.etcd.jetcd.lock.LockResponse;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The {@code v3lockpb.Lock} and {@code v3electionpb.Election} services through jetcd (which calls them; etcdctl's
 * {@code lock} and {@code elect} are client-side recipes instead): mutual exclusion, release on unlock and on lease
 * expiry; campaign, leader, proclaim, observe and resign, and the errors of both services.
 *
 * <p>The lock tests are skipped on Cairn while it answers the Lease or Lock service with {@code UNIMPLEMENTED}, the
 * election tests while it answers the Lease or Election service so.
 */
@BothServers
class LockElectionConformanceTest extends ConformanceTest {

    /** How long a blocked lock or campaign is watched to make sure it stays blocked. */
    private static final Duration STILL_BLOCKED = Duration.ofMillis(1500);
    /** How long a lock or campaign may take once it is free to proceed, lease expiry included. */
    private static final Duration PROCEEDS_WITHIN = Duration.ofSeconds(10);

    // ---- lock

    @Test
    void aLockIsAKeyUnderTheLockNameNamedAfterTheLeaseAndOwnedByIt() {
        assumeImplemented(EtcdService.LEASE, EtcdService.LOCK);
        long lease = grant(60);

        ByteSequence key = await(cluster.lock().lock(k("lock"), lease)).getKey();

        assertThat(text(key)).isEqualTo(key("lock") + "/" + Long.toHexString(lease));
        KeyValue held = await(kv().get(key)).getKvs().get(0);
        assertThat(held.getLease()).isEqualTo(lease);
        assertThat(held.getVersion()).isEqualTo(1);
        await(cluster.lock().unlock(key));
        assertThat(await(kv().get(key)).getKvs()).as("unlock deletes the key").isEmpty();
    }

    @Test
    void aSecondLockerWaitsUntilTheFirstUnlocks() throws Exception {
        assumeImplemented(EtcdService.LEASE, EtcdService.LOCK);
        ByteSequence first = await(cluster.lock().lock(k("lock"), grant(60))).getKey();

        CompletableFuture<LockResponse> second = cluster.lock().lock(k("lock"), grant(60));
        assertStillBlocked(second, "the second locker while the first holds the lock");
        await(cluster.lock().unlock(first));

        ByteSequence secondKey = second.get(PROCEEDS_WITHIN.toMillis(), TimeUnit.MILLISECONDS).getKey();
        assertThat(text(secondKey)).startsWith(key("lock") + "/").isNotEqualTo(text(first));
        await(cluster.lock().unlock(secondKey));
    }

    @Test
    void aLockHeldWithALeaseThatExpiresIsReleased() throws Exception {
        assumeImplemented(EtcdService.LEASE, EtcdService.LOCK);
        ByteSequence first = await(cluster.lock().lock(k("lock"), grant(2))).getKey();

        CompletableFuture<LockResponse> second = cluster.lock().lock(k("lock"), grant(60));

        ByteSequence secondKey = second.get(PROCEEDS_WITHIN.toMillis(), TimeUnit.MILLISECONDS).getKey();
        assertThat(await(kv().get(first)).getKvs()).as("the expired holder's key").isEmpty();
        await(cluster.lock().unlock(secondKey));
    }

    @Test
    void lockingWithoutALeaseUsesALeaseOfItsOwn() {
        assumeImplemented(EtcdService.LEASE, EtcdService.LOCK);

        String key = rawLock().lock(LockRequest.newBuilder().setName(bs(key("lock"))).build()).getKey().toStringUtf8();

        assertThat(key).startsWith(key("lock") + "/");
        long lease = await(kv().get(bytes(key))).getKvs().get(0).getLease();
        assertThat(lease).isNotZero();
        assertThat(key).isEqualTo(key("lock") + "/" + Long.toHexString(lease));
        rawLock().unlock(UnlockRequest.newBuilder().setKey(bs(key)).build());
    }

    @Test
    void lockErrorsAreUnknownWithTheMessageOfTheUnderlyingError() {
        assumeImplemented(EtcdService.LEASE, EtcdService.LOCK);

        assertFailsWith(Status.Code.UNKNOWN, "etcdserver: requested lease not found",
                () -> rawLock().lock(LockRequest.newBuilder().setName(bs(key("lock"))).setLease(0x7e57_0001L)
                        .build()));
        assertFailsWith(Status.Code.UNKNOWN, "etcdserver: key is not provided",
                () -> rawLock().unlock(UnlockRequest.getDefaultInstance()));
        rawLock().unlock(UnlockRequest.newBuilder().setKey(bs(key("never-locked"))).build());
    }

    // ---- election

    @Test
    void aCampaignWithoutALeaderWinsAndLeaderAnswersItsProposal() {
        assumeImplemented(EtcdService.LEASE, EtcdService.ELECTION);
        long lease = grant(60);

        LeaderKey leader = await(cluster.election().campaign(k("election"), lease, bytes("first"))).getLeader();
        KeyValue current = await(cluster.election().leader(k("election"))).getKv();

        assertThat(text(leader.getName())).isEqualTo(key("election"));
        assertThat(text(leader.getKey())).isEqualTo(key("election") + "/" + Long.toHexString(lease));
        assertThat(leader.getLease()).isEqualTo(lease);
        assertThat(text(current.getKey())).isEqualTo(text(leader.getKey()));
        assertThat(text(current.getValue())).isEqualTo("first");
        assertThat(current.getCreateRevision()).isEqualTo(leader.getRevision());
        assertThat(current.getLease()).isEqualTo(lease);
    }

    @Test
    void proclaimReplacesTheLeadersValue() {
        assumeImplemented(EtcdService.LEASE, EtcdService.ELECTION);
        LeaderKey leader = await(cluster.election().campaign(k("election"), grant(60), bytes("first"))).getLeader();

        await(cluster.election().proclaim(leader, bytes("second")));

        KeyValue current = await(cluster.election().leader(k("election"))).getKv();
        assertThat(text(current.getValue())).isEqualTo("second");
        assertThat(current.getVersion()).isEqualTo(2);
    }

    @Test
    void aSecondCandidateWaitsUntilTheLeaderResigns() throws Exception {
        assumeImplemented(EtcdService.LEASE, EtcdService.ELECTION);
        LeaderKey first = await(cluster.election().campaign(k("election"), grant(60), bytes("first"))).getLeader();

        CompletableFuture<CampaignResponse> second =
                cluster.election().campaign(k("election"), grant(60), bytes("second"));
        assertStillBlocked(second, "the second candidate while the first leads");
        await(cluster.election().resign(first));

        LeaderKey secondLeader = second.get(PROCEEDS_WITHIN.toMillis(), TimeUnit.MILLISECONDS).getLeader();
        assertThat(text(await(cluster.election().leader(k("election"))).getKv().getValue())).isEqualTo("second");
        assertThat(secondLeader.getRevision()).isGreaterThan(first.getRevision());
    }

    @Test
    void aLeaderWhoseLeaseExpiresLosesTheElection() throws Exception {
        assumeImplemented(EtcdService.LEASE, EtcdService.ELECTION);
        await(cluster.election().campaign(k("election"), grant(2), bytes("short-lived")));

        CompletableFuture<CampaignResponse> second =
                cluster.election().campaign(k("election"), grant(60), bytes("survivor"));

        second.get(PROCEEDS_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(text(await(cluster.election().leader(k("election"))).getKv().getValue())).isEqualTo("survivor");
    }

    @Test
    void observeSeesTheCurrentLeaderThenEveryProclamationAndSuccessor() throws Exception {
        assumeImplemented(EtcdService.LEASE, EtcdService.ELECTION);
        LeaderKey first = await(cluster.election().campaign(k("election"), grant(60), bytes("v1"))).getLeader();
        BlockingQueue<Object> observed = new LinkedBlockingQueue<>();
        cluster.election().observe(k("election"), new Election.Listener() {
            @Override
            public void onNext(LeaderResponse response) {
                observed.add(text(response.getKv().getValue()));
            }

            @Override
            public void onError(Throwable throwable) {
                observed.add(throwable);
            }

            @Override
            public void onCompleted() {
                observed.add("completed");
            }
        });

        assertThat(observed.poll(PROCEEDS_WITHIN.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("v1");
        await(cluster.election().proclaim(first, bytes("v2")));
        assertThat(observed.poll(PROCEEDS_WITHIN.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("v2");
        CompletableFuture<?> successor = cluster.election().campaign(k("election"), grant(60), bytes("v3"));
        await(cluster.election().resign(first));
        successor.get(PROCEEDS_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(observed.poll(PROCEEDS_WITHIN.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("v3");
    }

    @Test
    void withoutALeaderLeaderFailsWithNoLeaderAndAFormerLeaderCannotProclaim() {
        assumeImplemented(EtcdService.LEASE, EtcdService.ELECTION);
        LeaderKey former = await(cluster.election().campaign(k("election"), grant(60), bytes("v1"))).getLeader();
        await(cluster.election().resign(former));

        assertThatThrownBy(() -> await(cluster.election().leader(k("election"))))
                .isInstanceOf(NoLeaderException.class);
        assertThatThrownBy(() -> await(cluster.election().proclaim(former, bytes("v2"))))
                .isInstanceOf(NotLeaderException.class);
    }

    @Test
    void electionErrorsAreUnknownWithTheMessageOfTheUnderlyingError() {
        assumeImplemented(EtcdService.LEASE, EtcdService.ELECTION);
        long lease = grant(60);
        io.etcd.jetcd.api.LeaderKey notLeading = io.etcd.jetcd.api.LeaderKey.newBuilder()
                .setName(bs(key("election"))).setKey(bs(key("election") + "/bogus")).setRev(1).setLease(lease).build();

        assertFailsWith(Status.Code.UNKNOWN, "election: no leader",
                () -> rawElection().leader(LeaderRequest.newBuilder().setName(bs(key("election"))).build()));
        assertFailsWith(Status.Code.UNKNOWN, "election: not leader", () -> rawElection().proclaim(
                ProclaimRequest.newBuilder().setLeader(notLeading).setValue(bs("x")).build()));
        assertFailsWith(Status.Code.UNKNOWN, "etcdserver: requested lease not found", () -> rawElection().campaign(
                CampaignRequest.newBuilder().setName(bs(key("election"))).setLease(0x7e57_0002L).setValue(bs("x"))
                        .build()));
        rawElection().resign(ResignRequest.newBuilder().setLeader(notLeading).build());
    }

    // ---- helpers

    private long grant(long ttl) {
        return cluster.rawLease().leaseGrant(LeaseGrantRequest.newBuilder().setTTL(ttl).build()).getID();
    }

    private LockGrpc.LockBlockingStub rawLock() {
        return LockGrpc.newBlockingStub(cluster.channel())
                .withDeadlineAfter(TestCluster.RPC_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    private ElectionGrpc.ElectionBlockingStub rawElection() {
        return ElectionGrpc.newBlockingStub(cluster.channel())
                .withDeadlineAfter(TestCluster.RPC_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void assertStillBlocked(CompletableFuture<?> future, String what) throws InterruptedException {
        try {
            Object result = future.get(STILL_BLOCKED.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError(what + " should still wait, but got " + result);
        } catch (TimeoutException expected) {
            // Still waiting, as it should.
        } catch (ExecutionException e) {
            throw new AssertionError(what + " should still wait, but failed", e.getCause());
        }
    }
}
