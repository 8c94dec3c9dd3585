package io.cairn.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ReportFormatTest {

    /** 1,000 latencies: 1 ms, 2 ms, ..., 1000 ms. */
    private static Histogram oneToThousandMillis() {
        Histogram h = new Histogram(3);
        for (long ms = 1; ms <= 1000; ms++) {
            h.recordValue(ms * 1_000_000);
        }
        return h;
    }

    private static Summary summary(Map<String, ErrorCounts.Tally> errors) {
        return new Summary("put", "requests", 1000, errors, 2_000_000_000L, oneToThousandMillis());
    }

    @Test
    void summaryArithmeticCountsSuccessesAndErrors() {
        Summary s = summary(Map.of("UNAVAILABLE", new ErrorCounts.Tally(5, "io exception")));

        assertThat(s.total()).isEqualTo(1005);
        assertThat(s.failed()).isEqualTo(5);
        assertThat(s.seconds()).isEqualTo(2.0);
        assertThat(s.perSecond()).isEqualTo(500.0);
    }

    @Test
    void textShowsRatePercentilesHistogramAndErrors() {
        Summary s = summary(Map.of("UNAVAILABLE", new ErrorCounts.Tally(5, "io exception")));

        String text = TextReport.format(Report.of("put", s));

        assertThat(text).contains("Summary (put):", "1005 requests in 2.0000 secs (5 errors)",
                "Requests/sec: 500.0", "50% in 500.", "90% in 900.", "99% in 990.", "99.9% in 999.",
                "max in 1000.", "[5]\tUNAVAILABLE: io exception");
        assertThat(text.lines().filter(line -> line.contains("|"))).hasSize(10);
    }

    @Test
    void percentilesAreWithinHdrHistogramsPrecision() {
        Histogram h = oneToThousandMillis();

        assertThat(h.getValueAtPercentile(50) / 1e6).isCloseTo(500, Offset.offset(0.5));
        assertThat(h.getValueAtPercentile(99) / 1e6).isCloseTo(990, Offset.offset(1.0));
    }

    @Test
    void logSpacedBucketsCoverEveryValueOnceFromMinToMax() {
        List<Bucket> buckets = Bucket.logSpaced(oneToThousandMillis(), 10);

        assertThat(buckets).hasSize(10);
        assertThat(buckets.stream().mapToLong(Bucket::count).sum()).isEqualTo(1000);
        assertThat(buckets.get(0).from()).isLessThanOrEqualTo(1_000_000);
        assertThat(buckets.get(9).to()).isGreaterThanOrEqualTo(1_000_000_000L);
        for (int i = 1; i < buckets.size(); i++) {
            assertThat(buckets.get(i).from()).isEqualTo(buckets.get(i - 1).to());
        }
        // log spacing: the first bar (1 ms to ~2 ms) holds about as many values as its width in ms
        assertThat(buckets.get(0).count()).isBetween(1L, 3L);
        assertThat(buckets.get(9).count()).isGreaterThan(400);
    }

    @Test
    void oneDistinctValueIsOneBucketAndNoValuesNone() {
        Histogram h = new Histogram(3);
        h.recordValue(5_000);
        h.recordValue(5_000);

        assertThat(Bucket.logSpaced(h, 10)).singleElement().extracting(Bucket::count).isEqualTo(2L);
        assertThat(Bucket.logSpaced(new Histogram(3), 10)).isEmpty();
    }

    @Test
    void jsonHasTheHeadlineAtTheTopAndPartsCountersAndProblems() {
        Report report = new Report("watch", summary(Map.of()), List.of(summary(Map.of())),
                Map.of("missing", 2L), List.of("2 events missing"));

        String json = JsonReport.format(report, false);

        assertThat(json).startsWith("{\"command\":\"watch\",\"ok\":false,\"name\":\"put\"")
                .contains("\"total\":1000,", "\"requests_per_sec\":500.0", "\"p99\":990.", "\"p99_9\":999.",
                        "\"parts\":[{\"name\":\"put\"", "\"counters\":{\"missing\":2}",
                        "\"problems\":[\"2 events missing\"]")
                .endsWith("}");
    }

    @Test
    void reportFailsOnProblemsAlwaysAndOnErrorsUnlessAllowed() {
        Summary withErrors = summary(Map.of("UNAVAILABLE", new ErrorCounts.Tally(1, "")));
        Report clean = Report.of("put", summary(Map.of()));
        Report failedRequests = Report.of("put", withErrors);
        Report problem = new Report("watch", summary(Map.of()), List.of(), Map.of(), List.of("1 duplicate"));

        assertThat(clean.ok(false)).isTrue();
        assertThat(failedRequests.ok(false)).isFalse();
        assertThat(failedRequests.ok(true)).isTrue();
        assertThat(problem.ok(true)).isFalse();
    }

    @Test
    void jsonWriterEscapesStringsAndWritesNonFiniteNumbersAsNull() {
        String json = new JsonWriter().beginObject().name("s").value("a\"b\\c\nd\u0001")
                .name("n").value(Double.NaN).name("l").beginArray().value(1).value(true).endArray()
                .endObject().toString();

        assertThat(json).isEqualTo("{\"s\":\"a\\\"b\\\\c\\nd\\u0001\",\"n\":null,\"l\":[1,true]}");
    }

    @Test
    void errorsAreCountedByStatusCodeWithTheFirstMessage() {
        ErrorCounts errors = new ErrorCounts();
        errors.add(Status.UNAVAILABLE.withDescription("first").asRuntimeException());
        errors.add(Status.UNAVAILABLE.withDescription("second").asRuntimeException());
        errors.add(Status.RESOURCE_EXHAUSTED.withDescription("etcdserver: too many requests").asException());

        assertThat(errors.total()).isEqualTo(3);
        assertThat(errors.snapshot()).containsExactly(
                Map.entry("RESOURCE_EXHAUSTED", new ErrorCounts.Tally(1, "etcdserver: too many requests")),
                Map.entry("UNAVAILABLE", new ErrorCounts.Tally(2, "first")));
    }
}
