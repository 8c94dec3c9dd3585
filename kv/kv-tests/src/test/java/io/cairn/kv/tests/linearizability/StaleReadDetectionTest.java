package io.cairn.kv.tests.linearizability;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.kv.tests.linearizability.ReplicatedKv.Reads;
import io.cairn.kv.tests.linearizability.Report.Verdict;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The checker catches a deliberately broken store: reads served from the local state of an old leader cut off from
 * the cluster, as a serializable read on a paused old leader would be. The same run with reads served by the
 * current leader passes, so the verdict is about the stale reads and nothing else.
 */
class StaleReadDetectionTest {

    private static final LinearizabilityChecker CHECKER = LinearizabilityChecker.create(Budget.steps(2_000_000));
    private static final SimulatedRun.Config RUN = new SimulatedRun.Config(4, 150, 3, 2, 4);

    private static Report check(Reads reads, long seed) {
        History history = new SimulatedRun(new ReplicatedKv(reads, 30), new Random(seed), RUN).run();
        return CHECKER.verify(history);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    void readsFromAPartitionedOldLeaderAreNotLinearizable(long seed) {
        Report report = check(Reads.OLD_LEADER, seed);
        assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(report.unplaced()).as(report.toString()).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    void readsFromTheCurrentLeaderAreLinearizable(long seed) {
        Report report = check(Reads.CURRENT_LEADER, seed);
        assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.LINEARIZABLE);
    }
}
