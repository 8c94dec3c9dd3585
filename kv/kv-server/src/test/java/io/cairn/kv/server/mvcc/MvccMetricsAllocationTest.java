package io.cairn.kv.server.mvcc;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.observe.metrics.Metrics;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Counting the keyspace's operations and commit times allocates nothing per call (the JVM's per-thread allocation
 * counter over many calls; the bound allows the measurement's own few allocations, not one per call).
 */
class MvccMetricsAllocationTest {

    static final int CALLS = 100_000;
    static final long BOUND_BYTES = 16 * 1024;

    @Test
    void recordingOperationsAndCommitsDoesNotAllocate() {
        Metrics registry = Metrics.create();
        MvccMetrics metrics = MvccMetrics.register(registry);

        long allocated = allocatedBy(() -> {
            metrics.put();
            metrics.range();
            metrics.delete();
            metrics.ended(3);
            metrics.committed(1_200_000);
        });

        assertThat(allocated).isLessThan(BOUND_BYTES);
        assertThat(registry.scrape("").text()).contains("etcd_mvcc_put_total " + (2.0 * CALLS));
    }

    /** Runs {@code call} CALLS times to warm up, then measures CALLS more. */
    static long allocatedBy(Runnable call) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        for (int i = 0; i < CALLS; i++) {
            call.run();
        }
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < CALLS; i++) {
            call.run();
        }
        return threads.getThreadAllocatedBytes(thread) - before;
    }
}
