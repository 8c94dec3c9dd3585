package io.cairn.apiserver.apply;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * kube's cap on Update entries: beyond ten, the oldest are folded, per API version, into one {@code ancient-changes}
 * entry.
 *
 * <p>Why: every controller and every client that updates an object leaves an entry; without a cap, objects written
 * by many short-lived managers grow without bound.
 */
final class UpdaterCap {
    static final int MAX_UPDATERS = 10;
    static final String ANCIENT_CHANGES = "ancient-changes";

    private UpdaterCap() {
    }

    static List<ManagedEntry> apply(List<ManagedEntry> entries) {
        List<ManagedEntry> updaters = entries.stream().filter(e -> e.operation().equals(ManagedEntry.UPDATE))
                .sorted(Comparator.comparing(ManagedEntry::time).thenComparing(ManagedEntry::identity)).toList();
        if (updaters.size() <= MAX_UPDATERS) {
            return entries;
        }
        List<ManagedEntry> out = new ArrayList<>(entries);
        Map<String, ManagedEntry> firstOfVersion = new HashMap<>();
        int length = updaters.size();
        for (int i = 0; i < updaters.size() && length > MAX_UPDATERS; i++) {
            ManagedEntry e = updaters.get(i);
            ManagedEntry first = firstOfVersion.get(e.apiVersion());
            if (first == null) {
                firstOfVersion.put(e.apiVersion(), e);
                continue;
            }
            ManagedEntry bucket = new ManagedEntry(ANCIENT_CHANGES, ManagedEntry.UPDATE, e.apiVersion(), "", "",
                    new FieldSet());
            int at = indexOf(out, bucket.identity());
            if (at < 0) {
                int firstAt = indexOf(out, first.identity());
                out.remove(firstAt);
                out.add(bucket.withFields(first.fields()));
                at = out.size() - 1;
            }
            out.set(at, new ManagedEntry(ANCIENT_CHANGES, ManagedEntry.UPDATE, e.apiVersion(), e.time(), "",
                    e.fields().union(out.get(at).fields())));
            out.remove(indexOf(out, e.identity()));
            length--;
        }
        return out;
    }

    private static int indexOf(List<ManagedEntry> entries, String identity) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).identity().equals(identity)) {
                return i;
            }
        }
        return -1;
    }
}
