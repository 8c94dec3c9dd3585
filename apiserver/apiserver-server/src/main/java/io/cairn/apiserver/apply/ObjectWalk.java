package io.cairn.apiserver.apply;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Walks an object along its {@link Schema} to list its fields the way structured-merge-diff does.
 *
 * <p>Why: managed fields are sets of these paths; the rules of which nodes are members (leaves, atomic values, map
 * entries, list elements, empty maps) decide what a manager owns, so they live in one place.
 */
final class ObjectWalk {
    private ObjectWalk() {
    }

    /** Whether a node is taken as one value: a scalar, an atomic list/map/struct, or a value of the wrong type. */
    static boolean leaf(JsonNode v, Schema s) {
        return switch (s.kind()) {
            case SCALAR -> true;
            case UNTYPED -> !v.isObject();
            case STRUCT, MAP -> s.atomic() || !v.isObject();
            case LIST -> s.atomic() || !v.isArray();
        };
    }

    /** The path element of a list element: its keys, its value for sets; empty when the list has neither. */
    static String element(JsonNode item, Schema list) {
        if (list.set()) {
            return PathText.value(item);
        }
        Map<String, JsonNode> keys = new LinkedHashMap<>();
        for (String k : list.keys()) {
            JsonNode v = item.get(k);
            if (v == null || v.isNull()) {
                v = list.keyDefaults().get(k);
            }
            if (v != null) {
                keys.put(k, v);
            }
        }
        return PathText.key(keys);
    }

    /** The members of an object: what an applier of it owns (kube's ToFieldSet). */
    static FieldSet members(JsonNode v, Schema s) {
        FieldSet out = new FieldSet();
        members(v, s, new ArrayList<>(), out, false);
        return out;
    }

    /** Every path of an object, containers included: what is gone when a field disappears. */
    static FieldSet nodes(JsonNode v, Schema s) {
        FieldSet out = new FieldSet();
        members(v, s, new ArrayList<>(), out, true);
        return out;
    }

    private static void members(JsonNode v, Schema s, List<String> path, FieldSet out, boolean all) {
        if (all && !path.isEmpty()) {
            out.insert(path);
        }
        if (v.isNull() || leaf(v, s)) {
            out.insert(path);
            return;
        }
        if (v instanceof ObjectNode o) {
            for (Map.Entry<String, JsonNode> e : o.properties()) {
                path.add(PathText.field(e.getKey()));
                JsonNode child = e.getValue();
                members(child, s.field(e.getKey()), path, out, all);
                boolean declared = s.kind() == Schema.Kind.STRUCT && s.declares(e.getKey());
                if (child.isNull() || child.isObject() && child.isEmpty() || !declared) {
                    out.insert(path);
                }
                path.removeLast();
            }
        } else if (v instanceof ArrayNode a) {
            for (JsonNode item : a) {
                path.add(element(item, s));
                members(item, s.element(), path, out, all);
                out.insert(path);
                path.removeLast();
            }
        }
    }

    /**
     * The fields of {@code next} that are new or changed since {@code previous} ({@code null} = absent): changed
     * leaves, and new map entries, list elements and the maps and lists that were created to hold them.
     */
    static FieldSet changed(JsonNode previous, JsonNode next, Schema s) {
        FieldSet out = new FieldSet();
        changed(previous, next, s, new ArrayList<>(), out, true);
        return out;
    }

    /** {@code zero}: the node is present in its parent's Go zero value, so creating it does not own it. */
    private static void changed(JsonNode before, JsonNode after, Schema s, List<String> path, FieldSet out,
                                boolean zero) {
        if (after.isNull() || leaf(after, s)) {
            if (!Objects.equals(before, after)) {
                out.insert(path);
            }
            return;
        }
        if (before == null && !zero) {
            out.insert(path);
        }
        if (after instanceof ObjectNode o) {
            ObjectNode old = before instanceof ObjectNode b ? b : null;
            for (Map.Entry<String, JsonNode> e : o.properties()) {
                path.add(PathText.field(e.getKey()));
                JsonNode child = e.getValue();
                JsonNode was = old == null ? null : old.get(e.getKey());
                changed(was, child, s.field(e.getKey()), path, out, s.inZeroValue(e.getKey()));
                boolean declared = s.kind() == Schema.Kind.STRUCT && s.declares(e.getKey());
                boolean member = child.isNull() || child.isObject() && child.isEmpty() || !declared;
                if (member && was == null) {
                    out.insert(path);
                }
                path.removeLast();
            }
        } else if (after instanceof ArrayNode a) {
            Map<String, JsonNode> old = new LinkedHashMap<>();
            if (before instanceof ArrayNode b) {
                for (JsonNode item : b) {
                    old.putIfAbsent(element(item, s), item);
                }
            }
            for (JsonNode item : a) {
                String pe = element(item, s);
                path.add(pe);
                JsonNode was = old.get(pe);
                changed(was, item, s.element(), path, out, false);
                if (was == null) {
                    out.insert(path);
                }
                path.removeLast();
            }
        }
    }
}
