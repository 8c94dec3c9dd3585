package io.cairn.apiserver.apply;

import io.cairn.apiserver.status.Cause;
import io.cairn.apiserver.status.StatusException;
import io.cairn.apiserver.status.Statuses;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * kube's 409 for an apply that would change fields other managers own.
 *
 * <p>Why: kubectl prints the message as is and client libraries read the causes, so both follow kube's wording:
 * one conflict is {@code Apply failed with 1 conflict: conflict with "m" using v1: .data.key}; several are listed per
 * manager, managers in lexical order, one {@code - path} line each.
 */
final class Conflicts {
    /** A field another manager owns. */
    record Conflict(ManagedEntry owner, List<String> path) {
    }

    private Conflicts() {
    }

    static StatusException error(List<Conflict> conflicts) {
        List<Conflict> sorted = new ArrayList<>(conflicts);
        sorted.sort(Comparator.comparing((Conflict c) -> c.owner().manager())
                .thenComparing(c -> c.owner().identity()));
        List<Cause> causes = new ArrayList<>();
        for (Conflict c : sorted) {
            causes.add(new Cause("FieldManagerConflict", "conflict with " + c.owner().describe(),
                    PathText.format(c.path())));
        }
        if (sorted.size() == 1) {
            Conflict c = sorted.getFirst();
            return Statuses.applyConflict("Apply failed with 1 conflict: conflict with " + c.owner().describe() + ": "
                    + PathText.format(c.path()), causes);
        }
        Map<String, List<Conflict>> byOwner = new LinkedHashMap<>();
        for (Conflict c : sorted) {
            byOwner.computeIfAbsent(c.owner().identity(), k -> new ArrayList<>()).add(c);
        }
        List<String> lines = new ArrayList<>();
        for (List<Conflict> group : byOwner.values()) {
            lines.add("conflicts with " + group.getFirst().owner().describe() + ":");
            for (Conflict c : group) {
                lines.add("- " + PathText.format(c.path()));
            }
        }
        return Statuses.applyConflict("Apply failed with " + sorted.size() + " conflicts: "
                + String.join("\n", lines), causes);
    }
}
