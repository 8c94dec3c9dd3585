package io.cairn.apiserver.patch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The declared patch strategies of the Kubernetes API types, keyed by the model class that describes each type.
 *
 * <p>Why: kube reads these from the Go struct tags of k8s.io/api, which neither the model classes nor their JSON
 * annotations carry. Cairn keeps the facts as data in {@code patch-strategies.txt}; each row names a Go type, which
 * is resolved to the model class of the same simple name in the package matching its Go package, so a row that no
 * longer fits the models fails on load instead of being silently ignored.
 *
 * @param fields per model class, JSON field name → strategy
 */
record PatchStrategies(Map<Class<?>, Map<String, FieldStrategy>> fields) {

    private static final String RESOURCE = "patch-strategies.txt";

    private static final Map<String, String> MODEL_PACKAGES = Map.of(
            "core/v1", "io.fabric8.kubernetes.api.model",
            "meta/v1", "io.fabric8.kubernetes.api.model",
            "apps/v1", "io.fabric8.kubernetes.api.model.apps",
            "coordination/v1", "io.fabric8.kubernetes.api.model.coordination.v1");

    PatchStrategies {
        Map<Class<?>, Map<String, FieldStrategy>> copy = new HashMap<>();
        fields.forEach((type, byField) -> copy.put(type, Map.copyOf(byField)));
        fields = Map.copyOf(copy);
    }

    /** The strategies of the Kubernetes API types, from the resource next to this class. */
    static PatchStrategies kubernetes() {
        return Holder.STRATEGIES;
    }

    /** The strategy of a field of a model class; {@link FieldStrategy#NONE} when none is declared. */
    FieldStrategy of(Class<?> type, String jsonField) {
        return fields.getOrDefault(type, Map.of()).getOrDefault(jsonField, FieldStrategy.NONE);
    }

    /** Parses the table format described at the top of the resource. */
    static PatchStrategies parse(List<String> lines) {
        Map<Class<?>, Map<String, FieldStrategy>> fields = new HashMap<>();
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] words = trimmed.split("\\s+");
            if (words.length != 5) {
                throw new IllegalArgumentException("malformed row: " + line);
            }
            Class<?> type = modelClass(words[0], words[1]);
            FieldStrategy strategy = new FieldStrategy(Arrays.asList(words[3].split(",")),
                    words[4].equals("-") ? "" : words[4]);
            if (fields.computeIfAbsent(type, t -> new HashMap<>()).put(words[2], strategy) != null) {
                throw new IllegalArgumentException("duplicate row: " + line);
            }
        }
        return new PatchStrategies(fields);
    }

    /** The model class describing a Go type of a Go package, e.g. {@code apps/v1 DeploymentSpec}. */
    static Class<?> modelClass(String goPackage, String goType) {
        String javaPackage = MODEL_PACKAGES.get(goPackage);
        if (javaPackage == null) {
            throw new IllegalArgumentException("no model package for Go package " + goPackage);
        }
        try {
            return Class.forName(javaPackage + "." + goType, false, PatchStrategies.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("no model class for " + goPackage + " " + goType, e);
        }
    }

    /** Loads the resource on first use. */
    private static final class Holder {
        static final PatchStrategies STRATEGIES = load();

        private static PatchStrategies load() {
            try (InputStream in = Objects.requireNonNull(PatchStrategies.class.getResourceAsStream(RESOURCE), RESOURCE);
                 BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return parse(reader.lines().toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
