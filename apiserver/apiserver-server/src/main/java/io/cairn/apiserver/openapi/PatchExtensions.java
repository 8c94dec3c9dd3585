package io.cairn.apiserver.openapi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code x-kubernetes-patch-strategy} and {@code x-kubernetes-patch-merge-key} of each field, keyed by definition
 * name and JSON field.
 *
 * <p>Why: kubectl's client-side apply computes its strategic merge patch from these extensions in the OpenAPI
 * document; they must say what the server's own strategic merge does. Both read the same facts, the data file
 * {@code io/cairn/apiserver/patch/patch-strategies.txt} (rows of Go package, Go type, JSON field, strategy, merge
 * key), so the document and the merge cannot disagree.
 */
final class PatchExtensions {
    private static final String RESOURCE = "io/cairn/apiserver/patch/patch-strategies.txt";
    private static final String META = "meta/v1";

    /** One field's declared strategy ({@code merge}, {@code merge,retainKeys}, ...) and merge key ("" for none). */
    record Strategy(String strategy, String mergeKey) {
    }

    private final Map<String, Map<String, Strategy>> byDefinition;

    private PatchExtensions(Map<String, Map<String, Strategy>> byDefinition) {
        this.byDefinition = byDefinition;
    }

    /** The strategies of the Kubernetes API types. */
    static PatchExtensions kubernetes() {
        try (InputStream in = Objects.requireNonNull(
                PatchExtensions.class.getClassLoader().getResourceAsStream(RESOURCE), RESOURCE);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return parse(reader.lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PatchExtensions parse(List<String> lines) {
        Map<String, Map<String, Strategy>> byDefinition = new HashMap<>();
        for (String line : lines) {
            String row = line.strip();
            if (row.isEmpty() || row.startsWith("#")) {
                continue;
            }
            String[] w = row.split("\\s+");
            if (w.length != 5) {
                throw new IllegalArgumentException("malformed row: " + line);
            }
            byDefinition.computeIfAbsent(definitionPackage(w[0]) + "." + w[1], k -> new HashMap<>())
                    .put(w[2], new Strategy(w[3], w[4].equals("-") ? "" : w[4]));
        }
        return new PatchExtensions(byDefinition);
    }

    /** The strategy of one field, if it declares one. */
    Optional<Strategy> of(String definition, String jsonField) {
        return Optional.ofNullable(byDefinition.getOrDefault(definition, Map.of()).get(jsonField));
    }

    /** {@code core/v1} → {@code io.k8s.api.core.v1}; meta/v1 lives in apimachinery. */
    static String definitionPackage(String goPackage) {
        return goPackage.equals(META) ? "io.k8s.apimachinery.pkg.apis.meta.v1"
                : "io.k8s.api." + goPackage.replace('/', '.');
    }
}
