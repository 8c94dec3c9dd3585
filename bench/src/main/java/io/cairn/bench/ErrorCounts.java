package io.cairn.bench;

import io.grpc.Status;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Failed requests counted by gRPC status code, keeping the first message seen for each code.
 *
 * <p>Why: etcd's benchmark prints an error distribution by message; messages vary (addresses, revisions), so
 * counting by code keeps the table short while one example message still says what went wrong. Safe for
 * concurrent use from the network threads.
 */
final class ErrorCounts {

    private final Map<String, Entry> byCode = new ConcurrentHashMap<>();

    /** Counts one failure. */
    void add(Throwable error) {
        Status status = Status.fromThrowable(error);
        String message = status.getDescription() != null ? status.getDescription()
                : status.getCause() != null ? String.valueOf(status.getCause()) : "";
        add(status.getCode().name(), message);
    }

    /** Counts one failure with the given code name and message. */
    void add(String code, String message) {
        add(code, message, 1);
    }

    /** Counts {@code count} failures with the given code name and example message. */
    void add(String code, String message, long count) {
        byCode.computeIfAbsent(code, c -> new Entry(message)).count.add(count);
    }

    /** Total failures. */
    long total() {
        return byCode.values().stream().mapToLong(e -> e.count.sum()).sum();
    }

    /** A snapshot: code name → count and example message, sorted by code. */
    Map<String, Tally> snapshot() {
        Map<String, Tally> copy = new TreeMap<>();
        byCode.forEach((code, e) -> copy.put(code, new Tally(e.count.sum(), e.example)));
        return copy;
    }

    /**
     * How often one code was seen.
     *
     * @param count   how many failures
     * @param example the first message seen
     */
    record Tally(long count, String example) {
    }

    private static final class Entry {
        final LongAdder count = new LongAdder();
        final String example;

        Entry(String example) {
            this.example = example;
        }
    }
}
