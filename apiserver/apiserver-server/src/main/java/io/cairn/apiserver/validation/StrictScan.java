package io.cairn.apiserver.validation;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/**
 * Walks a JSON token stream along a {@link Shape} and collects unknown and duplicate fields in document order.
 *
 * <p>Why: kube's strict decoder reports problems as it meets them — an unknown key (its value is skipped), a known
 * field or map key seen twice — deduplicated and at most 100; streaming the original bytes is the only way to see
 * duplicates, which a parsed tree has already merged.
 */
final class StrictScan {
    private static final int MAX_PROBLEMS = 100;
    private final JsonParser parser;
    private final List<Object> stack = new ArrayList<>();
    private final Map<String, Problem> problems = new LinkedHashMap<>();

    private StrictScan(JsonParser parser) {
        this.parser = parser;
    }

    /** The problems of the one JSON value in {@code parser}, read to its end. */
    static List<Problem> scan(JsonParser parser, Shape shape) {
        try (parser) {
            StrictScan s = new StrictScan(parser);
            if (parser.nextToken() != null) {
                s.value(shape);
            }
            return List.copyOf(s.problems.values());
        }
    }

    private void value(Shape shape) {
        JsonToken t = parser.currentToken();
        if (t == JsonToken.START_OBJECT) {
            switch (shape) {
                case Shape.Model m -> fields(m.properties());
                case Shape.Schema s -> schemaFields(s);
                case Shape.MapOf m -> entries(m.values());
                case Shape.Untyped u -> entries(Object.class);
                default -> parser.skipChildren();
            }
        } else if (t == JsonToken.START_ARRAY) {
            switch (shape) {
                case Shape.ListOf l -> elements(l.elements());
                case Shape.Schema s when s.node().get("items") != null && s.node().get("items").isObject() -> {
                    int i = 0;
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        descend(i++, new Shape.Schema(s.node().get("items"), false));
                    }
                }
                case Shape.Schema s -> elements(Object.class);
                case Shape.Untyped u -> elements(Object.class);
                default -> parser.skipChildren();
            }
        }
    }

    private void fields(Map<String, Type> properties) {
        Set<String> seen = new HashSet<>();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String key = parser.currentName();
            parser.nextToken();
            Type type = properties.get(key);
            if (type == null) {
                report(true, key);
                parser.skipChildren();
                continue;
            }
            if (!seen.add(key)) {
                report(false, key);
            }
            descend(key, type);
        }
    }

    private void schemaFields(Shape.Schema schema) {
        JsonNode s = schema.node();
        boolean resource = schema.resource() || s.path("x-kubernetes-embedded-resource").asBoolean(false);
        JsonNode props = s.path("properties");
        JsonNode additional = s.get("additionalProperties");
        boolean anyKey = s.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)
                || additional != null && additional.asBoolean(false);
        Set<String> seen = new HashSet<>();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String key = parser.currentName();
            parser.nextToken();
            if (!seen.add(key)) {
                report(false, key);
            }
            if (resource && key.equals("metadata")) {
                descend(key, ObjectMeta.class);
            } else if (resource && (key.equals("apiVersion") || key.equals("kind"))) {
                parser.skipChildren();
            } else if (props.get(key) instanceof JsonNode child && child.isObject()) {
                descend(key, new Shape.Schema(child, false));
            } else if (additional != null && additional.isObject()) {
                descend(key, new Shape.Schema(additional, false));
            } else if (anyKey) {
                descend(key, Object.class);
            } else {
                report(true, key);
                parser.skipChildren();
            }
        }
    }

    private void entries(Type values) {
        Set<String> seen = new HashSet<>();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String key = parser.currentName();
            parser.nextToken();
            if (!seen.add(key)) {
                report(false, key);
            }
            descend(key, values);
        }
    }

    private void elements(Type elements) {
        int i = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            descend(i++, elements);
        }
    }

    private void descend(Object segment, Type type) {
        descend(segment, Shapes.of(type));
    }

    private void descend(Object segment, Shape shape) {
        stack.add(segment);
        value(shape);
        stack.removeLast();
    }

    private void report(boolean unknown, String key) {
        if (problems.size() >= MAX_PROBLEMS) {
            return;
        }
        StringBuilder path = new StringBuilder();
        for (Object s : stack) {
            if (s instanceof Integer i) {
                path.append('[').append(i).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(s);
            }
        }
        path.append(path.isEmpty() ? "" : ".").append(key);
        List<Object> location = new ArrayList<>(stack);
        location.add(key);
        Problem p = new Problem(unknown, path.toString(), location);
        problems.putIfAbsent(p.message(), p);
    }
}
