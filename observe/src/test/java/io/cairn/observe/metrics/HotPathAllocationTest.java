package io.cairn.observe.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Recording through a bound handle must not allocate. Measured with the JVM's per-thread allocation counter over
 * many calls; the bound allows the measurement's own few allocations but not one per call.
 */
class HotPathAllocationTest {

    private static final int CALLS = 100_000;
    private static final long BOUND_BYTES = 16 * 1024;

    private final Metrics metrics = Metrics.create();

    @Test
    void incrementingABoundCounterDoesNotAllocate() {
        Counter plain = metrics.counter("cairn_plain_total", "Plain.");
        Counter labelled = metrics.counterFamily("cairn_labelled_total", "Labelled.", "method", "code")
                .labels("Range", "OK");

        long allocated = allocatedBy(() -> {
            plain.inc();
            labelled.inc();
        });

        assertThat(allocated).isLessThan(BOUND_BYTES);
        assertThat(plain.value()).isEqualTo(2.0 * CALLS);
    }

    @Test
    void settingAGaugeAndObservingAHistogramDoNotAllocate() {
        Gauge gauge = metrics.gauge("cairn_pending", "Pending.");
        Histogram histogram = metrics.histogramFamily("cairn_latency_seconds", "Latency.",
                Buckets.exponential(0.0001, 2, 20), "op").labels("put");

        long allocated = allocatedBy(() -> {
            gauge.inc();
            histogram.observeNanos(1_500_000);
        });

        assertThat(allocated).isLessThan(BOUND_BYTES);
        assertThat(histogram.count()).isEqualTo(2L * CALLS);
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
