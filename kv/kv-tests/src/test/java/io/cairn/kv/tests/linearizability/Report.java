package io.cairn.kv.tests.linearizability;

import java.util.List;
import java.util.Objects;

/**
 * The checker's answer, readable as an assertion message.
 *
 * <p>For {@link Verdict#NOT_LINEARIZABLE} (and for {@link Verdict#UNKNOWN}, as far as the search got) it names the
 * longest prefix of the history that could be linearized, the model state after it, and the operations that could
 * not be placed next, each with why: usually the response the model expected beside the one observed.
 */
public record Report(Verdict verdict, long steps, String history, List<Operation> longestPrefix,
        String stateAfterPrefix, List<Unplaced> unplaced) {

    /** The answer. */
    public enum Verdict {
        /** Some order of the operations respects real time and etcd's sequential semantics. */
        LINEARIZABLE,
        /** No such order exists: the store broke linearizability (or the history was recorded wrongly). */
        NOT_LINEARIZABLE,
        /** The budget ran out before the search finished. */
        UNKNOWN
    }

    /** An operation that could not be placed after the longest prefix, and why. */
    public record Unplaced(Operation operation, String why) {
        /** Checks the fields. */
        public Unplaced {
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(why, "why");
        }
    }

    /** How many operations of the prefix {@link #toString} shows. */
    private static final int SHOWN = 12;

    /** Copies the lists. */
    public Report {
        Objects.requireNonNull(verdict, "verdict");
        longestPrefix = List.copyOf(longestPrefix);
        unplaced = List.copyOf(unplaced);
    }

    /** Whether the history is linearizable. */
    public boolean isLinearizable() {
        return verdict == Verdict.LINEARIZABLE;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        out.append(verdict).append(" after ").append(steps).append(" steps; history: ").append(history);
        if (verdict == Verdict.LINEARIZABLE) {
            return out.toString();
        }
        out.append("\nlongest linearizable prefix: ").append(longestPrefix.size()).append(" operations");
        int from = Math.max(0, longestPrefix.size() - SHOWN);
        if (from > 0) {
            out.append(", the last ").append(SHOWN).append(":");
        }
        for (Operation op : longestPrefix.subList(from, longestPrefix.size())) {
            out.append("\n  ").append(op);
        }
        out.append("\nstate after the prefix: ").append(stateAfterPrefix);
        out.append("\ncould not place next:");
        for (Unplaced u : unplaced) {
            out.append("\n  ").append(u.operation()).append("\n      ").append(u.why());
        }
        return out.toString();
    }
}
