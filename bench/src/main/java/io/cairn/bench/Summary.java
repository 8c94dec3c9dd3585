package io.cairn.bench;

import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The result of one measured part of a run: how many requests (or events), how long, their latencies and errors.
 *
 * <p>Why: every workload reports the same shape, so one text and one JSON formatter serve them all; a workload
 * with several parts (reads and writes, watch creation and delivery) reports several summaries.
 *
 * @param name       what was measured ({@code put}, {@code read}, {@code watch-events}, ...)
 * @param unit       what is counted, plural ({@code requests}, {@code events})
 * @param succeeded  requests that succeeded (events delivered, for watches)
 * @param errors     failed requests by gRPC status code
 * @param nanos      the measured time, first request sent to last response received
 * @param latency    latencies of the successful requests, in nanoseconds
 */
record Summary(String name, String unit, long succeeded, Map<String, ErrorCounts.Tally> errors, long nanos,
        Histogram latency) {

    /** A part that did not run. */
    static Summary empty(String name, String unit) {
        return new Summary(name, unit, 0, Map.of(), 0, new Histogram(3));
    }

    Summary {
        errors = Map.copyOf(errors);
        latency = latency.copy();
    }

    /** Failed requests. */
    long failed() {
        return errors.values().stream().mapToLong(ErrorCounts.Tally::count).sum();
    }

    /** Requests sent: succeeded plus failed. */
    long total() {
        return succeeded + failed();
    }

    /** Elapsed seconds. */
    double seconds() {
        return nanos / 1e9;
    }

    /** Successful requests per second. */
    double perSecond() {
        return nanos == 0 ? 0 : succeeded / seconds();
    }

    @Override
    public Histogram latency() {
        return latency.copy();
    }
}
