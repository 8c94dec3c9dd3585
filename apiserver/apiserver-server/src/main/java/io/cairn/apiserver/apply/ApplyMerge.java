package io.cairn.apiserver.apply;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The merge of an applied configuration into the live object, and the removal of fields an applier stopped applying.
 *
 * <p>Why: structured-merge-diff merges by shape, not by patch directives: the applied value wins at every leaf,
 * structs and granular maps merge key by key, associative lists and sets merge element by element (live elements
 * keep their place, new ones are inserted where the configuration puts them), and atomic values are replaced.
 */
final class ApplyMerge {
    private ApplyMerge() {
    }

    /** The live object with the configuration merged in (neither argument is changed). */
    static JsonNode merge(JsonNode live, JsonNode config, Schema s) {
        if (live == null || live.isNull() || config.isNull() || ObjectWalk.leaf(config, s)
                || live.getNodeType() != config.getNodeType()) {
            return config.deepCopy();
        }
        if (config instanceof ObjectNode c) {
            ObjectNode out = ((ObjectNode) live).deepCopy();
            for (Map.Entry<String, JsonNode> e : c.properties()) {
                out.set(e.getKey(), merge(live.get(e.getKey()), e.getValue(), s.field(e.getKey())));
            }
            return out;
        }
        return mergeList((ArrayNode) live, (ArrayNode) config, s);
    }

    /** Two-pointer merge in kube's order: common elements merged, live-only kept, applied-only inserted. */
    private static ArrayNode mergeList(ArrayNode live, ArrayNode config, Schema s) {
        Map<String, JsonNode> liveByKey = new LinkedHashMap<>();
        List<String> liveKeys = new ArrayList<>();
        for (JsonNode item : live) {
            String k = ObjectWalk.element(item, s);
            liveByKey.putIfAbsent(k, item);
            liveKeys.add(k);
        }
        Map<String, JsonNode> configByKey = new LinkedHashMap<>();
        List<String> configKeys = new ArrayList<>();
        for (JsonNode item : config) {
            String k = ObjectWalk.element(item, s);
            configByKey.putIfAbsent(k, item);
            configKeys.add(k);
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        Set<String> done = new HashSet<>();
        int l = 0;
        int r = 0;
        while (l < liveKeys.size() || r < configKeys.size()) {
            if (l < liveKeys.size() && done.contains(liveKeys.get(l))) {
                l++;
                continue;
            }
            if (r < configKeys.size() && done.contains(configKeys.get(r))) {
                r++;
                continue;
            }
            String pick;
            if (l < liveKeys.size() && (r >= configKeys.size() || !configByKey.containsKey(liveKeys.get(l)))) {
                pick = liveKeys.get(l++);
            } else {
                pick = configKeys.get(r++);
            }
            done.add(pick);
            JsonNode c = configByKey.get(pick);
            JsonNode lv = liveByKey.get(pick);
            out.add(c == null ? lv.deepCopy() : merge(lv, c, s.element()));
        }
        return out;
    }

    /** Removes the field at a path (no-op when absent), then any object or list the removal left empty. */
    static void remove(JsonNode root, List<String> path, Schema s) {
        if (path.isEmpty()) {
            return;
        }
        JsonNode parent = root;
        Schema ps = s;
        List<JsonNode> chain = new ArrayList<>();
        chain.add(root);
        for (int i = 0; i < path.size() - 1; i++) {
            JsonNode next = step(parent, path.get(i), ps);
            if (next == null) {
                return;
            }
            ps = parent.isArray() ? ps.element() : ps.field(path.get(i).substring(2));
            parent = next;
            chain.add(parent);
        }
        if (!detach(parent, path.getLast(), ps)) {
            return;
        }
        for (int i = chain.size() - 1; i > 0 && chain.get(i).isEmpty() && chain.get(i).isContainer(); i--) {
            detachNode(chain.get(i - 1), chain.get(i));
        }
    }

    private static JsonNode step(JsonNode node, String element, Schema s) {
        if (node instanceof ObjectNode o && element.startsWith("f:")) {
            return o.get(element.substring(2));
        }
        if (node instanceof ArrayNode a) {
            for (JsonNode item : a) {
                if (ObjectWalk.element(item, s).equals(element)) {
                    return item;
                }
            }
        }
        return null;
    }

    private static boolean detach(JsonNode node, String element, Schema s) {
        if (node instanceof ObjectNode o && element.startsWith("f:")) {
            return o.remove(element.substring(2)) != null;
        }
        if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (ObjectWalk.element(a.get(i), s).equals(element)) {
                    a.remove(i);
                    return true;
                }
            }
        }
        return false;
    }

    private static void detachNode(JsonNode parent, JsonNode child) {
        if (parent instanceof ObjectNode o) {
            String name = null;
            for (Map.Entry<String, JsonNode> e : o.properties()) {
                if (e.getValue() == child) {
                    name = e.getKey();
                }
            }
            if (name != null) {
                o.remove(name);
            }
        } else if (parent instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i) == child) {
                    a.remove(i);
                    return;
                }
            }
        }
    }
}
