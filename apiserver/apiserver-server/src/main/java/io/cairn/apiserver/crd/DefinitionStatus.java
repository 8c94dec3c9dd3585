package io.cairn.apiserver.crd;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The defaults and the status kube's apiextensions controllers give a definition: defaulted names and conversion,
 * {@code acceptedNames}, the {@code NamesAccepted} and {@code Established} conditions (with kube's reasons and
 * messages), {@code storedVersions}, and the {@code Terminating} condition of a deleted definition.
 *
 * <p>Why: kube's naming and establishing controllers run asynchronously; Cairn decides the same outcome when the
 * definition is written, so {@code kubectl wait --for=condition=established} is satisfied by the write itself.
 */
final class DefinitionStatus {
    private final Clock clock;

    DefinitionStatus(Clock clock) {
        this.clock = clock;
    }

    /** kube's v1 defaults of a definition's spec, in place. */
    static void defaults(ObjectNode crd) {
        ObjectNode spec = crd.withObject("spec");
        ObjectNode names = spec.withObject("names");
        String kind = names.path("kind").asString("");
        if (names.path("singular").asString("").isEmpty() && !kind.isEmpty()) {
            names.put("singular", kind.toLowerCase(Locale.ROOT));
        }
        if (names.path("listKind").asString("").isEmpty() && !kind.isEmpty()) {
            names.put("listKind", kind + "List");
        }
        if (!spec.has("conversion")) {
            spec.putObject("conversion").put("strategy", "None");
        }
    }

    /**
     * Sets the status of a definition being written.
     *
     * @param previous the stored definition on updates
     * @param conflict the first name another definition of the group already uses, with its condition reason
     */
    void update(ObjectNode crd, Optional<JsonNode> previous, Optional<Conflict> conflict) {
        ObjectNode status = crd.withObject("status");
        JsonNode names = crd.path("spec").path("names");
        JsonNode oldStatus = previous.map(p -> p.path("status")).orElse(crd.path("status"));
        if (conflict.isEmpty()) {
            ObjectNode accepted = status.putObject("acceptedNames");
            for (String f : List.of("plural", "singular", "shortNames", "kind", "listKind", "categories")) {
                if (names.has(f)) {
                    accepted.set(f, names.get(f).deepCopy());
                }
            }
        } else if (!status.has("acceptedNames")) {
            status.putObject("acceptedNames").put("plural", "").put("kind", "");
        }
        List<ObjectNode> conditions = new ArrayList<>();
        if (conflict.isPresent()) {
            conditions.add(condition(oldStatus, "NamesAccepted", "False", conflict.get().reason(),
                    "\"" + conflict.get().name() + "\" is already in use"));
            conditions.add(condition(oldStatus, "Established", "False", "NotAccepted", "not all names are accepted"));
        } else {
            conditions.add(condition(oldStatus, "NamesAccepted", "True", "NoConflicts", "no conflicts found"));
            conditions.add(condition(oldStatus, "Established", "True", "InitialNamesAccepted",
                    "the initial names have been accepted"));
        }
        for (JsonNode c : oldStatus.path("conditions")) {
            String type = c.path("type").asString("");
            if (!type.equals("NamesAccepted") && !type.equals("Established") && c instanceof ObjectNode o) {
                conditions.add(o.deepCopy());
            }
        }
        ArrayNode list = status.putArray("conditions");
        conditions.forEach(list::add);
        Set<String> stored = new LinkedHashSet<>();
        oldStatus.path("storedVersions").forEach(v -> stored.add(v.asString("")));
        Definition.of(crd).versions().stream().filter(Definition.Version::storage)
                .forEach(v -> stored.add(v.name()));
        ArrayNode sv = status.putArray("storedVersions");
        stored.forEach(sv::add);
    }

    /** Marks a deleted definition Terminating, with the finalizer that keeps it until its resources are gone. */
    void terminating(ObjectNode crd, String reason, String message) {
        ObjectNode meta = crd.withObject("metadata");
        ArrayNode finalizers = meta.withArray("finalizers");
        boolean has = false;
        for (JsonNode f : finalizers) {
            has |= f.asString("").equals(Definition.CLEANUP_FINALIZER);
        }
        if (!has) {
            finalizers.add(Definition.CLEANUP_FINALIZER);
        }
        setCondition(crd, "Terminating", "True", reason, message);
    }

    /** Sets one condition, keeping its transition time when its status does not change. */
    void setCondition(ObjectNode crd, String type, String statusValue, String reason, String message) {
        ObjectNode status = crd.withObject("status");
        ArrayNode conditions = status.withArray("conditions");
        ObjectNode next = condition(status, type, statusValue, reason, message);
        for (int i = 0; i < conditions.size(); i++) {
            if (conditions.get(i).path("type").asString("").equals(type)) {
                conditions.set(i, next);
                return;
            }
        }
        conditions.add(next);
    }

    private ObjectNode condition(JsonNode oldStatus, String type, String value, String reason, String message) {
        String since = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
        for (JsonNode c : oldStatus.path("conditions")) {
            if (c.path("type").asString("").equals(type) && c.path("status").asString("").equals(value)
                    && c.has("lastTransitionTime")) {
                since = c.path("lastTransitionTime").asString(since);
            }
        }
        ObjectNode c = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        c.put("type", type);
        c.put("status", value);
        c.put("lastTransitionTime", since);
        c.put("reason", reason);
        c.put("message", message);
        return c;
    }

    /**
     * A name another definition of the same group already uses.
     *
     * @param name the name in use
     * @param reason {@code KindConflict}, {@code ListKindConflict}, {@code ShortNamesConflict} or {@code
     *     SingularConflict}
     */
    record Conflict(String name, String reason) {
    }
}
