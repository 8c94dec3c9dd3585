package io.cairn.apiserver.openapi;

import com.google.gson.annotations.SerializedName;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.custom.Quantity;
import io.swagger.annotations.ApiModel;
import io.swagger.annotations.ApiModelProperty;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Component schemas generated from client-java's model classes: each class becomes an object schema whose
 * properties come from its fields' JSON names and types, with the description and required flag its annotations
 * carry, kube's definition names, and the patch extensions of the fields that declare a strategy.
 *
 * <p>Why generated: kube-apiserver publishes schemas generated from the Go types; client-java's models are generated
 * from those schemas and keep every field's description, type and required flag as runtime annotations, so the
 * schemas are rebuilt from a maintained artifact instead of being typed in or copied. What the models do not carry
 * (the Go package, hence the definition name; Time versus MicroTime) is read from client-java-proto
 * ({@link DefinitionNames}), and the patch strategies and list types from Cairn's own data ({@link PatchExtensions},
 * {@link ListTypes}).
 */
final class ModelSchemas {
    static final String REF_PREFIX = "#/components/schemas/";
    static final String TIME = "io.k8s.apimachinery.pkg.apis.meta.v1.Time";
    static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
    static final String INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String MODELS = "io.kubernetes.client.openapi.models.";

    private final DefinitionNames names;
    private final PatchExtensions patches;
    private final ListTypes lists;

    ModelSchemas(DefinitionNames names, PatchExtensions patches, ListTypes lists) {
        this.names = names;
        this.patches = patches;
        this.lists = lists;
    }

    /** The model class named {@code simpleName} in client-java's models package, if there is one. */
    static Optional<Class<?>> model(String simpleName) {
        try {
            return Optional.of(Class.forName(MODELS + simpleName, false, ModelSchemas.class.getClassLoader()));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * Adds the schema of {@code model}, and of every type it reaches, to {@code components} (definition name →
     * schema) and returns its definition name.
     */
    String addTo(Class<?> model, Map<String, ObjectNode> components) {
        return addTo(model, names.of(model), components);
    }

    private String addTo(Class<?> model, String name, Map<String, ObjectNode> components) {
        if (components.containsKey(name)) {
            return name;
        }
        ObjectNode schema = F.objectNode();
        components.put(name, schema);
        ApiModel about = model.getAnnotation(ApiModel.class);
        if (about != null && !about.description().isEmpty()) {
            schema.put("description", about.description());
        }
        Map<String, ApiModelProperty> getters = getters(model);
        Map<String, ObjectNode> properties = new TreeMap<>();
        ArrayNode required = F.arrayNode();
        for (Field field : model.getDeclaredFields()) {
            SerializedName json = field.getAnnotation(SerializedName.class);
            if (json == null || Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            ApiModelProperty annotated = getters.get(key(field.getName()));
            String description = annotated == null ? "" : annotated.value();
            ObjectNode property = property(model, json.value(), field.getGenericType(), description, components);
            ObjectNode extensions = F.objectNode();
            lists.of(name, json.value()).ifPresent(l -> {
                if (!l.mapKeys().isEmpty()) {
                    ArrayNode keys = extensions.putArray("x-kubernetes-list-map-keys");
                    l.mapKeys().forEach(keys::add);
                }
                extensions.put("x-kubernetes-list-type", l.type());
            });
            patches.of(name, json.value()).ifPresent(s -> {
                if (!s.mergeKey().isEmpty()) {
                    extensions.put("x-kubernetes-patch-merge-key", s.mergeKey());
                }
                extensions.put("x-kubernetes-patch-strategy", s.strategy());
            });
            if (!extensions.isEmpty() && property.has("$ref")) {
                // a $ref takes no siblings: kube's 3.0 style wraps it in allOf
                ObjectNode wrapped = F.objectNode();
                wrapped.putArray("allOf").add(property);
                property = wrapped;
            }
            property.setAll(extensions);
            properties.put(json.value(), property);
            if (annotated != null && annotated.required()) {
                required.add(json.value());
            }
        }
        if (!properties.isEmpty()) {
            ObjectNode props = schema.putObject("properties");
            properties.forEach(props::set);
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        schema.put("type", "object");
        return name;
    }

    private ObjectNode property(Class<?> owner, String json, Type type, String description,
                                Map<String, ObjectNode> components) {
        ObjectNode schema = typeSchema(owner, json, type, components);
        if (description.isEmpty()) {
            return schema;
        }
        if (schema.has("$ref")) {
            ObjectNode wrapped = F.objectNode();
            wrapped.putArray("allOf").add(schema);
            wrapped.put("description", description);
            return wrapped;
        }
        ObjectNode described = F.objectNode();
        described.put("description", description);
        described.setAll(schema);
        return described;
    }

    private ObjectNode typeSchema(Class<?> owner, String json, Type type, Map<String, ObjectNode> components) {
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            Type[] args = p.getActualTypeArguments();
            if (java.util.List.class.isAssignableFrom(raw)) {
                ObjectNode s = F.objectNode();
                s.set("items", typeSchema(owner, json, args[0], components));
                s.put("type", "array");
                return s;
            }
            if (Map.class.isAssignableFrom(raw)) {
                ObjectNode s = F.objectNode();
                s.set("additionalProperties", typeSchema(owner, json, args[1], components));
                s.put("type", "object");
                return s;
            }
            throw new IllegalArgumentException("unsupported model field type " + type);
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            return scalar("string", "");
        }
        if (c == Integer.class) {
            return scalar("integer", "int32");
        }
        if (c == Long.class) {
            return scalar("integer", "int64");
        }
        if (c == Double.class || c == Float.class) {
            return scalar("number", "double");
        }
        if (c == Boolean.class) {
            return scalar("boolean", "");
        }
        if (c == byte[].class) {
            return scalar("string", "byte");
        }
        if (c == OffsetDateTime.class) {
            String time = names.fieldType(owner, json).orElse(TIME);
            components.computeIfAbsent(time, t -> withDescription(scalar("string", "date-time"),
                    "A timestamp in RFC 3339 form" + (t.endsWith("MicroTime") ? ", with microseconds." : ".")));
            return ref(time);
        }
        if (c == Quantity.class) {
            components.computeIfAbsent(QUANTITY, q -> quantity());
            return ref(QUANTITY);
        }
        if (c == IntOrString.class) {
            components.computeIfAbsent(INT_OR_STRING, q -> intOrString());
            return ref(INT_OR_STRING);
        }
        if (c == Object.class) {
            Optional<String> named = names.fieldType(owner, json);
            if (named.isPresent()) {
                components.computeIfAbsent(named.get(), n -> withDescription(scalar("object", ""),
                        "An arbitrary JSON object."));
                return ref(named.get());
            }
            return scalar("object", "");
        }
        if (c.getName().startsWith(MODELS)) {
            // the owner's field names the exact type where two Go packages share a name (core and meta Preconditions)
            String name = names.fieldType(owner, json).filter(n -> n.endsWith("." + names.simpleName(c)))
                    .orElseGet(() -> names.of(c));
            return ref(addTo(c, name, components));
        }
        throw new IllegalArgumentException("unsupported model field type " + c.getName() + " in "
                + owner.getName() + "." + json);
    }

    static ObjectNode ref(String definition) {
        ObjectNode r = F.objectNode();
        r.put("$ref", REF_PREFIX + definition);
        return r;
    }

    private static ObjectNode scalar(String type, String format) {
        ObjectNode s = F.objectNode();
        if (!format.isEmpty()) {
            s.put("format", format);
        }
        s.put("type", type);
        return s;
    }

    private static ObjectNode withDescription(ObjectNode schema, String description) {
        ObjectNode s = F.objectNode();
        s.put("description", description);
        s.setAll(schema);
        return s;
    }

    /** Quantities are written as strings ("500m", "1Gi") and read from numbers too. */
    private static ObjectNode quantity() {
        ObjectNode s = F.objectNode();
        s.put("description", "A fixed-point number with an optional SI or binary suffix, such as 500m or 1Gi.");
        ArrayNode one = s.putArray("oneOf");
        one.add(scalar("string", ""));
        one.add(scalar("number", ""));
        return s;
    }

    private static ObjectNode intOrString() {
        ObjectNode s = F.objectNode();
        s.put("description", "Either a 32-bit integer or a string.");
        s.put("format", "int-or-string");
        ArrayNode one = s.putArray("oneOf");
        one.add(scalar("integer", ""));
        one.add(scalar("string", ""));
        return s;
    }

    /** Each annotated getter, keyed like {@link #key} so that {@code get$Ref} meets field {@code $ref}. */
    private static Map<String, ApiModelProperty> getters(Class<?> model) {
        Map<String, ApiModelProperty> byKey = new HashMap<>();
        for (Method m : model.getMethods()) {
            ApiModelProperty p = m.getAnnotation(ApiModelProperty.class);
            if (p != null && m.getParameterCount() == 0 && m.getName().startsWith("get")) {
                byKey.put(key(m.getName().substring(3)), p);
            }
        }
        return byKey;
    }

    private static String key(String javaName) {
        return javaName.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
    }
}
