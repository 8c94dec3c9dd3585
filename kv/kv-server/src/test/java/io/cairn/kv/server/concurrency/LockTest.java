package io.cairn.kv.server.concurrency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.KeyValue;
import io.etcd.jetcd.api.LeaseRevokeRequest;
import io.etcd.jetcd.api.LeaseTimeToLiveRequest;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RangeResponse;
import io.etcd.jetcd.api.lock.LockRequest;
import io.etcd.jetcd.api.lock.LockResponse;
import io.etcd.jetcd.api.lock.UnlockRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Lock service, each behaviour checked on etcd's own service and on Cairn's. */
@ExtendWith(SidesExtension.class)
class LockTest {

    private static Sides sides;

    @BeforeAll
    static void share(Sides shared) {
        sides = shared;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Side.class)
    void lockOnAFreeNameAnswersAtOnceWithTheNameSlashLeaseInHexAsKey(Side side) {
        ByteString name = Sides.uniqueName("free", side);
        long lease = sides.grant(side, 30);

        LockResponse locked = lock(side, name, lease);

        assertThat(locked.getKey().toStringUtf8()).isEqualTo(name.toStringUtf8() + "/" + Long.toHexString(lease));
        KeyValue kv = get(side, locked.getKey()).getKvs(0);
        assertThat(kv.getLease()).isEqualTo(lease);
        assertThat(kv.getValue()).isEmpty();
        assertThat(locked.getHeader().getRevision()).isEqualTo(kv.getCreateRevision());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Side.class)
    void aSecondLeaseWaitsUntilTheHolderUnlocks(Side side) throws Exception {
        ByteString name = Sides.uniqueName("contended", side);
        LockResponse first = lock(side, name, sides.grant(side, 30));
        ListenableFuture<LockResponse> second = lockAsync(side, name, sides.grant(side, 30));
        assertStillWaiting(second);

        long unlockedAt = sides.lock(side).unlock(UnlockRequest.newBuilder().setKey(first.getKey()).build())
                .getHeader().getRevision();

        LockResponse acquired = second.get(10, TimeUnit.SECONDS);
        assertThat(get(side, acquired.getKey()).getKvsCount()).isOne();
        assertThat(acquired.getHeader().getRevision()).isGreaterThanOrEqualTo(unlockedAt);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Side.class)
    void waitersGetTheLockInTheOrderTheyAsked(Side side) throws Exception {
        ByteString name = Sides.uniqueName("fifo", side);
        LockResponse first = lock(side, name, sides.grant(side, 30));
        ListenableFuture<LockResponse> second = lockAsync(side, name, sides.grant(side, 30));
        assertStillWaiting(second);
        ListenableFuture<LockResponse> third = lockAsync(side, name, sides.grant(side, 30));
        assertStillWaiting(third);

        unlock(side, first.getKey());
        LockResponse secondHolds = second.get(10, TimeUnit.SECONDS);
        assertStillWaiting(third);
        unlock(side, secondHolds.getKey());

        assertThat(third.get(10, TimeUnit.SECONDS).getKey()).isNotEqualTo(secondHolds.getKey());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Side.class)
    void lockingAgainUnderTheSameLeaseReturnsTheSameKeyAtOnce(Side side) {
        ByteString name = Sides.uniqueName("reentrant", side);
        long lease = sides.grant(side, 30);
        LockResponse first = lock(side, name, lease);

        LockResponse again = lock(side, name, lease);

        assertThat(again.getKey()).isEqualTo(first.getKey());
        assertThat(get(side, first.getKey()).getKvs(0).getCreateRevision()).isEqualTo(first.getHeader().getRevision());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Side.class)
    void revokingTheHoldersLeaseHandsTheLockToTheNextWaiter(Side side) throws Exception {
        ByteString name = Sides.uniqueName("revoked", side);
        long holder = sides.grant(side, 30);
        lock(side, name, holder);
        ListenableFuture<LockResponse> next = lockAsync(side, name, sides.grant(side, 30));
        assertStillWaiting(next);

        sides.lease(side).leaseRevoke(LeaseRevokeRequest.newBuilder().setID(holder).build());

        assertThat(next.get(10, TimeUnit.SECONDS).getKey()).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Side.class)
    void aWaiterWhoseDeadlinePassesGivesUpAndLeavesNoKeyBehind(Side side) throws Exception {
        ByteString name = Sides.uniqueName("deadline", side);
        lock(side, name, sides.grant(side, 30));
        long waiter = sides.grant(side, 30);
        ByteString waiterKey = ByteString.copyFromUtf8(name.toStringUtf8() + "/" + Long.toHexString(waiter));

        assertThatThrownBy(() -> sides.lock(side).withDeadlineAfter(500, TimeUnit.MILLISECONDS)
                .lock(LockRequest.newBuilder().setName(name).setLease(waiter).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    // which side notices the deadline first is a race: the client reports DEADLINE_EXCEEDED, a
                    // server that gave up first answers with its context error (etcd: UNKNOWN "context deadline
                    // exceeded"); both mean the waiter gave up
                    if (e.getStatus().getCode() != Status.Code.DEADLINE_EXCEEDED) {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN);
                        assertThat(e.getStatus().getDescription()).contains("deadline exceeded");
                    }
                });

        awaitGone(side, waiterKey);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Side.class)
    void aWaiterThatCancelsLeavesNoKeyBehind(Side side) throws Exception {
        ByteString name = Sides.uniqueName("cancel", side);
        lock(side, name, sides.grant(side, 30));
        long waiter = sides.grant(side, 30);
        ByteString waiterKey = ByteString.copyFromUtf8(name.toStringUtf8() + "/" + Long.toHexString(waiter));
        ListenableFuture<LockResponse> waiting = lockAsync(side, name, waiter);
        assertStillWaiting(waiting);
        assertThat(get(side, waiterKey).getKvsCount()).isOne();

        waiting.cancel(true);

        awaitGone(side, waiterKey);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Side.class, names = {"ETCD", "CAIRN_OVER_ETCD"})
    void aWaiterThatCancelsLeavesNoWatcherBehind(Side side) throws Exception {
        ByteString name = Sides.uniqueName("cancel-watch", side);
        lock(side, name, sides.grant(side, 30));
        long before = sides.etcd().watchers();
        ListenableFuture<LockResponse> waiting = lockAsync(side, name, sides.grant(side, 30));
        awaitWatchers(before + 1);

        waiting.cancel(true);

        awaitWatchers(before);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Side.class)
    void lockWithoutALeaseBindsTheKeyToANewSixtySecondLease(Side side) {
        LockResponse locked = lock(side, Sides.uniqueName("no-lease", side), 0);

        long lease = get(side, locked.getKey()).getKvs(0).getLease();
        assertThat(lease).isNotZero();
        assertThat(locked.getKey().toStringUtf8()).endsWith("/" + Long.toHexString(lease));
        long granted = sides.lease(side).leaseTimeToLive(LeaseTimeToLiveRequest.newBuilder().setID(lease).build())
                .getGrantedTTL();
        assertThat(granted).isEqualTo(60);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Side.class)
    void lockWithAnUnknownLeaseFailsWithEtcdsLeaseNotFoundMessageAsUnknown(Side side) {
        assertThatThrownBy(() -> lock(side, Sides.uniqueName("unknown-lease", side), 0x7e57))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN);
                    assertThat(e.getStatus().getDescription()).isEqualTo("etcdserver: requested lease not found");
                });
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Side.class)
    void unlockingAKeyThatIsGoneSucceeds(Side side) {
        long revision = sides.lock(side).unlock(UnlockRequest.newBuilder()
                .setKey(Sides.uniqueName("never-locked", side)).build()).getHeader().getRevision();

        assertThat(revision).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Side.class)
    void unlockWithoutAKeyFailsWithEtcdsEmptyKeyMessageAsUnknown(Side side) {
        assertThatThrownBy(() -> sides.lock(side).unlock(UnlockRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN);
                    assertThat(e.getStatus().getDescription()).isEqualTo("etcdserver: key is not provided");
                });
    }

    /** etcd 3.5's mutex checks its key still exists once its turn comes; etcd 3.4 (the oracle here) did not. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Side.class, names = {"CAIRN_OVER_ETCD", "CAIRN"})
    void aWaiterWhoseLeaseExpiresMeanwhileFailsWithSessionExpiredWhenItsTurnComes(Side side) throws Exception {
        ByteString name = Sides.uniqueName("expired", side);
        LockResponse holder = lock(side, name, sides.grant(side, 30));
        long waiter = sides.grant(side, 30);
        ListenableFuture<LockResponse> waiting = lockAsync(side, name, waiter);
        assertStillWaiting(waiting);
        sides.lease(side).leaseRevoke(LeaseRevokeRequest.newBuilder().setID(waiter).build());

        unlock(side, holder.getKey());

        assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN);
                    assertThat(e.getStatus().getDescription()).isEqualTo("mutex: session is expired");
                });
    }

    private static LockResponse lock(Side side, ByteString name, long lease) {
        return sides.lock(side).lock(LockRequest.newBuilder().setName(name).setLease(lease).build());
    }

    private static ListenableFuture<LockResponse> lockAsync(Side side, ByteString name, long lease) {
        return sides.lockAsync(side).lock(LockRequest.newBuilder().setName(name).setLease(lease).build());
    }

    private static void unlock(Side side, ByteString key) {
        sides.lock(side).unlock(UnlockRequest.newBuilder().setKey(key).build());
    }

    private static RangeResponse get(Side side, ByteString key) {
        return sides.kv(side).range(RangeRequest.newBuilder().setKey(key).build());
    }

    private static void assertStillWaiting(ListenableFuture<?> future) throws Exception {
        assertThatThrownBy(() -> future.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
    }

    private static void awaitWatchers(long expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (sides.etcd().watchers() != expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(sides.etcd().watchers()).as("watchers open in etcd").isEqualTo(expected);
    }

    private static void awaitGone(Side side, ByteString key) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (get(side, key).getKvsCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(get(side, key).getKvsCount()).as("waiter's key after it gave up").isZero();
    }
}
