package io.cairn.apiserver.apply;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import tools.jackson.databind.JsonNode;

/**
 * The shapes of custom kinds, read from the structural schema of their definition version.
 *
 * <p>Why: a custom resource's lists and maps merge as its schema says, as on Kubernetes: {@code
 * x-kubernetes-list-type} {@code map} (with {@code x-kubernetes-list-map-keys}) or {@code set}, and lists that say
 * nothing are atomic; {@code x-kubernetes-map-type: atomic} makes an object one value. Fields below
 * {@code x-kubernetes-preserve-unknown-fields} are deduced from their values. {@code metadata} has ObjectMeta's
 * shapes, as on every kind.
 */
final class StructuralShapes implements ObjectShapes {
    private final BiFunction<String, String, Optional<JsonNode>> schemas;

    StructuralShapes(BiFunction<String, String, Optional<JsonNode>> schemas) {
        this.schemas = schemas;
    }

    @Override
    public Optional<Schema> of(String apiVersion, String kind) {
        return schemas.apply(apiVersion, kind).filter(JsonNode::isObject).map(Root::new);
    }

    /** The object's top level: the schema's fields plus apiVersion, kind and metadata. */
    private static final class Root extends Node {
        private static final Schema META = ModelShapes.INSTANCE.of("v1", "ConfigMap").orElseThrow().field("metadata");

        Root(JsonNode schema) {
            super(schema);
        }

        @Override
        public Kind kind() {
            return Kind.STRUCT;
        }

        @Override
        public boolean declares(String name) {
            return name.equals("apiVersion") || name.equals("kind") || name.equals("metadata") || super.declares(name);
        }

        @Override
        public Schema field(String name) {
            return switch (name) {
                case "metadata" -> META;
                case "apiVersion", "kind" -> Scalar.INSTANCE;
                default -> super.field(name);
            };
        }
    }

    /** One node of a structural schema. */
    private static class Node implements Schema {
        private final JsonNode schema;

        Node(JsonNode schema) {
            this.schema = schema;
        }

        @Override
        public Kind kind() {
            String type = schema.path("type").asString("");
            if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
                return Kind.SCALAR;
            }
            return switch (type) {
                case "object" -> schema.has("properties") ? Kind.STRUCT
                        : schema.has("additionalProperties") && schema.get("additionalProperties").isObject()
                        ? Kind.MAP : Kind.UNTYPED;
                case "array" -> Kind.LIST;
                case "string", "integer", "number", "boolean" -> Kind.SCALAR;
                default -> Kind.UNTYPED;
            };
        }

        @Override
        public boolean atomic() {
            return switch (kind()) {
                case LIST -> listType().equals("atomic");
                case STRUCT, MAP -> schema.path("x-kubernetes-map-type").asString("").equals("atomic");
                default -> false;
            };
        }

        @Override
        public List<String> keys() {
            if (!listType().equals("map")) {
                return List.of();
            }
            List<String> keys = new ArrayList<>();
            schema.path("x-kubernetes-list-map-keys").forEach(k -> keys.add(k.asString()));
            return List.copyOf(keys);
        }

        @Override
        public Map<String, JsonNode> keyDefaults() {
            Map<String, JsonNode> defaults = new LinkedHashMap<>();
            JsonNode properties = schema.path("items").path("properties");
            for (String key : keys()) {
                JsonNode d = properties.path(key).path("default");
                if (!d.isMissingNode()) {
                    defaults.put(key, d);
                }
            }
            return Map.copyOf(defaults);
        }

        @Override
        public boolean set() {
            return listType().equals("set");
        }

        @Override
        public boolean declares(String name) {
            return schema.path("properties").has(name) || schema.path("x-kubernetes-preserve-unknown-fields")
                    .asBoolean(false);
        }

        @Override
        public Schema field(String name) {
            JsonNode f = schema.path("properties").path(name);
            if (f.isObject()) {
                return new Node(f);
            }
            JsonNode values = schema.path("additionalProperties");
            return values.isObject() ? new Node(values) : UNTYPED;
        }

        @Override
        public Schema element() {
            JsonNode items = schema.path("items");
            return items.isObject() ? new Node(items) : UNTYPED;
        }

        /** A list's type; lists that declare none are atomic, as kube treats them in custom resources. */
        private String listType() {
            return schema.path("x-kubernetes-list-type").asString("atomic");
        }
    }

    /** apiVersion and kind. */
    private static final class Scalar implements Schema {
        static final Scalar INSTANCE = new Scalar();

        @Override
        public Kind kind() {
            return Kind.SCALAR;
        }

        @Override
        public Schema field(String name) {
            return UNTYPED;
        }

        @Override
        public Schema element() {
            return UNTYPED;
        }
    }
}
