package io.cairn.bench;

import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Formats a {@link Report} as one JSON object on one line, for scripts.
 *
 * <p>Why: benchmark scripts compare runs by number; they read the headline fields at the top level
 * ({@code requests_per_sec}, {@code latency_ms.p99}, ...) and find the other parts, named, under {@code parts}.
 * Latencies are in milliseconds, rounded to microseconds.
 */
final class JsonReport {

    private JsonReport() {
    }

    /** The report as JSON, without a trailing newline. */
    static String format(Report report, boolean allowErrors) {
        JsonWriter json = new JsonWriter().beginObject();
        json.name("command").value(report.command());
        json.name("ok").value(report.ok(allowErrors));
        summaryFields(json, report.headline());
        json.name("parts").beginArray();
        for (Summary part : report.parts()) {
            json.beginObject();
            summaryFields(json, part);
            json.endObject();
        }
        json.endArray();
        json.name("counters").beginObject();
        report.counters().forEach((name, value) -> json.name(name).value(value));
        json.endObject();
        json.name("problems").beginArray();
        report.problems().forEach(json::value);
        json.endArray();
        return json.endObject().toString();
    }

    private static void summaryFields(JsonWriter json, Summary s) {
        Histogram h = s.latency();
        json.name("name").value(s.name());
        json.name("unit").value(s.unit());
        json.name("total").value(s.total());
        json.name("succeeded").value(s.succeeded());
        json.name("failed").value(s.failed());
        json.name("seconds").value(round(s.seconds(), 1e4));
        json.name("requests_per_sec").value(round(s.perSecond(), 10));
        json.name("latency_ms").beginObject();
        if (h.getTotalCount() > 0) {
            json.name("min").value(ms(h.getMinValue()));
            json.name("mean").value(ms(h.getMean()));
            json.name("stddev").value(ms(h.getStdDeviation()));
            for (double p : TextReport.PERCENTILES) {
                json.name("p" + (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p).replace('.', '_')))
                        .value(ms(h.getValueAtPercentile(p)));
            }
            json.name("max").value(ms(h.getMaxValue()));
        }
        json.endObject();
        json.name("histogram").beginArray();
        for (Bucket b : Bucket.logSpaced(h, 10)) {
            json.beginObject().name("from_ms").value(ms(b.from())).name("to_ms").value(ms(b.to()))
                    .name("count").value(b.count()).endObject();
        }
        json.endArray();
        json.name("errors").beginObject();
        for (Map.Entry<String, ErrorCounts.Tally> e : s.errors().entrySet()) {
            json.name(e.getKey()).beginObject().name("count").value(e.getValue().count())
                    .name("example").value(e.getValue().example()).endObject();
        }
        json.endObject();
    }

    private static double ms(double nanos) {
        return round(nanos / 1e6, 1e3);
    }

    private static double round(double value, double scale) {
        return Math.round(value * scale) / scale;
    }
}
