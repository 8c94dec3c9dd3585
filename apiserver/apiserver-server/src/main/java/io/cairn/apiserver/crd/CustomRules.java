package io.cairn.apiserver.crd;

import io.cairn.apiserver.registry.ObjectRules;
import io.cairn.apiserver.resource.ResourceType;
import io.cairn.apiserver.status.Cause;
import io.cairn.apiserver.status.Statuses;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The write and read rules of definitions and custom resources, plugged into the generic registry.
 *
 * <p>Why: definitions are validated, defaulted and given their status on every write; custom resources are pruned,
 * defaulted and validated against their version's schema, stored at the storage version and served at the version
 * asked for (conversion strategy None: only apiVersion changes). Built-in kinds pass through untouched.
 */
final class CustomRules implements ObjectRules {
    static final String GROUP = "apiextensions.k8s.io";
    static final String RESOURCE = "customresourcedefinitions";
    private final DefinitionIndex index;
    private final DefinitionStatus status;

    CustomRules(DefinitionIndex index, DefinitionStatus status) {
        this.index = index;
        this.status = status;
    }

    static boolean isDefinition(ResourceType t) {
        return t.group().equals(GROUP) && t.plural().equals(RESOURCE);
    }

    @Override
    public void admit(ResourceType t, Optional<ObjectNode> current, ObjectNode next, String subresource) {
        if (isDefinition(t)) {
            if (subresource.isEmpty()) {
                definition(current, next);
            }
            return;
        }
        if (t.custom().isEmpty()) {
            return;
        }
        Optional<Definition> d = index.byResource(t.group(), t.plural());
        if (current.isEmpty() && d.map(Definition::deleting).orElse(false)) {
            throw Statuses.methodNotAllowed(t.group(), t.plural(),
                    "create not allowed while custom resource definition is terminating");
        }
        Optional<JsonNode> schema = d.flatMap(def -> def.version(t.version())).flatMap(Definition.Version::schema);
        if (schema.isEmpty()) {
            return;
        }
        Pruning.prune(next, schema.get());
        Defaulting.apply(next, schema.get());
        List<Cause> causes = SchemaValidation.validate(next, schema.get());
        if (!causes.isEmpty()) {
            throw Statuses.invalid(t.group(), t.kind(), next.path("metadata").path("name").asString(""), causes);
        }
        if (current.isPresent() && subresource.isEmpty()) {
            generation(t, current.get(), next);
        }
    }

    /**
     * kube bumps a custom resource's generation on any change outside {@code metadata} (and outside {@code status}
     * when status is a subresource), not only on {@code spec} changes as the registry does for built-in kinds.
     */
    private static void generation(ResourceType t, ObjectNode current, ObjectNode next) {
        long before = current.path("metadata").path("generation").asLong(0);
        if (next.path("metadata").path("generation").asLong(0) != before) {
            return;
        }
        ObjectNode a = current.deepCopy();
        ObjectNode b = next.deepCopy();
        for (ObjectNode o : List.of(a, b)) {
            o.remove("metadata");
            if (t.has("status")) {
                o.remove("status");
            }
        }
        if (!a.equals(b)) {
            next.withObject("metadata").put("generation", before + 1);
        }
    }

    private void definition(Optional<ObjectNode> current, ObjectNode next) {
        DefinitionStatus.defaults(next);
        List<Cause> causes = current.isPresent() ? DefinitionValidation.update(next, current.get())
                : DefinitionValidation.create(next);
        if (!causes.isEmpty()) {
            throw Statuses.invalid(GROUP, "CustomResourceDefinition",
                    next.path("metadata").path("name").asString(""), causes);
        }
        status.update(next, current.map(c -> c), conflict(next));
    }

    /** A name of {@code crd} that another definition of its group already accepted, if any. */
    private Optional<DefinitionStatus.Conflict> conflict(ObjectNode crd) {
        Definition mine = Definition.of(crd);
        for (Definition other : index.all()) {
            if (other.name().equals(mine.name()) || !other.group().equals(mine.group()) || !other.established()) {
                continue;
            }
            if (other.kind().equals(mine.kind())) {
                return Optional.of(new DefinitionStatus.Conflict(mine.kind(), "KindConflict"));
            }
            if (other.singular().equals(mine.singular()) || other.plural().equals(mine.singular())) {
                return Optional.of(new DefinitionStatus.Conflict(mine.singular(), "SingularConflict"));
            }
            for (String s : mine.shortNames()) {
                if (other.shortNames().contains(s)) {
                    return Optional.of(new DefinitionStatus.Conflict(s, "ShortNamesConflict"));
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void deleting(ResourceType t, ObjectNode current) {
        if (isDefinition(t) && Definition.of(current).established()) {
            status.terminating(current, "InstanceDeletionPending",
                    "CustomResourceDefinition marked for deletion; CustomResource deletion will begin soon");
        }
    }

    @Override
    public ObjectNode stored(ResourceType t, ObjectNode served) {
        if (t.custom().isEmpty() || t.custom().get().storageVersion().equals(t.version())
                || t.custom().get().storageVersion().isEmpty()) {
            return served;
        }
        ObjectNode copy = served.deepCopy();
        copy.put("apiVersion", t.group() + "/" + t.custom().get().storageVersion());
        return copy;
    }

    @Override
    public ObjectNode served(ResourceType t, ObjectNode stored) {
        if (t.custom().isEmpty()) {
            return stored;
        }
        Optional<JsonNode> schema = index.byResource(t.group(), t.plural()).flatMap(d -> d.version(t.version()))
                .flatMap(Definition.Version::schema);
        ObjectNode copy = stored.deepCopy();
        if (!copy.path("apiVersion").asString("").equals(t.apiVersion())) {
            copy.put("apiVersion", t.apiVersion());
        }
        schema.ifPresent(s -> Defaulting.apply(copy, s));
        return copy;
    }
}
