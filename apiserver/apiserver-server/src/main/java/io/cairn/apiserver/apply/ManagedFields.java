package io.cairn.apiserver.apply;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Reading and writing {@code metadata.managedFields}.
 *
 * <p>Why: kube accepts only well-formed entries (known operation, {@code FieldsV1}, parseable fields, one entry per
 * manager) and sorts what it writes (appliers first, then by time, manager, API version and subresource); a client
 * that sends something else gets the stored entries kept, not an error.
 */
final class ManagedFields {
    private static final Comparator<ManagedEntry> ORDER = Comparator.comparing(ManagedEntry::operation)
            .thenComparing(ManagedEntry::time)
            .thenComparing(ManagedEntry::manager)
            .thenComparing(ManagedEntry::apiVersion)
            .thenComparing(ManagedEntry::subresource);

    private ManagedFields() {
    }

    /** The entries of a managedFields array; empty when the value is not a valid one. */
    static Optional<List<ManagedEntry>> decode(JsonNode value) {
        if (!(value instanceof ArrayNode a)) {
            return Optional.empty();
        }
        List<ManagedEntry> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try {
            for (JsonNode e : a) {
                if (!e.isObject()) {
                    return Optional.empty();
                }
                String operation = e.path("operation").asString("");
                if (!operation.equals(ManagedEntry.APPLY) && !operation.equals(ManagedEntry.UPDATE)
                        || !e.path("fieldsType").asString("").equals("FieldsV1")) {
                    return Optional.empty();
                }
                FieldSet fields = FieldSet.fromFieldsV1(e.has("fieldsV1") ? e.get("fieldsV1")
                        : JsonNodeFactory.instance.objectNode());
                ManagedEntry entry = new ManagedEntry(e.path("manager").asString(""), operation,
                        e.path("apiVersion").asString(""), e.path("time").asString(""),
                        e.path("subresource").asString(""), fields);
                if (!seen.add(entry.identity())) {
                    return Optional.empty();
                }
                out.add(entry);
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(out);
    }

    /** Whether a client asked to clear the entries: {@code []} or {@code [{}]}. */
    static boolean isReset(JsonNode value) {
        return value instanceof ArrayNode a && (a.isEmpty() || a.size() == 1 && a.get(0).isObject()
                && a.get(0).isEmpty());
    }

    /** The entries in kube's order, without those that own nothing. */
    static ArrayNode encode(List<ManagedEntry> entries) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        entries.stream().filter(e -> !e.fields().isEmpty()).sorted(ORDER).map(ManagedEntry::toJson)
                .forEach(out::add);
        return out;
    }
}
