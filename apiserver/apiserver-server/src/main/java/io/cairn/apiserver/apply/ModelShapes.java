package io.cairn.apiserver.apply;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.cairn.apiserver.registry.Models;
import java.beans.Introspector;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The shapes of the built-in kinds: the structure of each kind comes from its fabric8 model class (every JSON
 * property is a getter with {@code @JsonProperty} whose generic type names what lies below), the list and map tags
 * from {@link ShapeTable}.
 */
final class ModelShapes implements ObjectShapes {
    static final ModelShapes INSTANCE = new ModelShapes(ShapeTable.BUILT_IN);

    /** Model classes that stand for one JSON scalar. */
    private static final Set<String> SCALARS = Set.of("Quantity", "IntOrString", "MicroTime", "Duration", "Time");

    private static final ClassValue<Map<String, Type>> PROPERTIES = new ClassValue<>() {
        @Override
        protected Map<String, Type> computeValue(Class<?> c) {
            Map<String, Type> properties = new HashMap<>();
            for (Method m : c.getMethods()) {
                JsonProperty p = m.getAnnotation(JsonProperty.class);
                if (p == null || m.getParameterCount() != 0 || m.getReturnType() == void.class
                        || m.isAnnotationPresent(JsonIgnore.class)) {
                    continue;
                }
                String name = p.value().isEmpty() ? Introspector.decapitalize(m.getName().replaceFirst("^(get|is)", ""))
                        : p.value();
                properties.put(name, m.getGenericReturnType());
            }
            return Map.copyOf(properties);
        }
    };

    /** The value-struct fields of every kind's top level. */
    private static final Set<String> ROOT_VALUES = Set.of("metadata", "spec", "status");

    private final ShapeTable table;

    ModelShapes(ShapeTable table) {
        this.table = table;
    }

    @Override
    public Optional<Schema> of(String apiVersion, String kind) {
        return Models.of(apiVersion, kind).map(c -> node(c, null, true));
    }

    /** The schema of a Java model type, shaped by the field that leads to it (null at the root). */
    private Schema node(Type type, ShapeTable.FieldShape shape) {
        return node(type, shape, false);
    }

    private Schema node(Type type, ShapeTable.FieldShape shape, boolean root) {
        Class<?> raw = raw(type);
        if (raw == Object.class || JsonNode.class.isAssignableFrom(raw)) {
            return Schema.UNTYPED;
        }
        if (Map.class.isAssignableFrom(raw)) {
            Type value = type instanceof ParameterizedType p ? p.getActualTypeArguments()[1] : Object.class;
            return new Node(Schema.Kind.MAP, shape != null && shape.shape().equals("atomic"), List.of(), Map.of(),
                    false, Map.of(), null, node(value, null), raw, false);
        }
        if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
            Type element = type instanceof ParameterizedType p ? p.getActualTypeArguments()[0]
                    : raw.isArray() ? raw.getComponentType() : Object.class;
            String s = shape == null ? "atomic" : shape.shape();
            return new Node(Schema.Kind.LIST, s.equals("atomic"), s.equals("map") ? shape.keys() : List.of(),
                    s.equals("map") ? shape.defaults() : Map.of(), s.equals("set"), Map.of(), node(element, null),
                    null, raw, false);
        }
        if (raw.isPrimitive() || raw.isEnum() || raw == String.class || Number.class.isAssignableFrom(raw)
                || raw == Boolean.class || SCALARS.contains(raw.getSimpleName())) {
            return new Node(Schema.Kind.SCALAR, false, List.of(), Map.of(), false, Map.of(), null, null, raw, false);
        }
        boolean atomic = table.atomicTypes().contains(raw) || shape != null && shape.shape().equals("atomic");
        return new Node(Schema.Kind.STRUCT, atomic, List.of(), Map.of(), false, PROPERTIES.get(raw), null, null, raw,
                root);
    }

    private static Class<?> raw(Type type) {
        return switch (type) {
            case Class<?> c -> c;
            case ParameterizedType p when p.getRawType() instanceof Class<?> c -> c;
            case WildcardType w -> raw(w.getUpperBounds()[0]);
            default -> Object.class;
        };
    }

    /** One node; struct fields are resolved lazily, since the model graph is recursive. */
    private final class Node implements Schema {
        private final Kind kind;
        private final boolean atomic;
        private final List<String> keys;
        private final Map<String, JsonNode> keyDefaults;
        private final boolean set;
        private final Map<String, Type> properties;
        private final Schema element;
        private final Schema values;
        private final Class<?> type;
        private final boolean root;

        Node(Kind kind, boolean atomic, List<String> keys, Map<String, JsonNode> keyDefaults, boolean set,
             Map<String, Type> properties, Schema element, Schema values, Class<?> type, boolean root) {
            this.root = root;
            this.kind = kind;
            this.atomic = atomic;
            this.keys = keys;
            this.keyDefaults = keyDefaults;
            this.set = set;
            this.properties = properties;
            this.element = element;
            this.values = values;
            this.type = type;
        }

        @Override
        public Kind kind() {
            return kind;
        }

        @Override
        public boolean atomic() {
            return atomic;
        }

        @Override
        public List<String> keys() {
            return keys;
        }

        @Override
        public Map<String, JsonNode> keyDefaults() {
            return keyDefaults;
        }

        @Override
        public boolean set() {
            return set;
        }

        @Override
        public boolean declares(String name) {
            return properties.containsKey(name);
        }

        @Override
        public Schema field(String name) {
            if (kind == Kind.MAP) {
                return values;
            }
            Type t = properties.get(name);
            return t == null ? Schema.UNTYPED : node(t, table.of(type, name));
        }

        @Override
        public boolean inZeroValue(String field) {
            if (kind != Kind.STRUCT) {
                return false;
            }
            return root && ROOT_VALUES.contains(field) || table.inZeroValue(type, field);
        }

        @Override
        public Schema element() {
            return element == null ? Schema.UNTYPED : element;
        }
    }
}
