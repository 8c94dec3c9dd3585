package io.cairn.kv.server.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

class RaftCountersTest {

    private static final int CALLS = 100_000;

    @Test
    void proposalsAreCountedPendingUntilAnsweredAndFailuresKept() {
        RaftCounters counters = new RaftCounters();
        counters.proposed();
        counters.proposed();
        counters.answered(true);
        counters.leaderChanged();

        assertThat(counters.pendingProposals()).isEqualTo(1);
        assertThat(counters.failedProposals()).isZero();
        counters.answered(false);
        assertThat(counters.pendingProposals()).isZero();
        assertThat(counters.failedProposals()).isEqualTo(1);
        assertThat(counters.leaderChanges()).isEqualTo(1);
    }

    @Test
    void countingProposalsAndLogAppendsDoesNotAllocate() {
        RaftCounters counters = new RaftCounters();
        LongAdder appends = new LongAdder();
        counters.onLogAppend(nanos -> appends.increment());
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        Runnable call = () -> {
            counters.proposed();
            counters.answered(true);
            counters.logAppended(900_000);
        };
        for (int i = 0; i < CALLS; i++) {
            call.run();
        }
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < CALLS; i++) {
            call.run();
        }

        assertThat(threads.getThreadAllocatedBytes(thread) - before).isLessThan(16 * 1024);
        assertThat(appends.sum()).isEqualTo(2L * CALLS);
    }
}
