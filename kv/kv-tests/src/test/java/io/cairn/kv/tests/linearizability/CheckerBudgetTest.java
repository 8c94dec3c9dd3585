package io.cairn.kv.tests.linearizability;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.kv.tests.linearizability.Report.Verdict;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The checker handles fault-test-sized histories within its default budget, and answers UNKNOWN when out of it. */
class CheckerBudgetTest {

    private static History twoThousandOperations() {
        return new SimulatedRun(new SimpleKv(1), new Random(42), new SimulatedRun.Config(8, 2000, 4, 2, 3)).run();
    }

    @Test
    void aHistoryOfTwoThousandOperationsIsCheckedWithinTheDefaultBudget() {
        Report report = LinearizabilityChecker.check(twoThousandOperations());
        assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.LINEARIZABLE);
    }

    @Test
    void aBudgetOfStepsThatRunsOutGivesUnknownRatherThanAVerdict() {
        Report report = LinearizabilityChecker.create(Budget.steps(100)).verify(twoThousandOperations());
        assertThat(report.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(report.steps()).isEqualTo(101);
        assertThat(report.toString()).startsWith("UNKNOWN after 101 steps");
    }

    @Test
    void aDeadlineOnTheInjectedClockStopsTheSearch() {
        AtomicLong nanos = new AtomicLong();
        Budget oneSecond = Budget.of(Long.MAX_VALUE, Duration.ofSeconds(1), () -> nanos.addAndGet(600_000_000));
        Report report = LinearizabilityChecker.create(oneSecond).verify(twoThousandOperations());
        assertThat(report.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(report.steps()).isEqualTo(2048);
    }
}
