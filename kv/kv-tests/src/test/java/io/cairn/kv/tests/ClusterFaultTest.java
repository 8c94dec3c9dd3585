package io.cairn.kv.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.kv.tests.linearizability.History;
import io.cairn.kv.tests.linearizability.LinearizabilityChecker;
import io.cairn.kv.tests.linearizability.Operation;
import io.cairn.kv.tests.linearizability.Outcome;
import io.cairn.kv.tests.linearizability.Report;
import io.cairn.kv.tests.linearizability.Request;
import io.cairn.kv.tests.linearizability.Result;
import io.etcd.jetcd.api.ClusterGrpc;
import io.etcd.jetcd.api.MemberAddRequest;
import io.etcd.jetcd.api.MemberRemoveRequest;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Faults injected into a three-member cluster while concurrent clients write and read through every member: kill -9
 * of the leader, of a follower, a long SIGSTOP of the leader, every member killed and restarted at once, a follower
 * removed and a fresh member added. After each, the recorded history must be linearizable (which covers acknowledged
 * writes that vanished and revisions used twice, since it ends with a linearizable read of every key through every
 * member), no two acknowledged writes may carry the same revision, the running members must converge on the same
 * store (revision, HashKV, keys), and writes must resume — the failover time is recorded by {@link FailoverLog}.
 *
 * <p>The scenarios share one cluster (starting three JVMs is the slowest part of a scenario on a small machine), each
 * on keys of its own, and each begins by checking that every running member holds the same store, so a scenario that
 * left the cluster damaged fails the next one visibly rather than silently. The members snapshot every 100 entries,
 * so restarted members recover from a snapshot plus a log suffix, and the member added in the last scenario cannot
 * catch up from the log alone: it must fetch the store.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFaultTest {

    /** etcd's default election timeout, which the members run with. */
    static final Duration ELECTION_TIMEOUT = Duration.ofMillis(1000);
    /**
     * A liveness bound, not a performance target: writes must resume within this after the fault (after its heal,
     * for a fault no write can outlast).
     */
    private static final Duration FAILOVER_BOUND = Duration.ofSeconds(15);
    /**
     * Restarting every member includes starting three JVMs at once, which on a busy small machine takes up to the
     * cluster's start timeout; the failover bound then applies from the moment they all serve again.
     */
    private static final Duration RESTART_ALL_BOUND = CairnCluster.START_TIMEOUT.plus(FAILOVER_BOUND);
    private static final Duration WARM_UP = Duration.ofSeconds(2);
    private static final Duration AFTER_HEAL = Duration.ofSeconds(2);
    private static final Duration CONVERGENCE = Duration.ofSeconds(30);
    private static final int CLIENTS_PER_MEMBER = 2;
    private static final int KEYS = 5;

    private static CairnCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = CairnCluster.start(3, List.of("--snapshot-count", "100"));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.saveLogs(FailoverLog.directory().resolve("logs"));
            cluster.close();
        }
    }

    /** A fault: what to do, and how it heals (a member restarted, resumed, replaced). */
    private interface Fault {
        void inject();

        void heal();
    }

    @Test
    @Order(1)
    void killNineOfTheLeaderLosesNoAcknowledgedWriteAndANewLeaderTakesWrites() {
        CairnCluster.Member leader = cluster.leader();
        run("kill -9 of the leader", FAILOVER_BOUND, true, new Fault() {
            public void inject() {
                leader.kill();
            }

            public void heal() {
                leader.start();
            }
        });
    }

    @Test
    @Order(2)
    void killNineOfAFollowerKeepsTheClusterWritableAndTheFollowerCatchesUp() {
        CairnCluster.Member follower = cluster.follower();
        run("kill -9 of a follower", FAILOVER_BOUND, true, new Fault() {
            public void inject() {
                follower.kill();
            }

            public void heal() {
                follower.start();
            }
        });
    }

    @Test
    @Order(3)
    void aLongPauseOfTheLeaderElectsAnotherAndTheOldLeaderRejoinsAsFollower() {
        Duration pause = ELECTION_TIMEOUT.multipliedBy(3);
        CairnCluster.Member leader = cluster.leader();
        long[] pausedAt = new long[1];
        run("SIGSTOP of the leader (" + pause.toMillis() + " ms)", FAILOVER_BOUND, true, new Fault() {
            public void inject() {
                pausedAt[0] = System.nanoTime();
                leader.pause();
            }

            public void heal() {
                // writes went through while the leader was paused, so another member leads now
                assertThat(cluster.leader()).as("the member leading while %s is paused", leader).isNotSameAs(leader);
                sleep(Duration.ofNanos(Math.max(0, pausedAt[0] + pause.toNanos() - System.nanoTime())));
                leader.resume();
            }
        });
    }

    @Test
    @Order(4)
    void restartingEveryMemberAtOnceLosesNoAcknowledgedWrite() {
        run("kill -9 of every member, restart all", RESTART_ALL_BOUND, false, new Fault() {
            private final List<CairnCluster.Member> members = running();

            public void inject() {
                members.forEach(CairnCluster.Member::kill);
            }

            public void heal() {
                long launched = System.nanoTime();
                members.forEach(CairnCluster.Member::launch);
                members.forEach(CairnCluster.Member::awaitServing);
                System.out.printf("[cluster-faults] every member serving again %d ms after the relaunch%n",
                        Duration.ofNanos(System.nanoTime() - launched).toMillis());
            }
        });
    }

    @Test
    @Order(5)
    void aRemovedFollowerStopsAndAFreshMemberJoinsAndCatchesUp() {
        CairnCluster.Member follower = cluster.follower();
        long followerId = idOf(follower);
        ClusterWorkload[] workload = new ClusterWorkload[1];
        CairnCluster.Member[] joiner = new CairnCluster.Member[1];
        run("member removed, fresh member added", FAILOVER_BOUND, true, workload, new Fault() {
            public void inject() {
                withCluster(cluster.leader(), stub -> stub.memberRemove(
                        MemberRemoveRequest.newBuilder().setID(followerId).build()));
                follower.removed = true;
                assertThat(follower.awaitExit(Duration.ofSeconds(20)))
                        .as("%s stops itself after it was removed%s", follower, cluster.report()).isTrue();
            }

            public void heal() {
                joiner[0] = cluster.newJoiner("m4");
                withCluster(cluster.leader(), stub -> stub.memberAdd(
                        MemberAddRequest.newBuilder().addPeerURLs(joiner[0].peerUrl()).build()));
                joiner[0].start();
                workload[0].rebind(follower, joiner[0]);
            }
        });
        assertThat(joiner[0].logTail(1000)).as("%s caught up by fetching the store (the log before the last"
                + " snapshot is gone)", joiner[0]).contains("fetched the store from");
    }

    /** The members that run and were not removed. */
    private static List<CairnCluster.Member> running() {
        return cluster.alive().stream().filter(m -> !m.removed).toList();
    }

    private void run(String scenario, Duration bound, boolean resumesBeforeHeal, Fault fault) {
        run(scenario, bound, resumesBeforeHeal, new ClusterWorkload[1], fault);
    }

    /**
     * Runs the clients, injects the fault, waits for writes to resume, heals, and checks the history and the members.
     * {@code workloadOut} receives the running workload, for a fault that must rebind clients.
     */
    private void run(String scenario, Duration bound, boolean resumesBeforeHeal, ClusterWorkload[] workloadOut,
                     Fault fault) {
        String name = scenario.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        String prefix = "/faults/" + name + "/";
        assertThat(cluster.members().stream().filter(m -> !m.removed && !m.isAlive()).toList())
                .as("members that died in an earlier scenario (the cluster is not whole)%s", cluster.report())
                .isEmpty();
        // nothing writes between scenarios, so the revision every member agrees on is the store's revision
        long startRevision = ClusterConvergence.await(running(), CONVERGENCE).getFirst().revision();
        try (ClusterWorkload workload = ClusterWorkload.start(running(), CLIENTS_PER_MEMBER, prefix, KEYS,
                startRevision, scenario.hashCode())) {
            workloadOut[0] = workload;
            long t0 = System.nanoTime();
            sleep(WARM_UP);
            fault.inject();
            // from the moment the fault is certainly in effect (sending a signal takes a moment on a busy machine)
            long faultAt = System.nanoTime();
            progress(scenario, t0, "fault in effect at " + java.time.Instant.now() + ",");
            Duration failover;
            long healedAt;
            if (resumesBeforeHeal) {
                failover = awaitWrites(workload, faultAt, bound, scenario);
                fault.heal();
                healedAt = System.nanoTime();
            } else {
                fault.heal();
                healedAt = System.nanoTime();
                failover = awaitWrites(workload, faultAt, bound, scenario);
            }
            progress(scenario, t0, "healed");
            sleep(AFTER_HEAL);
            workload.stop();

            workload.readEveryKeyThrough(running(), CONVERGENCE);
            History history = workload.history();
            FailoverLog.save(name, history, faultAt);
            List<ClusterConvergence.MemberState> states = ClusterConvergence.await(running(), CONVERGENCE);
            progress(scenario, t0, "converged");

            assertThat(workload.unexpected()).as("unexpected client errors").isEmpty();
            long writesBefore = history.operations().stream()
                    .filter(op -> op.invokedAt() < faultAt && FailoverLog.acknowledgedWrite(op)).count();
            assertThat(writesBefore).as("acknowledged writes before the fault").isPositive();

            long checkStarted = System.nanoTime();
            Report report = LinearizabilityChecker.check(history);
            long checkMillis = Duration.ofNanos(System.nanoTime() - checkStarted).toMillis();
            assertThat(report.isLinearizable()).as("%s: %s%s", scenario, report, cluster.report()).isTrue();
            assertNoRevisionAcknowledgedTwice(history);

            // a fault that cannot resume before it heals (every member down): how long after the heal
            Duration afterHeal = resumesBeforeHeal ? Duration.ZERO
                    : FailoverLog.firstWriteAfter(history, healedAt).orElse(failover);
            FailoverLog.record(scenario, failover, (resumesBeforeHeal ? "" : afterHeal.toMillis()
                    + " ms after every member served again; ") + history + ", checked in " + checkMillis + " ms ("
                    + report.steps() + " steps), members converged at revision " + states.getFirst().revision());
            assertThat(failover).as("%s: writes resumed within %s", scenario, bound).isLessThan(bound);
            assertThat(afterHeal).as("%s: writes resumed within %s of the heal", scenario, FAILOVER_BOUND)
                    .isLessThan(FAILOVER_BOUND);
        }
    }

    private static void progress(String scenario, long since, String what) {
        System.out.printf("[cluster-faults] %s: %s %d ms after the clients started%n", scenario, what,
                Duration.ofNanos(System.nanoTime() - since).toMillis());
    }

    /** Waits until a write invoked after the fault is acknowledged, and returns how long that took from the fault. */
    private static Duration awaitWrites(ClusterWorkload workload, long faultAt, Duration bound, String scenario) {
        long deadline = faultAt + bound.plus(ClusterWorkload.CALL_DEADLINE).toNanos();
        while (System.nanoTime() - deadline < 0) {
            Optional<Duration> failover = FailoverLog.firstWriteAfter(workload.history(), faultAt);
            if (failover.isPresent()) {
                return failover.get();
            }
            sleep(Duration.ofMillis(50));
        }
        throw new AssertionError(scenario + ": no write acknowledged within " + bound + " of the fault"
                + cluster.report());
    }

    /** Every acknowledged write (put, delete of a key, txn that wrote) created a revision of its own. */
    private static void assertNoRevisionAcknowledgedTwice(History history) {
        Map<Long, Operation> byRevision = new HashMap<>();
        List<String> repeats = new ArrayList<>();
        for (Operation op : history.operations()) {
            if (op.outcome() instanceof Outcome.Ok ok && createsRevision(op.request(), ok.response().result())) {
                Operation earlier = byRevision.putIfAbsent(ok.response().revision(), op);
                if (earlier != null) {
                    repeats.add(earlier + "\n  and " + op);
                }
            }
        }
        assertThat(repeats).as("revisions acknowledged to two writes").isEmpty();
    }

    private static boolean createsRevision(Request request, Result result) {
        return switch (request) {
            case Request.Put put -> true;
            case Request.Delete delete -> result instanceof Result.Delete d && d.deleted() > 0;
            case Request.Txn txn -> result instanceof Result.Txn t
                    && (t.succeeded() ? txn.success() : txn.failure()).stream().anyMatch(Request::mayWrite);
            case Request.Get get -> false;
        };
    }

    /** A member's id, from its Status (asked again while a busy machine keeps it from answering in time). */
    private static long idOf(CairnCluster.Member member) {
        long deadline = System.nanoTime() + CONVERGENCE.toNanos();
        while (true) {
            var status = member.status();
            if (status.isPresent()) {
                return status.get().getHeader().getMemberId();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(member + " does not answer Status" + cluster.report());
            }
            sleep(Duration.ofMillis(200));
        }
    }

    private static void withCluster(CairnCluster.Member member,
                                    java.util.function.Consumer<ClusterGrpc.ClusterBlockingStub> call) {
        ManagedChannel ch = channel(member);
        try {
            call.accept(ClusterGrpc.newBlockingStub(ch).withDeadlineAfter(10, TimeUnit.SECONDS));
        } finally {
            ch.shutdownNow();
        }
    }

    private static ManagedChannel channel(CairnCluster.Member member) {
        return NettyChannelBuilder.forAddress("127.0.0.1", member.clientPort).usePlaintext().build();
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
