package io.cairn.apiserver.patch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * The order of a merged list: elements named by the patch (or its {@code $setElementOrder} list) in the patch's
 * order, interleaved with the elements only the server had in their old order.
 *
 * <p>Why: kube keeps the relative order of both groups and puts a server-only element before a patch element only
 * when the live list had it before that element; clients that diff lists (kubectl apply) depend on the exact
 * placement. {@code mergeKey} is empty for lists of scalars, whose elements are compared as a whole.
 *
 * @param mergeKey the JSON field identifying map elements; empty for scalars
 * @param maps whether the list holds maps (compared by merge key) rather than scalars
 */
record ElementOrder(String mergeKey, boolean maps) {

    /** Sorts the patch items by {@code patchOrder} and the server-only ones by {@code serverOrder}, then merges. */
    List<JsonNode> normalize(List<JsonNode> patchItems, List<JsonNode> serverOnly, List<JsonNode> patchOrder,
                             List<JsonNode> serverOrder) throws PatchException {
        List<JsonNode> patch = sortBy(patchItems, patchOrder);
        List<JsonNode> server = sortBy(serverOnly, serverOrder);
        return interleave(server, patch, serverOrder);
    }

    /** The elements of {@code merged} that the patch names, and the others, each in their current order. */
    Partition partition(List<JsonNode> merged, List<JsonNode> named) throws PatchException {
        List<JsonNode> inPatch = new ArrayList<>();
        List<JsonNode> serverOnly = new ArrayList<>();
        for (JsonNode v : merged) {
            boolean found;
            if (mergeKey.isEmpty()) {
                found = named.stream().anyMatch(n -> GoValues.equal(n, v));
            } else {
                found = indexOfKey(named, mergeKeyValue(v)).isPresent();
            }
            (found ? inPatch : serverOnly).add(v);
        }
        return new Partition(inPatch, serverOnly);
    }

    /** The two groups of a merged list. */
    record Partition(List<JsonNode> inPatch, List<JsonNode> serverOnly) {
    }

    /** The value of the merge key of a map element; fails as kube does when it is not a map or lacks the key. */
    JsonNode mergeKeyValue(JsonNode element) throws PatchException {
        if (!element.isObject()) {
            throw badArgType("map[string]interface {}", element);
        }
        JsonNode value = element.get(mergeKey);
        if (value == null) {
            throw noMergeKey(element, mergeKey);
        }
        return value;
    }

    /** The first map of {@code list} whose merge key equals {@code value}; fails when an element is not a map. */
    OptionalInt indexOfKey(List<JsonNode> list, JsonNode value) throws PatchException {
        for (int i = 0; i < list.size(); i++) {
            JsonNode v = list.get(i);
            if (!v.isObject()) {
                throw PatchException.internal("value for key " + i + " is not a map");
            }
            JsonNode candidate = v.get(mergeKey);
            if (candidate != null && GoValues.equal(candidate, value)) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    static PatchException noMergeKey(JsonNode map, String mergeKey) {
        return PatchException.internal("map: " + GoValues.format(map) + " does not contain declared merge key: "
                + mergeKey);
    }

    static PatchException badArgType(String expected, JsonNode actual) {
        return PatchException.internal("expected a " + expected + ", but received a " + GoValues.typeName(actual));
    }

    private List<JsonNode> sortBy(List<JsonNode> toSort, List<JsonNode> order) throws PatchException {
        List<JsonNode> kept = new ArrayList<>(toSort);
        List<JsonNode> deletions = new ArrayList<>();
        if (maps) {
            for (JsonNode v : toSort) {
                mergeKeyValue(v);
            }
            for (JsonNode v : order) {
                mergeKeyValue(v);
            }
            kept.clear();
            for (JsonNode v : toSort) {
                JsonNode directive = v.get(Directives.PATCH);
                (directive != null && directive.isString() && directive.stringValue().equals(Directives.DELETE)
                        ? deletions : kept).add(v);
            }
        }
        List<Integer> positions = new ArrayList<>(kept.size());
        boolean allFound = true;
        for (JsonNode v : kept) {
            int at = index(order, v);
            positions.add(at);
            allFound &= at >= 0;
        }
        List<JsonNode> sorted;
        if (allFound) {
            List<Integer> indexes = new ArrayList<>();
            for (int i = 0; i < kept.size(); i++) {
                indexes.add(i);
            }
            indexes.sort(Comparator.comparingInt(positions::get));
            sorted = new ArrayList<>(kept.size());
            for (int i : indexes) {
                sorted.add(kept.get(i));
            }
        } else {
            sorted = insertionSort(kept, order);
        }
        sorted.addAll(deletions);
        return sorted;
    }

    /** Go's stable insertion sort with kube's comparison, which calls an element not in the order "less". */
    private List<JsonNode> insertionSort(List<JsonNode> items, List<JsonNode> order) {
        List<JsonNode> data = new ArrayList<>(items);
        for (int i = 1; i < data.size(); i++) {
            for (int j = i; j > 0 && less(data.get(j), data.get(j - 1), order); j--) {
                JsonNode t = data.get(j);
                data.set(j, data.get(j - 1));
                data.set(j - 1, t);
            }
        }
        return data;
    }

    private boolean less(JsonNode a, JsonNode b, List<JsonNode> order) {
        int ia = index(order, a);
        if (ia >= 0) {
            int ib = index(order, b);
            if (ib >= 0) {
                return ia < ib;
            }
        }
        return true;
    }

    /**
     * kube's best-effort merge of two sorted lists: a server-only element goes first only when both it and the next
     * patch element are in the live list and it came earlier there.
     */
    private List<JsonNode> interleave(List<JsonNode> left, List<JsonNode> right, List<JsonNode> serverOrder) {
        List<JsonNode> out = new ArrayList<>(left.size() + right.size());
        int i = 0;
        int j = 0;
        while (i < left.size() || j < right.size()) {
            if (i >= left.size()) {
                out.add(right.get(j++));
            } else if (j >= right.size()) {
                out.add(left.get(i++));
            } else {
                int li = index(serverOrder, left.get(i));
                int ri = index(serverOrder, right.get(j));
                if (li >= 0 && ri >= 0 && li < ri) {
                    out.add(left.get(i++));
                } else {
                    out.add(right.get(j++));
                }
            }
        }
        return out;
    }

    /** The position of an element in a list: by merge key for maps (a missing key is nil), by value for scalars. */
    private int index(List<JsonNode> list, JsonNode element) {
        JsonNode wanted = lookupValue(element);
        for (int i = 0; i < list.size(); i++) {
            if (GoValues.equal(wanted, lookupValue(list.get(i)))) {
                return i;
            }
        }
        return -1;
    }

    private JsonNode lookupValue(JsonNode item) {
        if (!maps) {
            return item;
        }
        if (!item.isObject()) {
            return MissingNode.getInstance();
        }
        JsonNode value = item.get(mergeKey);
        return value == null ? MissingNode.getInstance() : value;
    }
}
