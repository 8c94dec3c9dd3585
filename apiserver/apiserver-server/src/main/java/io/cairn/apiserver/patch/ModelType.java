package io.cairn.apiserver.patch;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.beans.Introspector;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One Kubernetes API type as strategic merge patch sees it: what kind of Go value it is and, for a struct, which type
 * each JSON field leads to and which patch strategy that field declares.
 *
 * <p>Why: the patch walks the object and the patch side by side and needs, at each nested object, the type below
 * (Deployment.spec is a DeploymentSpec, .template a PodTemplateSpec, .containers[] a Container). The model classes
 * name every JSON property with {@code @JsonProperty} on a getter whose generic return type carries list element
 * types, so the walk is read from them by reflection; their simple names equal the Go type names, which is how the
 * strategies table is joined to them. Lookups fail with kube's messages where kube's lookup fails.
 *
 * @param type the Java type of the model (a model class, a {@code List<T>}, a {@code Map<String, T>}, a scalar)
 */
record ModelType(Type type) {

    private static final ClassValue<Map<String, Type>> PROPERTIES = new ClassValue<>() {
        @Override
        protected Map<String, Type> computeValue(Class<?> c) {
            return properties(c);
        }
    };

    /** A field of a struct: the type it leads to and its declared strategy. */
    record Field(ModelType type, FieldStrategy strategy) {
    }

    /** Go's name of the value kind: struct, map, slice, interface, string, bool, int or float64. */
    String goKind() {
        Class<?> raw = raw(type);
        if (raw == Object.class) {
            return "interface";
        }
        if (Map.class.isAssignableFrom(raw)) {
            return "map";
        }
        if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
            return "slice";
        }
        if (raw == String.class || raw.isEnum()) {
            return "string";
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return "bool";
        }
        if (raw == Double.class || raw == double.class || raw == Float.class || raw == float.class) {
            return "float64";
        }
        if (Number.class.isAssignableFrom(raw) || raw.isPrimitive()) {
            return "int";
        }
        return "struct";
    }

    /** The struct field named {@code jsonField} (kube's lookup: exact name first, then ignoring case). */
    Field field(String jsonField) throws PatchException {
        String kind = goKind();
        if (!kind.equals("struct")) {
            throw PatchException.internal("merging an object in json but data type is not struct, instead is: "
                    + kind);
        }
        Class<?> raw = raw(type);
        Map<String, Type> properties = PROPERTIES.get(raw);
        String name = jsonField;
        Type fieldType = properties.get(jsonField);
        if (fieldType == null) {
            Optional<String> folded = properties.keySet().stream().filter(k -> k.equalsIgnoreCase(jsonField))
                    .findFirst();
            if (folded.isEmpty()) {
                throw PatchException.internal("unable to find api field in struct " + raw.getSimpleName()
                        + " for the json field \"" + jsonField + "\"");
            }
            name = folded.get();
            fieldType = properties.get(name);
        }
        return new Field(new ModelType(fieldType), PatchStrategies.kubernetes().of(raw, name));
    }

    /** The list field named {@code jsonField}, with the type of its elements. */
    Field sliceField(String jsonField) throws PatchException {
        Field field = field(jsonField);
        Type fieldType = field.type().type();
        if (!field.type().goKind().equals("slice")) {
            throw PatchException.internal("expected slice or array type, but got: " + goKind());
        }
        ModelType element = new ModelType(elementType(fieldType));
        if (element.goKind().equals("slice")) {
            throw PatchException.internal("unexpected slice of slice");
        }
        return new Field(element, field.strategy());
    }

    /** The JSON properties of a model class, name → getter's generic return type. */
    static Map<String, Type> properties(Class<?> c) {
        Map<String, Type> properties = new HashMap<>();
        for (Method m : c.getMethods()) {
            JsonProperty p = m.getAnnotation(JsonProperty.class);
            if (p == null || m.getParameterCount() != 0 || m.getReturnType() == void.class
                    || m.isAnnotationPresent(JsonIgnore.class)) {
                continue;
            }
            properties.put(p.value().isEmpty() ? beanName(m.getName()) : p.value(), m.getGenericReturnType());
        }
        return Map.copyOf(properties);
    }

    private static Type elementType(Type listType) {
        if (listType instanceof ParameterizedType p && p.getActualTypeArguments().length == 1) {
            return p.getActualTypeArguments()[0];
        }
        if (listType instanceof Class<?> c && c.isArray()) {
            return c.getComponentType();
        }
        return Object.class;
    }

    private static Class<?> raw(Type type) {
        return switch (type) {
            case Class<?> c -> c;
            case ParameterizedType p when p.getRawType() instanceof Class<?> c -> c;
            case WildcardType w -> raw(w.getUpperBounds()[0]);
            default -> Object.class;
        };
    }

    private static String beanName(String getter) {
        String bare = getter.startsWith("get") ? getter.substring(3) : getter.startsWith("is") ? getter.substring(2)
                : getter;
        return Introspector.decapitalize(bare);
    }
}
