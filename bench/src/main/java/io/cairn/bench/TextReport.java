package io.cairn.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Formats a {@link Report} for people: per summary the count, time and rate, latency percentiles, a small
 * histogram and the errors; then the counters and problems.
 *
 * <p>Why: close to etcd's benchmark output (Summary, histogram, latency distribution, error distribution) so the
 * two read alike, but with the percentiles that matter for a store (p50, p90, p99, p99.9, max) taken from an
 * HdrHistogram instead of a sorted list of every latency.
 */
final class TextReport {

    /** The percentiles every summary shows, besides the maximum. */
    static final double[] PERCENTILES = {50, 90, 99, 99.9};

    private static final int BARS = 10;
    private static final int BAR_WIDTH = 40;

    private TextReport() {
    }

    /** The whole report as lines of text, ending with a newline. */
    static String format(Report report) {
        StringBuilder out = new StringBuilder();
        for (Summary part : report.parts()) {
            summary(out, part);
            out.append('\n');
        }
        summary(out, report.headline());
        if (!report.counters().isEmpty()) {
            out.append("\nCounts:\n");
            report.counters().forEach((name, value) -> out.append(String.format(Locale.ROOT, "  %-26s %d%n",
                    name + ":", value)));
        }
        for (String problem : report.problems()) {
            out.append("\nFAILED: ").append(problem).append('\n');
        }
        return out.toString();
    }

    private static void summary(StringBuilder out, Summary s) {
        Histogram h = s.latency();
        out.append("Summary (").append(s.name()).append("):\n");
        out.append(String.format(Locale.ROOT, "  Total:        %d %s in %.4f secs (%d errors)%n",
                s.total(), s.unit(), s.seconds(), s.failed()));
        out.append(String.format(Locale.ROOT, "  %-14s%.1f%n", capitalized(s.unit()) + "/sec:", s.perSecond()));
        if (h.getTotalCount() > 0) {
            out.append(String.format(Locale.ROOT, "  Latency:      min %s, mean %s, stddev %s ms%n",
                    ms(h.getMinValue()), ms(h.getMean()), ms(h.getStdDeviation())));
            out.append("\nLatency distribution:\n");
            for (double p : PERCENTILES) {
                out.append(String.format(Locale.ROOT, "  %s%% in %s ms.%n", percent(p),
                        ms(h.getValueAtPercentile(p))));
            }
            out.append(String.format(Locale.ROOT, "  max in %s ms.%n", ms(h.getMaxValue())));
            out.append("\nLatency histogram (ms):\n");
            histogram(out, Bucket.logSpaced(h, BARS));
        }
        if (!s.errors().isEmpty()) {
            out.append("\nError distribution:\n");
            for (Map.Entry<String, ErrorCounts.Tally> e : s.errors().entrySet()) {
                String example = e.getValue().example();
                out.append(String.format(Locale.ROOT, "  [%d]\t%s%s%n", e.getValue().count(), e.getKey(),
                        example.isEmpty() ? "" : ": " + example));
            }
        }
    }

    private static void histogram(StringBuilder out, List<Bucket> buckets) {
        long most = buckets.stream().mapToLong(Bucket::count).max().orElse(0);
        List<String> lines = new ArrayList<>();
        for (Bucket b : buckets) {
            int width = most == 0 ? 0 : (int) (b.count() * BAR_WIDTH / most);
            lines.add(String.format(Locale.ROOT, "  %10s - %10s [%9d]  |%s", ms(b.from()), ms(b.to()), b.count(),
                    "\u220e".repeat(width)));
        }
        lines.forEach(line -> out.append(line).append('\n'));
    }

    /** Nanoseconds as milliseconds with three decimals. */
    static String ms(double nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }

    private static String percent(double p) {
        return p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p);
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
