package io.cairn.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every measured watch event's send time and delivery latency, for {@code --delivery-log}: what a histogram cannot
 * say, namely when the slow events happened and whether they came together (a stall ends at one instant, so the
 * events it held arrive together, their latencies falling by the time between their sends).
 *
 * <p>Recording is wait-free and allocates nothing: one slot pair per event in an array sized before the run, so
 * the log does not add collector work to the generator while it measures. Events beyond the capacity are counted
 * but not kept.
 */
final class DeliveryLog {
    /** A log that keeps nothing, for runs without {@code --delivery-log} and for warm-ups. */
    static final DeliveryLog NONE = new DeliveryLog(0);

    private final long[] slots;
    private final AtomicInteger next = new AtomicInteger();

    /** A log for at most {@code capacity} events. */
    DeliveryLog(int capacity) {
        this.slots = new long[Math.multiplyExact(2, capacity)];
    }

    /** One event: the put's send time and the event's latency, both in nanoseconds. */
    void record(long sentNanos, long latencyNanos) {
        if (slots.length == 0) {
            return;
        }
        int i = next.getAndIncrement();
        if (2L * i < slots.length) {
            slots[2 * i] = sentNanos;
            slots[2 * i + 1] = latencyNanos;
        }
    }

    /** Events recorded, kept or not. */
    int recorded() {
        return next.get();
    }

    /**
     * Writes the kept events in the order they were received, one per line: the put's send time in nanoseconds
     * after {@code originNanos} (the first measured put), a space, and the delivery latency in nanoseconds.
     */
    void writeTo(Path file, long originNanos) throws IOException {
        int kept = Math.min(next.get(), slots.length / 2);
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (int i = 0; i < kept; i++) {
                out.write(Long.toString(slots[2 * i] - originNanos));
                out.write(' ');
                out.write(Long.toString(slots[2 * i + 1]));
                out.write('\n');
            }
        }
    }
}
