package io.cairn.kv.tests.linearizability;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A recorded client history against a store whose keys, at the start, were all absent and whose revision was
 * {@code initialRevision} (1 for a fresh etcd or Cairn store).
 *
 * <p>Why the initial revision: revisions are checked exactly, so the checker must know where they start. A test
 * against a store that already holds data reads the revision first and uses keys nobody else writes.
 */
public record History(long initialRevision, List<Operation> operations) {

    /** Copies the list and checks that operation ids are distinct. */
    public History {
        operations = List.copyOf(operations);
        Set<Integer> ids = new HashSet<>();
        for (Operation op : operations) {
            if (!ids.add(op.id())) {
                throw new IllegalArgumentException("duplicate operation id " + op.id());
            }
        }
        if (initialRevision < 1) {
            throw new IllegalArgumentException("etcd revisions start at 1, not " + initialRevision);
        }
    }

    /** How many operations ended in {@code type}. */
    public long count(Class<? extends Outcome> type) {
        return operations.stream().filter(op -> type.isInstance(op.outcome())).count();
    }

    @Override
    public String toString() {
        return operations.size() + " operations (" + count(Outcome.Ok.class) + " ok, " + count(Outcome.Failed.class)
                + " failed, " + count(Outcome.Unknown.class) + " unknown) from revision " + initialRevision;
    }
}
