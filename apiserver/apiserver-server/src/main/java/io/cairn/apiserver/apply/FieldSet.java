package io.cairn.apiserver.apply;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A set of field paths, kept as the tree that kube's {@code FieldsV1} encoding writes: each step is an encoded path
 * element ({@code f:name}, {@code k:{"name":"a"}}, {@code v:"x"}), and a node that is itself in the set while also
 * having members below it is marked {@code "."}.
 *
 * <p>Why: ownership is computed with set algebra (union, difference, intersection) on these paths, and the tree is
 * exactly what is stored in {@code metadata.managedFields[].fieldsV1}, so no second representation is needed.
 */
final class FieldSet {
    /** Path elements in kube's order: field names, then keys, then values, then indices. */
    static final Comparator<String> ORDER = Comparator.comparingInt((String e) -> "fkvi".indexOf(e.charAt(0)))
            .thenComparing(Comparator.naturalOrder());

    private boolean member;
    private final TreeMap<String, FieldSet> children = new TreeMap<>(ORDER);

    /** Adds one path (a list of encoded elements); the empty path is the object itself. */
    void insert(List<String> path) {
        FieldSet node = this;
        for (String e : path) {
            node = node.children.computeIfAbsent(e, k -> new FieldSet());
        }
        node.member = true;
    }

    /** Whether the path is a member. */
    boolean contains(List<String> path) {
        FieldSet node = find(path);
        return node != null && node.member;
    }

    /** Whether the path or anything below it is a member. */
    boolean containsAtOrBelow(List<String> path) {
        FieldSet node = find(path);
        return node != null && !node.isEmpty();
    }

    private FieldSet find(List<String> path) {
        FieldSet node = this;
        for (String e : path) {
            node = node.children.get(e);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    boolean isEmpty() {
        return !member && children.values().stream().allMatch(FieldSet::isEmpty);
    }

    /** Every member path, each node before what lies below it, in kube's element order. */
    List<List<String>> members() {
        List<List<String>> out = new ArrayList<>();
        collect(new ArrayList<>(), out);
        return out;
    }

    private void collect(List<String> prefix, List<List<String>> out) {
        if (member) {
            out.add(List.copyOf(prefix));
        }
        for (Map.Entry<String, FieldSet> c : children.entrySet()) {
            prefix.add(c.getKey());
            c.getValue().collect(prefix, out);
            prefix.removeLast();
        }
    }

    FieldSet union(FieldSet other) {
        FieldSet out = copy();
        other.members().forEach(out::insert);
        return out;
    }

    FieldSet difference(FieldSet other) {
        FieldSet out = new FieldSet();
        for (List<String> p : members()) {
            if (!other.contains(p)) {
                out.insert(p);
            }
        }
        return out;
    }

    FieldSet intersection(FieldSet other) {
        FieldSet out = new FieldSet();
        for (List<String> p : members()) {
            if (other.contains(p)) {
                out.insert(p);
            }
        }
        return out;
    }

    /** The members outside the subtrees rooted at the given paths (kube's recursive difference). */
    FieldSet withoutSubtrees(List<List<String>> roots) {
        FieldSet out = new FieldSet();
        for (List<String> p : members()) {
            if (roots.stream().noneMatch(r -> p.size() >= r.size() && p.subList(0, r.size()).equals(r))) {
                out.insert(p);
            }
        }
        return out;
    }

    /** The members inside the subtree rooted at a path. */
    FieldSet onlySubtree(List<String> root) {
        FieldSet out = new FieldSet();
        for (List<String> p : members()) {
            if (p.size() >= root.size() && p.subList(0, root.size()).equals(root)) {
                out.insert(p);
            }
        }
        return out;
    }

    FieldSet copy() {
        FieldSet out = new FieldSet();
        members().forEach(out::insert);
        return out;
    }

    /** kube's FieldsV1 JSON: {@code {"f:data":{".":{},"f:key":{}}}}. */
    ObjectNode toFieldsV1() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        if (member && !children.isEmpty()) {
            o.putObject(".");
        }
        for (Map.Entry<String, FieldSet> c : children.entrySet()) {
            if (!c.getValue().isEmpty()) {
                o.set(c.getKey(), c.getValue().toFieldsV1());
            }
        }
        return o;
    }

    /** Parses FieldsV1 JSON; fails with {@link IllegalArgumentException} on anything kube would not decode. */
    static FieldSet fromFieldsV1(JsonNode json) {
        FieldSet root = new FieldSet();
        if (!(json instanceof ObjectNode o)) {
            throw new IllegalArgumentException("FieldsV1 is not a JSON object");
        }
        read(o, new ArrayList<>(), root, true);
        return root;
    }

    private static void read(ObjectNode o, List<String> prefix, FieldSet root, boolean top) {
        if (o.isEmpty() && !top) {
            root.insert(prefix);
            return;
        }
        for (Map.Entry<String, JsonNode> e : o.properties()) {
            String k = e.getKey();
            if (!(e.getValue() instanceof ObjectNode child)) {
                throw new IllegalArgumentException("FieldsV1 member " + k + " is not an object");
            }
            if (k.equals(".")) {
                if (top) {
                    throw new IllegalArgumentException("FieldsV1 marks the root itself");
                }
                root.insert(prefix);
                continue;
            }
            if (k.length() < 3 || k.charAt(1) != ':' || "fkvi".indexOf(k.charAt(0)) < 0) {
                throw new IllegalArgumentException("unexpected FieldsV1 element " + k);
            }
            PathText.decode(k);
            prefix.add(k);
            read(child, prefix, root, false);
            prefix.removeLast();
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldSet f && f.members().equals(members());
    }

    @Override
    public int hashCode() {
        return members().hashCode();
    }

    @Override
    public String toString() {
        return toFieldsV1().toString();
    }
}
