package io.cairn.apiserver.protobuf;

import com.google.protobuf.Descriptors.FieldDescriptor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Where Go's JSON encoding of a Kubernetes struct differs from "write what the protobuf body holds".
 *
 * <p>Why: Kubernetes' Go marshaller writes every non-pointer field, zero or not, so presence in the protobuf body
 * says nothing about {@code omitempty}. The proto descriptors do not record the Go struct tags either, so the few
 * facts that matter are kept in {@code go-json-fields.txt}, read from the tags of k8s.io/api and
 * k8s.io/apimachinery: non-pointer numbers and bools tagged omitempty (a zero is dropped), strings Go writes even
 * when empty, embedded structs whose fields are written inline, and proto names that differ from the JSON name.
 * Fields not listed follow the defaults: an empty string is dropped, a present number or bool is kept.
 */
record GoFieldRules(Set<String> zeroOmitted, Set<String> emptyStringKept, Set<String> inlined,
        Map<String, String> renamed) {

    private static final String RESOURCE = "go-json-fields.txt";

    GoFieldRules {
        zeroOmitted = Set.copyOf(zeroOmitted);
        emptyStringKept = Set.copyOf(emptyStringKept);
        inlined = Set.copyOf(inlined);
        renamed = Map.copyOf(renamed);
    }

    /** The rules of the Kubernetes API types, from the resource next to this class. */
    static GoFieldRules kubernetes() {
        return Holder.RULES;
    }

    /** True when a zero number or false bool in {@code field} is left out, as Go's omitempty does. */
    boolean omitsZero(FieldDescriptor field) {
        return zeroOmitted.contains(key(field));
    }

    /** True when an empty string in {@code field} is still written (no omitempty, or a pointer). */
    boolean keepsEmptyString(FieldDescriptor field) {
        return emptyStringKept.contains(key(field));
    }

    /** True when {@code field} is an embedded Go struct whose fields belong to the enclosing JSON object. */
    boolean inlines(FieldDescriptor field) {
        return inlined.contains(key(field));
    }

    /** The JSON name of {@code field}: its proto name unless the Go tag says otherwise. */
    String jsonName(FieldDescriptor field) {
        return renamed.getOrDefault(key(field), field.getName());
    }

    /** The table's key of a field: the full name of its message, a space, and the proto field name. */
    static String key(FieldDescriptor field) {
        return field.getContainingType().getFullName() + " " + field.getName();
    }

    /** Parses the table format described at the top of the resource. */
    static GoFieldRules parse(List<String> lines) {
        Set<String> zero = new HashSet<>();
        Set<String> strings = new HashSet<>();
        Set<String> inline = new HashSet<>();
        Map<String, String> renames = new HashMap<>();
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] words = trimmed.split("\\s+");
            if (words.length < 3) {
                throw new IllegalArgumentException("malformed rule: " + line);
            }
            switch (words[0]) {
                case "zero" -> addFields(zero, words);
                case "string" -> addFields(strings, words);
                case "inline" -> addFields(inline, words);
                case "rename" -> {
                    if (words.length != 4) {
                        throw new IllegalArgumentException("malformed rename: " + line);
                    }
                    renames.put(words[1] + " " + words[2], words[3]);
                }
                default -> throw new IllegalArgumentException("unknown rule: " + line);
            }
        }
        return new GoFieldRules(zero, strings, inline, renames);
    }

    private static void addFields(Set<String> into, String[] words) {
        for (int i = 2; i < words.length; i++) {
            into.add(words[1] + " " + words[i]);
        }
    }

    /** Loads the resource on first use. */
    private static final class Holder {
        static final GoFieldRules RULES = load();

        private static GoFieldRules load() {
            try (InputStream in = Objects.requireNonNull(GoFieldRules.class.getResourceAsStream(RESOURCE), RESOURCE);
                 BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return parse(reader.lines().toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
