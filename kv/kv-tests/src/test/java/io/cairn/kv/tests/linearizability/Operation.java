package io.cairn.kv.tests.linearizability;

import java.util.Objects;

/**
 * One client operation of a history: who issued it, what it asked, when it was invoked (monotonic nanos) and how
 * it ended.
 *
 * <p>Why times and not an order: linearizability only constrains operations whose intervals do not overlap, so
 * the checker needs both ends of every interval.
 */
public record Operation(int id, int client, Request request, long invokedAt, Outcome outcome) {

    /** Checks that the operation does not complete before it is invoked. */
    public Operation {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(outcome, "outcome");
        long completed = switch (outcome) {
            case Outcome.Ok ok -> ok.completedAt();
            case Outcome.Failed failed -> failed.completedAt();
            case Outcome.Unknown unknown -> Long.MAX_VALUE;
        };
        if (completed < invokedAt) {
            throw new IllegalArgumentException("operation " + id + " completes at " + completed
                    + " before its invocation at " + invokedAt);
        }
    }

    /** When the operation completed; {@link Long#MAX_VALUE} (never) for an unknown outcome. */
    public long completedAt() {
        return switch (outcome) {
            case Outcome.Ok ok -> ok.completedAt();
            case Outcome.Failed failed -> failed.completedAt();
            case Outcome.Unknown unknown -> Long.MAX_VALUE;
        };
    }

    @Override
    public String toString() {
        String end = switch (outcome) {
            case Outcome.Ok ok -> "-> " + ok.response() + " [" + invokedAt + ", " + ok.completedAt() + "]";
            case Outcome.Failed failed -> "-> FAILED " + failed.reason() + " [" + invokedAt + ", "
                    + failed.completedAt() + "]";
            case Outcome.Unknown unknown -> "-> UNKNOWN " + unknown.reason() + " [" + invokedAt + ", ?]";
        };
        return "#" + id + " client " + client + " " + request + " " + end;
    }
}
