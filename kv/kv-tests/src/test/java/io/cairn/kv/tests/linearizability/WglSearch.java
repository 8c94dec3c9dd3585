package io.cairn.kv.tests.linearizability;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One run of Wing and Gong's search as improved by Lowe (and used by Porcupine): repeatedly linearize the first
 * operation, among those invoked before the earliest pending return, whose model response matches the observed one;
 * when a return is reached with its operation still unplaced, backtrack. A cache of (linearized set, model state)
 * pairs already explored prunes every path that reaches a configuration seen before, which is what makes the search
 * practical on histories of thousands of operations.
 *
 * <p>Failed operations never took effect and are left out; so are unknown reads, which change nothing (and an
 * unknown write is never placed where it would change nothing either). An unknown write has no return entry: it may be placed anywhere after its invocation, and the search ends as soon as every
 * operation with a response is placed, which leaves the unplaced unknown writes as "never took effect" (or took
 * effect after everything else, which no response can tell apart).
 */
final class WglSearch {

    private static final int CLOCK_EVERY = 1 << 10;
    private static final int CANDIDATES_SHOWN = 8;

    /** A configuration already explored. */
    private record Seen(BitSet linearized, KvState state) {
    }

    /** A placed operation and the state before it, to restore on backtracking. */
    private record Frame(EntryList.Entry entry, KvState before) {
    }

    private final History history;
    private final Budget budget;
    private final Operation[] ops;
    private final EntryList list;
    private final RevisionFacts facts;
    private long steps;

    /** How far the deepest dead end got: operations with a response placed first, then fewest unknowns placed. */
    private long bestScore = Long.MIN_VALUE;
    private List<Operation> bestPrefix = List.of();
    private KvState bestState;
    private List<Report.Unplaced> bestUnplaced = List.of();

    WglSearch(History history, Budget budget) {
        this.history = history;
        this.budget = budget;
        this.ops = history.operations().stream()
                .filter(op -> op.outcome() instanceof Outcome.Ok
                        || op.outcome() instanceof Outcome.Unknown && op.request().mayWrite())
                .toArray(Operation[]::new);
        long[] invoked = new long[ops.length];
        long[] completed = new long[ops.length];
        for (int i = 0; i < ops.length; i++) {
            invoked[i] = ops[i].invokedAt();
            completed[i] = ops[i].completedAt();
        }
        this.list = new EntryList(invoked, completed);
        this.facts = new RevisionFacts(history.operations());
    }

    Report run() {
        long started = budget.nanoClock().getAsLong();
        PendingRevisions pending = new PendingRevisions();
        for (Operation op : ops) {
            pending.add(op);
        }
        int withResponse = pending.size();
        KvState state = KvState.initial(history.initialRevision());
        BitSet linearized = new BitSet(ops.length);
        Set<Seen> seen = new HashSet<>();
        List<Frame> stack = new ArrayList<>();
        EntryList.Entry entry = list.head.next;
        while (pending.size() > 0) {
            if (entry != null && entry.call) {
                if (++steps > budget.maxSteps() || steps % CLOCK_EVERY == 0
                        && budget.nanoClock().getAsLong() - started > budget.maxNanos()) {
                    return report(Report.Verdict.UNKNOWN);
                }
                Operation op = ops[entry.op];
                KvModel.Step step = KvModel.apply(state, op.request());
                if (fits(op, step.response()) && !unknownNoOp(op, step, state)) {
                    pending.remove(op);
                    linearized.set(entry.op);
                    if (pending.allow(step.next().revision()) && facts.allow(state, step.next())
                            && seen.add(new Seen((BitSet) linearized.clone(), step.next()))) {
                        stack.add(new Frame(entry, state));
                        state = step.next();
                        EntryList.lift(entry);
                        entry = list.head.next;
                        continue;
                    }
                    linearized.clear(entry.op);
                    pending.add(op);
                }
                entry = entry.next;
            } else {
                int placedWithResponse = withResponse - pending.size();
                long score = placedWithResponse * (ops.length + 1L) - (stack.size() - placedWithResponse);
                if (score > bestScore) {
                    bestScore = score;
                    remember(stack, state, entry, linearized);
                }
                if (stack.isEmpty()) {
                    return report(Report.Verdict.NOT_LINEARIZABLE);
                }
                Frame top = stack.removeLast();
                state = top.before();
                linearized.clear(top.entry().op);
                pending.add(ops[top.entry().op]);
                EntryList.unlift(top.entry());
                entry = top.entry().next;
            }
        }
        return report(Report.Verdict.LINEARIZABLE);
    }

    /**
     * An unknown operation that would change nothing here (a txn whose branch only reads, a delete of a missing
     * key) is never worth placing: leaving it out is the same linearization, and placing it anyway would multiply
     * the configurations by every subset of such operations.
     */
    private static boolean unknownNoOp(Operation op, KvModel.Step step, KvState state) {
        return op.outcome() instanceof Outcome.Unknown && step.next().equals(state);
    }

    private static boolean fits(Operation op, Response modelResponse) {
        return !(op.outcome() instanceof Outcome.Ok ok) || ok.response().equals(modelResponse);
    }

    /** Keeps the deepest dead end for the report: the prefix, its state, and why nothing could follow it. */
    private void remember(List<Frame> stack, KvState state, EntryList.Entry blocking, BitSet linearized) {
        bestPrefix = stack.stream().map(f -> ops[f.entry().op]).toList();
        bestState = state;
        List<Report.Unplaced> unplaced = new ArrayList<>();
        if (blocking != null) {
            unplaced.add(explain(blocking.op, state, linearized));
        }
        for (EntryList.Entry e = list.head.next; e != blocking && unplaced.size() < CANDIDATES_SHOWN; e = e.next) {
            if (e.call && (blocking == null || e.op != blocking.op)) {
                unplaced.add(explain(e.op, state, linearized));
            }
        }
        bestUnplaced = unplaced;
    }

    private Report.Unplaced explain(int candidate, KvState state, BitSet linearized) {
        Operation op = ops[candidate];
        KvModel.Step step = KvModel.apply(state, op.request());
        if (!fits(op, step.response())) {
            return new Report.Unplaced(op, "here the model would answer " + step.response());
        }
        Optional<String> contradiction = facts.contradiction(state, step.next());
        if (contradiction.isPresent()) {
            return new Report.Unplaced(op, "fits here, but " + contradiction.get());
        }
        for (int i = 0; i < ops.length; i++) {
            if (i != candidate && !linearized.get(i) && ops[i].outcome() instanceof Outcome.Ok ok
                    && PendingRevisions.latestRevision(ops[i].request(), ok.response()) < step.next().revision()) {
                return new Report.Unplaced(op, "fits here, but takes the store to revision " + step.next().revision()
                        + ", past what unplaced #" + ops[i].id() + " " + ops[i].request() + " answered: "
                        + ok.response());
            }
        }
        return new Report.Unplaced(op, "fits here, but no order of the rest continues after it");
    }

    private Report report(Report.Verdict verdict) {
        if (verdict == Report.Verdict.LINEARIZABLE) {
            return new Report(verdict, steps, history.toString(), List.of(), "", List.of());
        }
        return new Report(verdict, steps, history.toString(), bestPrefix,
                bestState == null ? "(none)" : bestState.toString(), bestUnplaced);
    }
}
