package io.cairn.kv.tests;

import io.cairn.kv.tests.linearizability.History;
import io.cairn.kv.tests.linearizability.Operation;
import io.cairn.kv.tests.linearizability.Outcome;
import io.cairn.kv.tests.linearizability.Request;
import io.cairn.kv.tests.linearizability.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Failover times of the fault tests: how long after a fault the first write invoked after it was acknowledged,
 * printed and appended to {@code target/cluster-faults/failover.txt} so that the documentation can quote measured
 * numbers.
 *
 * <p>Why "first acknowledged write invoked after the fault": that is what a client sees — from the moment the fault
 * happens until a write of its own goes through — and it needs no probe outside the recorded history (every write
 * must be in the history for the checker).
 */
final class FailoverLog {

    private static final Path FILE = Path.of(System.getProperty("basedir", "."), "target", "cluster-faults",
            "failover.txt");
    private static boolean started;

    private FailoverLog() {
    }

    /** {@code target/cluster-faults}, where the fault tests leave what they measured and recorded. */
    static Path directory() {
        return FILE.getParent();
    }

    /**
     * The time from {@code faultAt} (monotonic nanos) to the completion of the first write invoked at or after it that
     * was acknowledged, if there is one.
     */
    static Optional<Duration> firstWriteAfter(History history, long faultAt) {
        return history.operations().stream()
                .filter(op -> op.invokedAt() >= faultAt && acknowledgedWrite(op))
                .map(op -> Duration.ofNanos(op.completedAt() - faultAt))
                .min(Duration::compareTo);
    }

    /** Whether {@code op} is a put, or a txn whose branch holds a put, that succeeded. */
    static boolean acknowledgedWrite(Operation op) {
        if (!(op.outcome() instanceof Outcome.Ok ok)) {
            return false;
        }
        return switch (op.request()) {
            case Request.Put put -> true;
            case Request.Txn txn -> ok.response().result() instanceof Result.Txn r && r.succeeded()
                    && txn.success().stream().anyMatch(Request::mayWrite);
            default -> false;
        };
    }

    /**
     * Writes {@code history} to {@code target/cluster-faults/<name>.history}, one operation a line with its times in
     * milliseconds after {@code origin}, for reading a failure (or a failover time) afterwards.
     */
    static void save(String name, History history, long origin) {
        StringBuilder out = new StringBuilder(history.toString()).append('\n');
        for (Operation op : history.operations()) {
            String end = switch (op.outcome()) {
                case Outcome.Ok ok -> String.format("%8.1f  %s", millis(ok.completedAt() - origin), ok.response());
                case Outcome.Failed f -> String.format("%8.1f  FAILED %s", millis(f.completedAt() - origin),
                        f.reason());
                case Outcome.Unknown u -> "       ?  UNKNOWN " + u.reason();
            };
            out.append(String.format("#%-5d c%-2d %8.1f .. %s   %s%n", op.id(), op.client(),
                    millis(op.invokedAt() - origin), end, op.request()));
        }
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE.resolveSibling(name + ".history"), out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    /** Prints and appends one measurement (the file is started afresh by the first measurement of a test run). */
    static synchronized void record(String scenario, Duration failover, String detail) {
        String line = String.format("%-40s failover %6d ms   %s", scenario, failover.toMillis(), detail);
        System.out.println("[cluster-faults] " + line);
        try {
            Files.createDirectories(FILE.getParent());
            if (!started) {
                Files.writeString(FILE, "# Cairn fault tests, " + Instant.now() + ": time from the fault to the first"
                        + " acknowledged write invoked after it\n", StandardCharsets.UTF_8);
                started = true;
            }
            Files.writeString(FILE, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
