package io.cairn.kv.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.kv.tests.RecordingKvClient.Reads;
import io.cairn.kv.tests.linearizability.History;
import io.cairn.kv.tests.linearizability.HistoryRecorder;
import io.cairn.kv.tests.linearizability.LinearizabilityChecker;
import io.cairn.kv.tests.linearizability.Report;
import io.cairn.kv.tests.linearizability.Response;
import io.cairn.kv.tests.linearizability.Result;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The linearizability checker catches a real stale read on a real cluster: the leader is paused (SIGSTOP), the others
 * elect a new leader and take new values of a key, and the old leader is asked for the key right as it resumes. A
 * serializable read is served from the old leader's local state, which has not caught up yet, so it returns a value
 * that was overwritten before the read was sent — the checker must call that history NOT_LINEARIZABLE. The same
 * sequence with linearizable reads (read index: the old leader must hear from a quorum first) must be judged
 * LINEARIZABLE.
 *
 * <p>Why a test of the checker on a live cluster: the fault tests' verdicts are only worth something if the checker
 * rejects what a real replica actually does wrong, with the outcomes recorded the way the fault tests record them.
 */
class StaleReadOnOldLeaderTest {

    private static final int ATTEMPTS = 5;
    private static final int WRITES_ON_NEW_LEADER = 3;
    /** Reads sent to the paused old leader, queued in its socket until it resumes, one thread each. */
    private static final int QUEUED_READS = 4;
    /** Further reads sent one after another as soon as it resumed. */
    private static final Duration READS_AFTER_RESUME = Duration.ofMillis(500);

    private static CairnCluster cluster;
    private static int attempt;

    @BeforeAll
    static void startCluster() {
        cluster = CairnCluster.start(3, List.of());
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** What one attempt recorded: the history, and whether a read returned an overwritten value. */
    private record Attempt(History history, boolean staleObserved, String reads) {
    }

    @Test
    void serializableReadsOfAResumedOldLeaderCanBeStaleAndTheCheckerRejectsThem() {
        List<String> seen = new ArrayList<>();
        boolean stale = false;
        for (int i = 0; i < ATTEMPTS && !stale; i++) {
            Attempt a = readThroughResumedOldLeader(Reads.SERIALIZABLE);
            Report report = LinearizabilityChecker.check(a.history());
            seen.add(a.reads() + " -> " + report.verdict());
            if (a.staleObserved()) {
                stale = true;
                assertThat(report.verdict()).as("a stale value was read, yet: %s", report)
                        .isEqualTo(Report.Verdict.NOT_LINEARIZABLE);
                assertThat(report.unplaced()).as(report.toString()).isNotEmpty();
            }
        }
        System.out.println("[cluster-faults] serializable reads of a resumed old leader: " + seen);
        assertThat(stale).as("some attempt read a stale value from the resumed old leader: %s", seen).isTrue();
    }

    @Test
    void linearizableReadsOfAResumedOldLeaderAreLinearizable() {
        for (int i = 0; i < 2; i++) {
            Attempt a = readThroughResumedOldLeader(Reads.LINEARIZABLE);
            Report report = LinearizabilityChecker.check(a.history());
            System.out.println("[cluster-faults] linearizable reads of a resumed old leader: " + a.reads() + " -> "
                    + report.verdict());
            assertThat(a.staleObserved()).as("linearizable reads returned a stale value: %s", a.reads()).isFalse();
            assertThat(report.isLinearizable()).as("%s%s", report, cluster.report()).isTrue();
        }
    }

    /**
     * Writes a key through the leader, pauses it, writes new values through the new leader, then reads the key on the
     * old leader as it resumes, recording everything. Waits for the cluster to converge before returning.
     */
    private Attempt readThroughResumedOldLeader(Reads reads) {
        String key = "/stale/" + reads.name().toLowerCase() + "/" + attempt++;
        CairnCluster.Member old = cluster.leader();
        long startRevision = ClusterConvergence.stateOf(old).revision();
        HistoryRecorder recorder = HistoryRecorder.create(System::nanoTime, startRevision);
        Queue<Response> answers = new ConcurrentLinkedQueue<>();
        String last;
        try (RecordingKvClient onOld = new RecordingKvClient(old, Duration.ofSeconds(5))) {
            assertThat(onOld.execute(recorder.invokePut(0, key, "v0"))).as("first put through %s", old).isPresent();
            // the connection to the old leader is open before it is paused
            assertThat(onOld.execute(recorder.invokeGet(0, key), reads)).isPresent();

            old.pause();
            CairnCluster.Member fresh = cluster.leader();
            try (RecordingKvClient onNew = new RecordingKvClient(fresh, Duration.ofSeconds(5))) {
                last = "v0";
                for (int w = 1; w <= WRITES_ON_NEW_LEADER; w++) {
                    last = "v" + w;
                    while (onNew.execute(recorder.invokePut(1, key, last)).isEmpty()) {
                        ClusterFaultTest.sleep(Duration.ofMillis(100));
                    }
                }
            }

            List<Thread> queued = new ArrayList<>();
            for (int q = 0; q < QUEUED_READS; q++) {
                int client = 2 + q;
                var call = recorder.invokeGet(client, key);
                queued.add(Thread.ofPlatform().start(() -> onOld.execute(call, reads).ifPresent(answers::add)));
            }
            ClusterFaultTest.sleep(Duration.ofMillis(100));
            old.resume();
            long until = System.nanoTime() + READS_AFTER_RESUME.toNanos();
            while (System.nanoTime() - until < 0) {
                onOld.execute(recorder.invokeGet(0, key), reads).ifPresent(answers::add);
            }
            for (Thread t : queued) {
                join(t);
            }
        }
        ClusterConvergence.await(cluster.alive(), Duration.ofSeconds(30));
        String expected = last;
        List<String> values = answers.stream().map(StaleReadOnOldLeaderTest::valueOf).toList();
        boolean stale = values.stream().anyMatch(v -> !v.equals(expected));
        return new Attempt(recorder.history(), stale,
                reads + " reads on " + old + " after " + expected + ": " + values);
    }

    private static String valueOf(Response r) {
        return r.result() instanceof Result.Get g
                ? g.kv().map(kv -> kv.value().toString()).orElse("(absent)") : r.toString();
    }

    private static void join(Thread t) {
        try {
            t.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
