package io.cairn.apiserver.apply;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The list, map and struct shapes of the built-in types, read from {@code list-shapes.txt} and completed by the merge
 * keys of {@code patch-strategies.txt}.
 *
 * <p>Why: kube reads these from the Go struct tags, which the model classes do not carry; rows are resolved to the
 * model classes on load, so a row that no longer fits the models fails at once instead of being ignored.
 *
 * @param fields per model class, JSON field → shape
 * @param atomicTypes model classes declared {@code +structType=atomic}
 * @param zeroValueFields per model class, the fields present in its Go zero value ({@code zero-value-fields.txt})
 */
record ShapeTable(Map<Class<?>, Map<String, FieldShape>> fields, Set<Class<?>> atomicTypes,
                  Map<Class<?>, Set<String>> zeroValueFields) {

    /** How one field merges. */
    record FieldShape(String shape, List<String> keys, Map<String, JsonNode> defaults) {
    }

    private static final Map<String, String> MODEL_PACKAGES = Map.of(
            "core/v1", "io.fabric8.kubernetes.api.model",
            "meta/v1", "io.fabric8.kubernetes.api.model",
            "apps/v1", "io.fabric8.kubernetes.api.model.apps",
            "coordination/v1", "io.fabric8.kubernetes.api.model.coordination.v1");

    static final ShapeTable BUILT_IN = load();

    /** The shape of a field, or empty when neither table names it. */
    FieldShape of(Class<?> type, String field) {
        return fields.getOrDefault(type, Map.of()).get(field);
    }

    /** Whether a field of a model class is present in the type's Go zero value. */
    boolean inZeroValue(Class<?> type, String field) {
        return zeroValueFields.getOrDefault(type, Set.of()).contains(field);
    }

    static ShapeTable parse(List<String> shapeRows, List<String> strategyRows) {
        return parse(shapeRows, strategyRows, List.of());
    }

    static ShapeTable parse(List<String> shapeRows, List<String> strategyRows, List<String> zeroRows) {
        Map<Class<?>, Set<String>> zero = new HashMap<>();
        for (String[] w : rows(zeroRows)) {
            if (w.length != 3) {
                throw new IllegalArgumentException("malformed zero-value row: " + String.join(" ", w));
            }
            zero.computeIfAbsent(modelClass(w[0], w[1]), c -> new HashSet<>()).add(w[2]);
        }
        Map<Class<?>, Map<String, FieldShape>> fields = new HashMap<>();
        Set<Class<?>> atomic = new HashSet<>();
        for (String[] w : rows(strategyRows)) {
            if (w.length != 5) {
                throw new IllegalArgumentException("malformed strategy row: " + String.join(" ", w));
            }
            if (!w[3].startsWith("merge")) {
                continue;
            }
            FieldShape s = w[4].equals("-") ? new FieldShape("set", List.of(), Map.of())
                    : new FieldShape("map", List.of(w[4]), Map.of());
            fields.computeIfAbsent(modelClass(w[0], w[1]), c -> new HashMap<>()).put(w[2], s);
        }
        for (String[] w : rows(shapeRows)) {
            if (w.length < 4 || w.length > 5 || w[3].equals("map") != (w.length == 5)) {
                throw new IllegalArgumentException("malformed shape row: " + String.join(" ", w));
            }
            Class<?> type = modelClass(w[0], w[1]);
            if (w[2].equals("-")) {
                atomic.add(type);
                continue;
            }
            List<String> keys = new ArrayList<>();
            Map<String, JsonNode> defaults = new LinkedHashMap<>();
            if (w.length == 5) {
                for (String k : w[4].split(",")) {
                    String[] kv = k.split("=", 2);
                    keys.add(kv[0]);
                    if (kv.length == 2) {
                        defaults.put(kv[0], JsonNodeFactory.instance.stringNode(kv[1]));
                    }
                }
            }
            if (!List.of("map", "set", "atomic", "granular").contains(w[3])) {
                throw new IllegalArgumentException("unknown shape: " + w[3]);
            }
            fields.computeIfAbsent(type, c -> new HashMap<>()).put(w[2], new FieldShape(w[3], keys, defaults));
        }
        return new ShapeTable(fields, atomic, zero);
    }

    private static List<String[]> rows(List<String> lines) {
        List<String[]> out = new ArrayList<>();
        for (String line : lines) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                out.add(t.split("\\s+"));
            }
        }
        return out;
    }

    static Class<?> modelClass(String goPackage, String goType) {
        String javaPackage = MODEL_PACKAGES.get(goPackage);
        if (javaPackage == null) {
            throw new IllegalArgumentException("no model package for Go package " + goPackage);
        }
        try {
            return Class.forName(javaPackage + "." + goType, false, ShapeTable.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("no model class for " + goPackage + " " + goType, e);
        }
    }

    private static ShapeTable load() {
        return parse(lines("/io/cairn/apiserver/apply/list-shapes.txt"),
                lines("/io/cairn/apiserver/patch/patch-strategies.txt"),
                lines("/io/cairn/apiserver/apply/zero-value-fields.txt"));
    }

    private static List<String> lines(String resource) {
        try (InputStream in = Objects.requireNonNull(ShapeTable.class.getResourceAsStream(resource), resource);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return r.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
