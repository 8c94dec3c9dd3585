package io.cairn.kv.tests.linearizability;

/**
 * Decides whether a history of etcd KV operations is linearizable: whether some total order of its operations
 * respects real time (an operation that completed before another was invoked comes first) and, replayed through
 * etcd's sequential semantics from the initial revision, yields exactly the responses observed — values, key
 * revisions and versions, txn branches, and header revisions.
 *
 * <p>The history is checked as a whole, not key by key: revisions are global, so the keys are not independent.
 */
public interface LinearizabilityChecker {

    /**
     * The default budget: enough for the histories of a few thousand operations that fault tests record, and small
     * enough that the search's cache of configurations stays within a test JVM's heap.
     */
    Budget DEFAULT_BUDGET = Budget.steps(1_000_000);

    /** Checks {@code history} within the checker's budget. */
    Report verify(History history);

    /** A checker that spends at most {@code budget} on each history. */
    static LinearizabilityChecker create(Budget budget) {
        return history -> new WglSearch(history, budget).run();
    }

    /** Checks {@code history} within {@link #DEFAULT_BUDGET}. */
    static Report check(History history) {
        return create(DEFAULT_BUDGET).verify(history);
    }
}
