package io.cairn.apiserver.apply;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The text forms of path elements: kube's FieldsV1 keys ({@code f:}, {@code k:}, {@code v:}, {@code i:}) and the
 * path strings its conflict messages print ({@code .spec.containers[name="nginx"].image}).
 *
 * <p>Why: both forms must match kube's byte for byte, since clients print and compare them.
 */
final class PathText {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PathText() {
    }

    static String field(String name) {
        return "f:" + name;
    }

    /** A key element: the key fields as a JSON object with sorted names. */
    static String key(Map<String, JsonNode> keys) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        new TreeMap<>(keys).forEach(o::set);
        return "k:" + JSON.writeValueAsString(o);
    }

    static String value(JsonNode v) {
        return "v:" + JSON.writeValueAsString(v);
    }

    /** Checks that an element's JSON part parses; returns it ({@code null} for fields). */
    static JsonNode decode(String element) {
        String rest = element.substring(2);
        try {
            return switch (element.charAt(0)) {
                case 'f' -> null;
                case 'k' -> {
                    JsonNode n = JSON.readTree(rest);
                    if (!n.isObject()) {
                        throw new IllegalArgumentException("key element is not an object: " + element);
                    }
                    yield n;
                }
                case 'v' -> JSON.readTree(rest);
                case 'i' -> JsonNodeFactory.instance.numberNode(Integer.parseInt(rest));
                default -> throw new IllegalArgumentException("unexpected element " + element);
            };
        } catch (JacksonException | NumberFormatException e) {
            throw new IllegalArgumentException("malformed element " + element, e);
        }
    }

    /** kube's path string: {@code .data.key}, {@code .spec.ports[containerPort=80,protocol="TCP"]}, {@code [="a"]}. */
    static String format(List<String> path) {
        StringBuilder b = new StringBuilder();
        for (String e : path) {
            switch (e.charAt(0)) {
                case 'f' -> b.append('.').append(e, 2, e.length());
                case 'k' -> {
                    b.append('[');
                    boolean first = true;
                    for (Map.Entry<String, JsonNode> k : decode(e).properties()) {
                        if (!first) {
                            b.append(',');
                        }
                        first = false;
                        b.append(k.getKey()).append('=').append(JSON.writeValueAsString(k.getValue()));
                    }
                    b.append(']');
                }
                case 'v' -> b.append("[=").append(e, 2, e.length()).append(']');
                default -> b.append('[').append(e, 2, e.length()).append(']');
            }
        }
        return b.toString();
    }
}
