package io.cairn.apiserver.validation;

import java.util.List;

/**
 * One strict decoding problem: an unknown or a duplicate field, with kube's path ({@code spec.containers[0].foo}).
 *
 * <p>Why: the same finding becomes part of a Strict error, a Warning header, or — for unknown fields — a field to
 * drop before storing, so it keeps both kube's text and where the field sits in the tree.
 *
 * @param unknown true for an unknown field, false for a duplicate one
 * @param path kube's path: keys joined by dots, list indexes in brackets
 * @param location the keys (strings) and indexes (integers) from the root to the field
 */
record Problem(boolean unknown, String path, List<Object> location) {
    Problem {
        location = List.copyOf(location);
    }

    /** kube's text: {@code unknown field "spec.foo"} or {@code duplicate field "data"}. */
    String message() {
        return (unknown ? "unknown field " : "duplicate field ") + GoQuote.quote(path);
    }
}
