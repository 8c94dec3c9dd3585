package io.cairn.bench;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * Latencies of successful requests and counts of failed ones, recorded concurrently.
 *
 * <p>Why: the recording half of a {@link Summary}. Writers on several network threads never block each other
 * (HdrHistogram's {@link Recorder} is wait-free for writers); the summary is taken once, after the run.
 */
final class LatencyTally {

    private final Recorder recorder = new Recorder(3);
    private final LongAdder succeeded = new LongAdder();
    private final ErrorCounts errors = new ErrorCounts();

    /** Records one success that took {@code nanos}. */
    void succeeded(long nanos) {
        recorder.recordValue(Math.max(0, nanos));
        succeeded.increment();
    }

    /** Records one failure. */
    void failed(Throwable error) {
        errors.add(error);
    }

    /** Records {@code count} failures with the given code name and example message. */
    void failed(String code, String message, long count) {
        errors.add(code, message, count);
    }

    /** Successes so far. */
    long successes() {
        return succeeded.sum();
    }

    /** The summary of everything recorded; call once, when recording is over. */
    Summary summary(String name, String unit, long nanos) {
        return new Summary(name, unit, succeeded.sum(), errors.snapshot(), nanos, recorder.getIntervalHistogram());
    }
}
