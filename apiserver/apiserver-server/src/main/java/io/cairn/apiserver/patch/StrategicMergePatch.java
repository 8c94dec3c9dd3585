package io.cairn.apiserver.patch;

import io.cairn.apiserver.registry.Models;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies a strategic merge patch ({@code application/strategic-merge-patch+json}) the way kube-apiserver does.
 *
 * <p>Why: {@code kubectl patch} (whose default type this is), client-side {@code kubectl apply}, client-java and
 * fabric8 send strategic merge patches and expect kube's object back. Objects merge member by member and {@code null}
 * deletes; a list merges only when its field declares the {@code merge} strategy — lists of maps element by element
 * on the merge key, lists of scalars as a union — and is replaced otherwise. Directives steer the merge:
 * {@code $patch: replace|delete} on a map or a list element, {@code $retainKeys} (clears the keys not listed),
 * {@code $setElementOrder/<list>} (the order of the merged list) and {@code $deleteFromPrimitiveList/<list>}.
 * Failures carry kube's messages and HTTP answers (see {@link PatchException}). The input trees are never modified.
 */
public final class StrategicMergePatch {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StrategicMergePatch() {
    }

    /**
     * The object of kind {@code apiVersion}/{@code kind} with the patch merged in.
     *
     * @throws PatchException 415 for a kind without declared patch strategies, 400 for a patch that is not an
     *     object or a malformed directive, 422 or 500 where kube answers so
     */
    public static JsonNode apply(String apiVersion, String kind, JsonNode original, JsonNode patch)
            throws PatchException {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(patch, "patch");
        Class<?> model = Models.of(apiVersion, kind).orElseThrow(PatchException::unsupportedMediaType);
        ObjectNode target = original.isObject() ? (ObjectNode) original.deepCopy() : NODES.objectNode();
        if (patch.isNull()) {
            return target;
        }
        if (!patch.isObject()) {
            throw PatchException.undecodable("json: cannot unmarshal " + GoJson.kind(patch)
                    + " into Go value of type map[string]interface {}");
        }
        return mergeMap(target, (ObjectNode) patch.deepCopy(), new ModelType(model));
    }

    private static ObjectNode mergeMap(ObjectNode original, ObjectNode patch, ModelType schema)
            throws PatchException {
        JsonNode directive = patch.get(Directives.PATCH);
        if (directive != null) {
            return mapDirective(directive, patch);
        }
        retainKeys(original, patch);
        setElementOrders(original, patch, schema);
        for (String name : List.copyOf(patch.propertyNames())) {
            JsonNode patchValue = patch.get(name);
            String key = name;
            boolean deleteList = name.startsWith(Directives.DELETE_FROM_PRIMITIVE_LIST);
            if (deleteList) {
                key = listName(name, Directives.DELETE_FROM_PRIMITIVE_LIST,
                        "invalid patch format of primitive list");
            }
            if (patchValue.isNull()) {
                original.remove(key);
                continue;
            }
            JsonNode originalValue = original.get(key);
            if (originalValue == null || originalValue.getNodeType() != patchValue.getNodeType()
                    || originalValue.isNumber() && originalValue.isIntegralNumber() != patchValue.isIntegralNumber()) {
                if (!deleteList) {
                    putAsSent(original, key, patchValue);
                }
                continue;
            }
            if (patchValue instanceof ObjectNode patchObject) {
                ModelType.Field field = schema.field(key);
                original.set(key, field.strategy().replaces() ? Directives.strip(patchObject)
                        : mergeMap((ObjectNode) originalValue, patchObject, field.type()));
            } else if (patchValue instanceof ArrayNode patchArray) {
                ModelType.Field field = schema.sliceField(key);
                original.set(key, mergeListField((ArrayNode) originalValue, patchArray, field, deleteList));
            } else {
                original.set(key, patchValue);
            }
        }
        return original;
    }

    private static ArrayNode mergeListField(ArrayNode original, ArrayNode patch, ModelType.Field field,
                                            boolean deleteList) throws PatchException {
        if (field.strategy().merges() || deleteList) {
            return toArray(mergeList(elements(original), elements(patch), field, deleteList));
        }
        return (ArrayNode) Directives.strip(patch);
    }

    /** A value the object did not have (or had with another type): taken as sent, without directives or nulls. */
    private static void putAsSent(ObjectNode original, String key, JsonNode patchValue) {
        Optional<JsonNode> kept = Directives.removeObjectsWithPatch(patchValue);
        if (kept.isPresent()) {
            original.set(key, Directives.strip(kept.get()));
        } else {
            original.remove(key);
        }
    }

    private static ObjectNode mapDirective(JsonNode directive, ObjectNode patch) throws PatchException {
        if (isText(directive, Directives.REPLACE)) {
            patch.remove(Directives.PATCH);
            return (ObjectNode) Directives.strip(patch);
        }
        if (isText(directive, Directives.DELETE)) {
            return NODES.objectNode();
        }
        throw badPatchType(directive, patch);
    }

    private static void retainKeys(ObjectNode original, ObjectNode patch) throws PatchException {
        JsonNode retain = patch.remove(Directives.RETAIN_KEYS);
        if (retain == null) {
            return;
        }
        if (!retain.isArray()) {
            throw PatchException.undecodable("invalid patch format of retainKeys");
        }
        Set<String> kept = new HashSet<>();
        for (JsonNode key : retain.values()) {
            if (key.isString()) {
                kept.add(key.stringValue());
            }
        }
        for (Map.Entry<String, JsonNode> member : patch.properties()) {
            String key = member.getKey();
            if (member.getValue().isNull() || key.startsWith(Directives.DELETE_FROM_PRIMITIVE_LIST)
                    || key.startsWith(Directives.SET_ELEMENT_ORDER)) {
                continue;
            }
            if (!kept.contains(key)) {
                throw PatchException.undecodable("invalid patch format of retainKeys");
            }
        }
        original.retain(kept);
    }

    /** Merges each list named by a {@code $setElementOrder/<list>} directive and puts it in the requested order. */
    private static void setElementOrders(ObjectNode original, ObjectNode patch, ModelType schema)
            throws PatchException {
        for (String name : List.copyOf(patch.propertyNames())) {
            if (!name.startsWith(Directives.SET_ELEMENT_ORDER)) {
                continue;
            }
            JsonNode order = patch.remove(name);
            if (!order.isArray()) {
                throw ElementOrder.badArgType("[]interface {}", order);
            }
            String key = listName(name, Directives.SET_ELEMENT_ORDER, "invalid patch format of setElementOrder list");
            JsonNode originalList = original.get(key);
            JsonNode patchList = patch.get(key);
            if (originalList != null && !originalList.isArray()) {
                throw ElementOrder.badArgType("[]interface {}", originalList);
            }
            if (patchList != null && !patchList.isArray()) {
                throw ElementOrder.badArgType("[]interface {}", patchList);
            }
            List<JsonNode> originalElements = originalList == null ? List.of() : elements(originalList);
            List<JsonNode> patchElements = patchList == null ? List.of() : elements(patchList);
            List<JsonNode> orderElements = elements(order);
            ModelType.Field field = schema.sliceField(key);
            String mergeKey = field.strategy().mergeKey();
            checkOrderMatchesPatch(patchElements, orderElements, patchList, order, mergeKey);
            List<JsonNode> merged;
            if (originalList != null && patchList == null) {
                merged = originalElements;
            } else if (originalList == null && patchList != null) {
                merged = elements(Directives.strip(Directives.removeObjectsWithPatch(patchList).orElseThrow()));
            } else if (originalList != null) {
                merged = elements(mergeListField((ArrayNode) originalList, (ArrayNode) patchList, field, false));
            } else {
                continue;
            }
            ElementOrder byKey = new ElementOrder(mergeKey, false);
            ElementOrder.Partition parts = byKey.partition(merged, orderElements);
            boolean maps = elementsAreMaps(originalElements, patchElements);
            List<JsonNode> ordered = new ElementOrder(mergeKey, maps).normalize(parts.inPatch(), parts.serverOnly(),
                    orderElements, originalElements);
            original.set(key, toArray(ordered));
            patch.remove(key);
        }
    }

    /** kube's check that the patch list names its elements in the relative order of the order list. */
    private static void checkOrderMatchesPatch(List<JsonNode> patchElements, List<JsonNode> order,
                                               JsonNode patchList, JsonNode orderList, String mergeKey)
            throws PatchException {
        if (order.isEmpty() || patchElements.isEmpty()) {
            return;
        }
        List<JsonNode> nonDelete = new ArrayList<>();
        for (JsonNode v : patchElements) {
            if (mergeKey.isEmpty()) {
                nonDelete.add(v);
            } else if (!v.isObject()) {
                throw ElementOrder.badArgType("map[string]interface {}", v);
            } else if (!isText(v.path(Directives.PATCH), Directives.DELETE)) {
                nonDelete.add(v);
            }
        }
        int p = 0;
        int o = 0;
        while (p < nonDelete.size() && o < order.size()) {
            if (nonDelete.get(p).isObject() && nonDelete.get(p).has(Directives.PATCH)) {
                p++;
                continue;
            }
            if (mergeKeyValueEqual(nonDelete.get(p), order.get(o), mergeKey)) {
                p++;
            }
            o++;
        }
        if (p < nonDelete.size() && o >= order.size()) {
            throw PatchException.internal("The order in patch list:\n" + GoValues.format(patchList)
                    + "\n doesn't match " + Directives.SET_ELEMENT_ORDER + " list:\n" + GoValues.format(orderList)
                    + "\n");
        }
    }

    private static boolean mergeKeyValueEqual(JsonNode left, JsonNode right, String mergeKey)
            throws PatchException {
        if (mergeKey.isEmpty()) {
            return GoValues.equal(left, right);
        }
        ElementOrder byKey = new ElementOrder(mergeKey, true);
        return GoValues.equal(byKey.mergeKeyValue(left), byKey.mergeKeyValue(right));
    }

    /** kube's {@code mergeSlice}: a union of scalars, or maps merged by key; then the order kube gives them. */
    private static List<JsonNode> mergeList(List<JsonNode> originalIn, List<JsonNode> patchIn, ModelType.Field field,
                                            boolean deleteList) throws PatchException {
        List<JsonNode> original = new ArrayList<>(originalIn);
        List<JsonNode> patch = new ArrayList<>(patchIn);
        if (original.isEmpty() && patch.isEmpty()) {
            return original;
        }
        boolean maps = elementsAreMaps(original, patch);
        String mergeKey = field.strategy().mergeKey();
        List<JsonNode> merged;
        if (!maps) {
            if (deleteList) {
                return original.stream().filter(v -> patchIn.stream().noneMatch(d -> GoValues.equal(d, v))).toList();
            }
            List<JsonNode> both = new ArrayList<>(original);
            both.addAll(patch);
            merged = deduplicate(both);
        } else {
            if (mergeKey.isEmpty()) {
                throw PatchException.internal("cannot merge lists without merge key for " + field.type().goKind());
            }
            ElementOrder byKey = new ElementOrder(mergeKey, true);
            boolean replace = false;
            List<JsonNode> plain = new ArrayList<>();
            for (JsonNode v : patch) {
                JsonNode directive = v.get(Directives.PATCH);
                if (directive == null) {
                    plain.add(v);
                } else if (isText(directive, Directives.DELETE)) {
                    JsonNode value = v.get(mergeKey);
                    if (value == null) {
                        throw ElementOrder.noMergeKey(v, mergeKey);
                    }
                    for (OptionalInt at = byKey.indexOfKey(original, value); at.isPresent();
                         at = byKey.indexOfKey(original, value)) {
                        original.remove(at.getAsInt());
                    }
                } else if (isText(directive, Directives.REPLACE)) {
                    replace = true;
                } else if (isText(directive, Directives.MERGE)) {
                    throw PatchException.internal("merging lists cannot yet be specified in the patch");
                } else {
                    throw badPatchType(directive, (ObjectNode) v);
                }
            }
            if (replace) {
                original = new ArrayList<>(plain.stream().map(Directives::strip).toList());
                patch = List.of();
            } else {
                patch = plain;
            }
            merged = new ArrayList<>(original);
            for (JsonNode v : patch) {
                JsonNode value = v.get(mergeKey);
                if (value == null) {
                    throw ElementOrder.noMergeKey(v, mergeKey);
                }
                OptionalInt at = byKey.indexOfKey(merged, value);
                if (at.isPresent()) {
                    merged.set(at.getAsInt(), mergeMap((ObjectNode) merged.get(at.getAsInt()), (ObjectNode) v,
                            field.type()));
                } else {
                    merged.add(Directives.strip(v));
                }
            }
        }
        ElementOrder order = new ElementOrder(mergeKey, maps);
        ElementOrder.Partition parts = order.partition(merged, patch);
        return order.normalize(parts.inPatch(), parts.serverOnly(), patch, original);
    }

    /** Go's in-place deduplication: a later duplicate is overwritten by the last element. */
    private static List<JsonNode> deduplicate(List<JsonNode> s) {
        List<JsonNode> out = new ArrayList<>(s);
        int length = out.size() - 1;
        for (int i = 0; i < length; i++) {
            for (int j = i + 1; j <= length; j++) {
                if (GoValues.equal(out.get(i), out.get(j))) {
                    out.set(j, out.get(length));
                    out.remove(length);
                    length--;
                    j--;
                }
            }
        }
        return out;
    }

    /** Whether the elements of the lists are maps; fails as kube does for lists of lists and mixed types. */
    private static boolean elementsAreMaps(List<JsonNode> first, List<JsonNode> second) throws PatchException {
        Optional<String> type = Optional.empty();
        for (List<JsonNode> list : List.of(first, second)) {
            for (JsonNode v : list) {
                String current = GoValues.typeName(v);
                if (type.isEmpty()) {
                    if (v.isArray()) {
                        throw PatchException.notApplicable("lists of lists are not supported");
                    }
                    type = Optional.of(current);
                } else if (!type.get().equals(current)) {
                    throw PatchException.internal("list element types are not identical: ["
                            + GoValues.format(toArray(first)) + " " + GoValues.format(toArray(second)) + "]");
                }
            }
        }
        if (type.isEmpty()) {
            throw PatchException.internal("no elements in any of the given slices");
        }
        return type.get().equals("map[string]interface {}");
    }

    /** The list a directive key names: the part after {@code <prefix>/}. */
    private static String listName(String key, String prefix, String malformed) throws PatchException {
        int slash = key.indexOf('/');
        if (slash < 0 || !key.substring(0, slash).equals(prefix)) {
            throw PatchException.undecodable(malformed);
        }
        return key.substring(slash + 1);
    }

    private static PatchException badPatchType(JsonNode directive, ObjectNode map) {
        String shown = directive.isString() ? directive.stringValue()
                : "%!s(" + GoValues.typeName(directive) + "=" + GoValues.format(directive) + ")";
        return PatchException.internal("unknown patch type: " + shown + " in map: " + GoValues.format(map));
    }

    private static boolean isText(JsonNode node, String text) {
        return node.isString() && node.stringValue().equals(text);
    }

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> out = new ArrayList<>(array.size());
        array.values().forEach(out::add);
        return out;
    }

    private static ArrayNode toArray(List<JsonNode> elements) {
        ArrayNode array = NODES.arrayNode();
        elements.forEach(array::add);
        return array;
    }
}
