package io.cairn.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Everything one {@code cairn bench} run found: the headline summary, the other measured parts, named counters
 * and the problems that make the run fail.
 *
 * <p>Why: the text and JSON outputs, and the exit status, are all derived from this one value, so they cannot
 * disagree. A run fails when it has a problem (a watch event missing, duplicated or out of order, ...) and, unless
 * errors are allowed, when any request failed.
 *
 * @param command  the subcommand ({@code put}, {@code watch}, ...)
 * @param headline the main result: requests for request workloads, delivered events for watches
 * @param parts    further results (reads and writes of {@code txn-mixed}, watch creation and puts of {@code watch})
 * @param counters named counts worth reporting (watchers, events expected, duplicates, ...), in order
 * @param problems what went wrong beyond failed requests; any entry fails the run
 */
record Report(String command, Summary headline, List<Summary> parts, Map<String, Long> counters,
        List<String> problems) {

    Report {
        parts = List.copyOf(parts);
        counters = Collections.unmodifiableMap(new LinkedHashMap<>(counters));
        problems = List.copyOf(problems);
    }

    /** A report with a single summary and nothing else. */
    static Report of(String command, Summary headline) {
        return new Report(command, headline, List.of(), Map.of(), List.of());
    }

    /** This report with one more counter, placed last. */
    Report withCounter(String name, long value) {
        Map<String, Long> more = new LinkedHashMap<>(counters);
        more.put(name, value);
        return new Report(command, headline, parts, more, problems);
    }

    /** Failed requests over the headline and every part. */
    long errors() {
        return Stream.concat(Stream.of(headline), parts.stream()).mapToLong(Summary::failed).sum();
    }

    /** Whether the run succeeded: no problem and, unless {@code allowErrors}, no failed request. */
    boolean ok(boolean allowErrors) {
        return problems.isEmpty() && (allowErrors || errors() == 0);
    }
}
