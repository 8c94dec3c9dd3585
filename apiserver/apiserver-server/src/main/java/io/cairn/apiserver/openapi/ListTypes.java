package io.cairn.apiserver.openapi;

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
import java.util.Optional;
import java.util.Set;

/**
 * The {@code x-kubernetes-list-type} and {@code x-kubernetes-list-map-keys} of each list field, keyed by definition
 * name and JSON field.
 *
 * <p>Why data: the Go sources declare these with {@code +listType}/{@code +listMapKey} markers, which neither
 * client-java's models nor client-java-proto keep. Cairn records the facts in {@code list-types.txt} beside this
 * class, in the same row shape as the patch strategies, so that clients reading the documents (server-side apply
 * tooling, schema validators) see kube's list semantics.
 */
final class ListTypes {
    private static final String RESOURCE = "list-types.txt";
    private static final Set<String> KINDS = Set.of("atomic", "set", "map");

    /** One field's list type and, for {@code map}, the keys that identify an element. */
    record ListType(String type, List<String> mapKeys) {
        ListType {
            mapKeys = List.copyOf(mapKeys);
        }
    }

    private final Map<String, Map<String, ListType>> byDefinition;

    private ListTypes(Map<String, Map<String, ListType>> byDefinition) {
        this.byDefinition = byDefinition;
    }

    /** The list types of the Kubernetes API types. */
    static ListTypes kubernetes() {
        try (InputStream in = Objects.requireNonNull(ListTypes.class.getResourceAsStream(RESOURCE), RESOURCE);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return parse(reader.lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ListTypes parse(List<String> lines) {
        Map<String, Map<String, ListType>> byDefinition = new HashMap<>();
        for (String line : lines) {
            String row = line.strip();
            if (row.isEmpty() || row.startsWith("#")) {
                continue;
            }
            String[] w = row.split("\\s+");
            if (w.length != 5 || !KINDS.contains(w[3]) || w[3].equals("map") == w[4].equals("-")) {
                throw new IllegalArgumentException("malformed row: " + line);
            }
            List<String> keys = w[4].equals("-") ? List.of() : Arrays.asList(w[4].split(","));
            if (byDefinition.computeIfAbsent(PatchExtensions.definitionPackage(w[0]) + "." + w[1],
                    k -> new HashMap<>()).put(w[2], new ListType(w[3], keys)) != null) {
                throw new IllegalArgumentException("duplicate row: " + line);
            }
        }
        return new ListTypes(byDefinition);
    }

    /** The list type of one field, if it declares one. */
    Optional<ListType> of(String definition, String jsonField) {
        return Optional.ofNullable(byDefinition.getOrDefault(definition, Map.of()).get(jsonField));
    }
}
