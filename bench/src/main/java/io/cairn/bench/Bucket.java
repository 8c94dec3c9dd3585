package io.cairn.bench;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * One bar of the latency histogram in a report: the values in {@code (from, to]} (the first bar includes
 * {@code from}).
 *
 * <p>Why: etcd prints ten bars between the fastest and the slowest request. Latencies are skewed, so equal-width
 * bars put almost everything in the first one; these bars are spaced logarithmically (each spans the same ratio),
 * which shows the body and the tail of the distribution at once.
 *
 * @param from  lower bound, nanoseconds
 * @param to    upper bound, nanoseconds
 * @param count values in the bar
 */
record Bucket(long from, long to, long count) {

    /** Up to {@code bars} log-spaced bars from the histogram's minimum to its maximum; none for no values. */
    static List<Bucket> logSpaced(Histogram histogram, int bars) {
        if (histogram.getTotalCount() == 0) {
            return List.of();
        }
        long min = Math.max(1, histogram.getMinValue());
        long max = Math.max(min, histogram.getMaxValue());
        int n = histogram.valuesAreEquivalent(min, max) ? 1 : bars;
        long[] upper = new long[n];
        double ratio = (double) max / min;
        for (int i = 0; i < n; i++) {
            upper[i] = i == n - 1 ? max : Math.round(min * Math.pow(ratio, (i + 1) / (double) n));
        }
        long[] counts = new long[n];
        int bar = 0;
        for (HistogramIterationValue v : histogram.recordedValues()) {
            long value = Math.min(v.getValueIteratedTo(), max);
            while (bar < n - 1 && value > upper[bar]) {
                bar++;
            }
            counts[bar] += v.getCountAddedInThisIterationStep();
        }
        List<Bucket> buckets = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            buckets.add(new Bucket(i == 0 ? min : upper[i - 1], upper[i], counts[i]));
        }
        return buckets;
    }
}
