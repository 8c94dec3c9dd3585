package io.cairn.kv.tests;

import static io.cairn.kv.tests.Requests.bs;
import static io.cairn.kv.tests.RpcErrors.assertFailsWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.api.Event;
import io.etcd.jetcd.api.LeaseGrantRequest;
import io.etcd.jetcd.api.LeaseGrantResponse;
import io.etcd.jetcd.api.LeaseGrpc;
import io.etcd.jetcd.api.LeaseKeepAliveRequest;
import io.etcd.jetcd.api.LeaseKeepAliveResponse;
import io.etcd.jetcd.api.LeaseRevokeRequest;
import io.etcd.jetcd.api.LeaseTimeToLiveRequest;
import io.etcd.jetcd.api.LeaseTimeToLiveResponse;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.TxnRequest;
import io.etcd.jetcd.api.WatchResponse;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.LeaseOption;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Leases: grant (server- and client-chosen ids, the TTL bounds), attaching keys with a put, TimeToLive, the lease
 * list, keep-alive, revoke and expiry, which delete every attached key in one revision.
 *
 * <p>Skipped on Cairn while it answers the Lease service with {@code UNIMPLEMENTED}.
 */
@BothServers
class LeaseConformanceTest extends ConformanceTest {

    private static final String LEASE_NOT_FOUND = "etcdserver: requested lease not found";
    /** The longest a lease of the minimum TTL (2 s) may take to expire and delete its keys. */
    private static final Duration EXPIRY_BOUND = Duration.ofSeconds(10);

    /** Lease ids chosen by the tests: distinct per test, far from the ids the servers choose. */
    private long nextId = 0x7e57_0000_0000_0000L;

    @BeforeEach
    void requireLeaseService() {
        assumeImplemented(EtcdService.LEASE);
        nextId += 0x1000;
    }

    // ---- grant

    @Test
    void aGrantWithoutAnIdGetsAPositiveServerChosenIdAndTheRequestedTtl() {
        LeaseGrantResponse first = grant(LeaseGrantRequest.newBuilder().setTTL(60));
        LeaseGrantResponse second = grant(LeaseGrantRequest.newBuilder().setTTL(60));

        assertThat(first.getID()).isPositive();
        assertThat(second.getID()).isPositive().isNotEqualTo(first.getID());
        assertThat(first.getTTL()).isEqualTo(60);
        assertThat(first.getError()).isEmpty();
        assertThat(await(cluster.leases().grant(30)).getTTL()).as("through jetcd").isEqualTo(30);
    }

    @Test
    void aGrantWithAClientChosenIdUsesItAndASecondGrantOfThatIdFailsWithLeaseAlreadyExists() {
        long id = nextId();

        LeaseGrantResponse granted = grant(LeaseGrantRequest.newBuilder().setID(id).setTTL(60));

        assertThat(granted.getID()).isEqualTo(id);
        assertThat(granted.getTTL()).isEqualTo(60);
        assertFailsWith(Status.Code.FAILED_PRECONDITION, "etcdserver: lease already exists",
                () -> grant(LeaseGrantRequest.newBuilder().setID(id).setTTL(30)));
    }

    @Test
    void aGrantDoesNotAdvanceTheRevision() {
        long before = cluster.currentRevision();

        LeaseGrantResponse granted = grant(LeaseGrantRequest.newBuilder().setTTL(60));

        assertThat(granted.getHeader().getRevision()).isEqualTo(before);
        assertThat(cluster.currentRevision()).isEqualTo(before);
    }

    @Test
    void aTtlBelowTheMinimumIsRaisedToTwoSeconds() {
        for (long ttl : new long[] {1, 0, -5}) {
            long id = nextId();

            LeaseGrantResponse granted = grant(LeaseGrantRequest.newBuilder().setID(id).setTTL(ttl));

            assertThat(granted.getTTL()).as("TTL granted for %d", ttl).isEqualTo(2);
            assertThat(timeToLive(id, false).getGrantedTTL()).as("granted TTL of the lease asked for %d", ttl)
                    .isEqualTo(2);
        }
    }

    @Test
    void aTtlAboveNineBillionSecondsFailsWithTooLargeLeaseTtl() {
        assertFailsWith(Status.Code.OUT_OF_RANGE, "etcdserver: too large lease TTL",
                () -> grant(LeaseGrantRequest.newBuilder().setID(nextId()).setTTL(9_000_000_001L)));
        assertThat(grant(LeaseGrantRequest.newBuilder().setID(nextId()).setTTL(9_000_000_000L)).getTTL())
                .as("the maximum itself is granted").isEqualTo(9_000_000_000L);
    }

    // ---- attaching keys

    @Test
    void aPutWithALeaseAttachesTheKeyAndTimeToLiveListsItsKeys() {
        long id = await(cluster.leases().grant(60)).getID();

        put("a", id);
        put("b", id);
        put("c", 0);

        assertThat(await(kv().get(k("a"))).getKvs().get(0).getLease()).isEqualTo(id);
        assertThat(await(kv().get(k("c"))).getKvs().get(0).getLease()).isZero();
        List<String> keys = await(cluster.leases().timeToLive(id, LeaseOption.builder().withAttachedKeys().build()))
                .getKeys().stream().map(ConformanceTest::text).toList();
        assertThat(keys).containsExactlyInAnyOrder(key("a"), key("b"));
        assertThat(timeToLive(id, false).getKeysList()).as("keys only when asked for").isEmpty();
    }

    @Test
    void aPutWithAnUnknownLeaseFailsWithLeaseNotFound() {
        long unknown = nextId();

        assertFailsWith(Status.Code.NOT_FOUND, LEASE_NOT_FOUND, () -> put("a", unknown));
        assertFailsWith(Status.Code.NOT_FOUND, LEASE_NOT_FOUND, () -> raw().txn(TxnRequest.newBuilder()
                .addSuccess(RequestOp.newBuilder().setRequestPut(PutRequest.newBuilder().setKey(bs(key("b")))
                        .setValue(bs("v")).setLease(unknown))).build()));
        assertThat(await(kv().get(k(""), GetOption.builder().isPrefix(true).build())).getKvs())
                .isEmpty();
    }

    @Test
    void aPutMovingAKeyToAnotherLeaseOrToNoLeaseDetachesItFromTheFirst() {
        long first = grant(LeaseGrantRequest.newBuilder().setID(nextId()).setTTL(60)).getID();
        long second = grant(LeaseGrantRequest.newBuilder().setID(nextId()).setTTL(60)).getID();
        put("moved", first);
        put("unleased", first);

        put("moved", second);
        put("unleased", 0);
        revoke(first);

        assertThat(timeToLive(second, true).getKeysList()).extracting(b -> b.toStringUtf8())
                .containsExactly(key("moved"));
        assertThat(await(kv().get(k("moved"))).getKvs()).as("not deleted with the first lease").hasSize(1);
        assertThat(await(kv().get(k("unleased"))).getKvs()).as("not deleted with the first lease").hasSize(1);
    }

    @Test
    void deletingAKeyDetachesItFromItsLease() {
        long id = grant(LeaseGrantRequest.newBuilder().setID(nextId()).setTTL(60)).getID();
        put("kept", id);
        put("deleted", id);

        await(kv().delete(k("deleted")));

        assertThat(timeToLive(id, true).getKeysList()).extracting(b -> b.toStringUtf8())
                .containsExactly(key("kept"));
    }

    // ---- TimeToLive and the lease list

    @Test
    void timeToLiveReportsTheRemainingSecondsRoundedDownAndTheGrantedTtl() {
        long id = grant(LeaseGrantRequest.newBuilder().setID(nextId()).setTTL(60)).getID();

        LeaseTimeToLiveResponse ttl = timeToLive(id, false);

        assertThat(ttl.getID()).isEqualTo(id);
        assertThat(ttl.getGrantedTTL()).isEqualTo(60);
        assertThat(ttl.getTTL()).as("a moment after the grant, etcd reports 59").isBetween(56L, 59L);
    }

    @Test
    void timeToLiveOfAnUnknownLeaseReportsTtlMinusOne() {
        long unknown = nextId();

        LeaseTimeToLiveResponse raw = timeToLive(unknown, true);

        assertThat(raw.getID()).isEqualTo(unknown);
        assertThat(raw.getTTL()).isEqualTo(-1);
        assertThat(raw.getGrantedTTL()).isZero();
        assertThat(raw.getKeysList()).isEmpty();
        assertThat(await(cluster.leases().timeToLive(unknown, LeaseOption.DEFAULT)).getTTL()).isEqualTo(-1);
    }

    @Test
    void theLeaseListHoldsEveryLiveLeaseAndNoRevokedOne() {
        long kept = grant(LeaseGrantRequest.newBuilder().setID(nextId()).setTTL(60)).getID();
        long revoked = grant(LeaseGrantRequest.newBuilder().setID(nextId()).setTTL(60)).getID();
        long serverChosen = grant(LeaseGrantRequest.newBuilder().setTTL(60)).getID();

        revoke(revoked);
        LeaseLeasesCall.Answer leases = LeaseLeasesCall.call(cluster.channel());

        assertThat(leases.ids()).contains(kept, serverChosen).doesNotContain(revoked);
        assertThat(leases.header().getRevision()).isEqualTo(cluster.currentRevision());
    }

    // ---- keep-alive

    @Test
    void aKeepAliveAnswersWithTheGrantedTtlAndRestartsTheCountdown() throws InterruptedException {
        long id = grant(LeaseGrantRequest.newBuilder().setID(nextId()).setTTL(10)).getID();
        Thread.sleep(2_100);
        long before = timeToLive(id, false).getTTL();

        LeaseKeepAliveResponse kept = keepAliveOnce(id);
        long after = timeToLive(id, false).getTTL();

        assertThat(before).isLessThanOrEqualTo(7);
        assertThat(kept.getID()).isEqualTo(id);
        assertThat(kept.getTTL()).isEqualTo(10);
        assertThat(after).isBetween(8L, 9L);
        assertThat(await(cluster.leases().keepAliveOnce(id)).getTTL()).as("through jetcd").isEqualTo(10);
    }

    @Test
    void aKeepAliveOfAnUnknownLeaseAnswersTtlZero() {
        long unknown = nextId();

        LeaseKeepAliveResponse response = keepAliveOnce(unknown);

        assertThat(response.getID()).isEqualTo(unknown);
        assertThat(response.getTTL()).isZero();
        assertFailsWith(Status.Code.NOT_FOUND, LEASE_NOT_FOUND, () -> await(cluster.leases().keepAliveOnce(unknown)));
    }

    // ---- revoke and expiry

    @Test
    void revokingALeaseDeletesAllItsKeysInOneRevision() {
        long id = grant(LeaseGrantRequest.newBuilder().setID(nextId()).setTTL(60)).getID();
        put("k/1", id);
        put("k/2", id);
        put("k/3", id);
        put("k/unleased", 0);
        RawWatchStream stream = cluster.rawWatchStream();
        try {
            stream.createAndAwait(RawWatchStream.request(key("k/"), key("k0")));
            long before = cluster.currentRevision();

            long revoked = revoke(id);

            assertThat(revoked).isEqualTo(before + 1);
            assertDeletedTogether(stream.next(), revoked, key("k/1"), key("k/2"), key("k/3"));
            stream.assertNothingFor(Duration.ofMillis(500));
        } finally {
            stream.close();
        }
        assertThat(await(kv().get(k("k/unleased"))).getKvs()).hasSize(1);
        assertThat(timeToLive(id, false).getTTL()).isEqualTo(-1);
    }

    @Test
    void revokingALeaseWithoutKeysDoesNotAdvanceTheRevision() {
        long id = grant(LeaseGrantRequest.newBuilder().setID(nextId()).setTTL(60)).getID();
        long before = cluster.currentRevision();

        long revoked = revoke(id);

        assertThat(revoked).isEqualTo(before);
        assertThat(cluster.currentRevision()).isEqualTo(before);
    }

    @Test
    void revokingAnUnknownOrAlreadyRevokedLeaseFailsWithLeaseNotFound() {
        long id = grant(LeaseGrantRequest.newBuilder().setID(nextId()).setTTL(60)).getID();
        revoke(id);

        assertFailsWith(Status.Code.NOT_FOUND, LEASE_NOT_FOUND, () -> revoke(id));
        assertFailsWith(Status.Code.NOT_FOUND, LEASE_NOT_FOUND, () -> await(cluster.leases().revoke(nextId())));
    }

    @Test
    void anExpiredLeaseDeletesAllItsKeysInOneRevisionAfterItsTtl() {
        RawWatchStream stream = cluster.rawWatchStream();
        try {
            stream.createAndAwait(RawWatchStream.request(key("k/"), key("k0")));
            long start = System.nanoTime();
            long id = grant(LeaseGrantRequest.newBuilder().setID(nextId()).setTTL(2)).getID();
            long first = put("k/1", id);
            put("k/2", id);
            stream.nextEvents(2);

            WatchResponse deletes = stream.next(EXPIRY_BOUND);
            Duration expiredAfter = Duration.ofNanos(System.nanoTime() - start);

            assertThat(expiredAfter).as("not before its TTL of 2 s").isGreaterThanOrEqualTo(Duration.ofMillis(1900));
            assertDeletedTogether(deletes, first + 2, key("k/1"), key("k/2"));
            assertThat(timeToLive(id, true).getTTL()).isEqualTo(-1);
            assertThat(await(kv().get(k("k/1"))).getKvs()).isEmpty();
            stream.assertNothingFor(Duration.ofMillis(500));
        } finally {
            stream.close();
        }
    }

    // ---- helpers

    private long nextId() {
        return ++nextId;
    }

    private LeaseGrantResponse grant(LeaseGrantRequest.Builder request) {
        return cluster.rawLease().leaseGrant(request.build());
    }

    private LeaseTimeToLiveResponse timeToLive(long id, boolean keys) {
        return cluster.rawLease().leaseTimeToLive(LeaseTimeToLiveRequest.newBuilder().setID(id).setKeys(keys).build());
    }

    /** Revokes a lease and returns the revision of the answer's header. */
    private long revoke(long id) {
        return cluster.rawLease().leaseRevoke(LeaseRevokeRequest.newBuilder().setID(id).build()).getHeader()
                .getRevision();
    }

    private long put(String name, long lease) {
        return raw().put(PutRequest.newBuilder().setKey(bs(key(name))).setValue(bs("v")).setLease(lease).build())
                .getHeader().getRevision();
    }

    /** Sends one keep-alive on a fresh raw LeaseKeepAlive stream and returns the answer. */
    private LeaseKeepAliveResponse keepAliveOnce(long id) {
        BlockingQueue<Object> answers = new LinkedBlockingQueue<>();
        StreamObserver<LeaseKeepAliveRequest> requests = LeaseGrpc.newStub(cluster.channel())
                .withDeadlineAfter(TestCluster.RPC_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                .leaseKeepAlive(new StreamObserver<>() {
                    @Override
                    public void onNext(LeaseKeepAliveResponse response) {
                        answers.add(response);
                    }

                    @Override
                    public void onError(Throwable t) {
                        answers.add(t);
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
        requests.onNext(LeaseKeepAliveRequest.newBuilder().setID(id).build());
        try {
            Object answer = answers.poll(TestCluster.RPC_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            if (answer instanceof LeaseKeepAliveResponse response) {
                return response;
            }
            throw new AssertionError("a keep-alive of lease " + id + " was answered with " + answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            requests.onCompleted();
        }
    }

    private static void assertDeletedTogether(WatchResponse response, long revision, String... keys) {
        assertThat(response.getEventsList()).as("one response with every deletion").hasSize(keys.length);
        assertThat(response.getEventsList()).extracting(e -> e.getKv().getKey().toStringUtf8())
                .containsExactlyInAnyOrder(keys);
        assertThat(response.getEventsList()).allSatisfy(e -> {
            assertThat(e.getType()).isEqualTo(Event.EventType.DELETE);
            assertThat(e.getKv().getModRevision()).as("the revision of the deletion").isEqualTo(revision);
        });
    }
}
