package io.cairn.apiserver.validation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.beans.Introspector;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The {@link Shape} of a Java type, read from the Jackson annotations of the Kubernetes model classes.
 *
 * <p>Why: fabric8's kubernetes-model is generated from the Kubernetes OpenAPI and names every JSON property with
 * {@code @JsonProperty} on its getters, so the set of known fields comes from the same classes that type-check
 * bodies, never from a hand-kept list. Classes without properties (managed fields' {@code fieldsV1}, raw extensions)
 * hold raw JSON in kube, so nothing inside them is checked; nor is anything inside classes with their own deserializer
 * (a CustomResourceDefinition's schema-or-bool and schema-or-array), whose JSON is not their Java properties.
 */
final class Shapes {
    private static final ClassValue<Shape> CLASSES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> c) {
            return ofClass(c);
        }
    };

    private Shapes() {
    }

    static Shape of(Type type) {
        return switch (type) {
            case Class<?> c -> CLASSES.get(c);
            case ParameterizedType p when p.getRawType() instanceof Class<?> raw -> {
                Type[] args = p.getActualTypeArguments();
                if (Map.class.isAssignableFrom(raw) && args.length == 2) {
                    yield new Shape.MapOf(args[1]);
                }
                if (Collection.class.isAssignableFrom(raw) && args.length == 1) {
                    yield new Shape.ListOf(args[0]);
                }
                yield of(raw);
            }
            case WildcardType w -> of(w.getUpperBounds()[0]);
            default -> new Shape.Untyped();
        };
    }

    private static Shape ofClass(Class<?> c) {
        if (c == Object.class) {
            return new Shape.Untyped();
        }
        if (Map.class.isAssignableFrom(c)) {
            return new Shape.MapOf(Object.class);
        }
        if (Collection.class.isAssignableFrom(c)) {
            return new Shape.ListOf(Object.class);
        }
        if (c.isPrimitive() || c.isArray() || c.isEnum() || c.getName().startsWith("java.")) {
            return new Shape.Opaque();
        }
        JsonDeserialize own = c.getAnnotation(JsonDeserialize.class);
        if (own != null && own.using() != ValueDeserializer.None.class) {
            // decoded by its own deserializer (a schema-or-bool, a schema-or-array): its JSON is not its properties
            return new Shape.Opaque();
        }
        Map<String, Type> properties = new LinkedHashMap<>();
        for (Method m : c.getMethods()) {
            JsonProperty p = m.getAnnotation(JsonProperty.class);
            if (p == null || m.getParameterCount() != 0 || m.getReturnType() == void.class
                    || m.isAnnotationPresent(JsonIgnore.class)) {
                continue;
            }
            properties.put(p.value().isEmpty() ? beanName(m.getName()) : p.value(), m.getGenericReturnType());
        }
        return properties.isEmpty() ? new Shape.Opaque() : new Shape.Model(Map.copyOf(properties));
    }

    private static String beanName(String getter) {
        String bare = getter.startsWith("get") ? getter.substring(3) : getter.startsWith("is") ? getter.substring(2)
                : getter;
        return Introspector.decapitalize(bare);
    }
}
