package io.cairn.apiserver.patch;

import java.util.List;
import java.util.Set;

/**
 * The patch strategy of one field of a Kubernetes API type, as its {@code patchStrategy} and {@code patchMergeKey}
 * struct tags declare it.
 *
 * <p>Why: strategic merge patch decides per field whether a list is merged or replaced and by which key its elements
 * match; {@code retainKeys} is a separate marker that may accompany {@code merge}, so the two are kept apart here the
 * way kube splits them before merging.
 *
 * @param strategies the declared strategies, e.g. {@code [merge]} or {@code [merge, retainKeys]}; empty for none
 * @param mergeKey the JSON field that identifies list elements; empty for lists of scalars and non-lists
 */
record FieldStrategy(List<String> strategies, String mergeKey) {

    static final String MERGE = "merge";
    static final String REPLACE = "replace";
    static final String RETAIN_KEYS = "retainKeys";

    private static final Set<String> KNOWN = Set.of(MERGE, REPLACE, RETAIN_KEYS);

    /** A field without any declared strategy: its lists are replaced, its objects merged key by key. */
    static final FieldStrategy NONE = new FieldStrategy(List.of(), "");

    FieldStrategy {
        strategies = List.copyOf(strategies);
        if (strategies.size() > 2 || !KNOWN.containsAll(strategies)
                || strategies.size() == 2 && !strategies.contains(RETAIN_KEYS)) {
            throw new IllegalArgumentException("unexpected patch strategy: " + strategies);
        }
    }

    /** The strategy other than {@code retainKeys}: {@code merge}, {@code replace}, or empty. */
    String listOrMapStrategy() {
        return strategies.stream().filter(s -> !s.equals(RETAIN_KEYS)).findFirst().orElse("");
    }

    /** Whether lists of this field are merged element by element rather than replaced. */
    boolean merges() {
        return listOrMapStrategy().equals(MERGE);
    }

    /** Whether objects of this field are replaced wholesale rather than merged. */
    boolean replaces() {
        return listOrMapStrategy().equals(REPLACE);
    }
}
