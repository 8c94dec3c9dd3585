package io.cairn.apiserver.apply;

import io.cairn.apiserver.resource.ResourceType;
import io.cairn.apiserver.status.Statuses;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * kube-apiserver's field manager: records in {@code metadata.managedFields} which manager owns which fields, and
 * performs server-side apply.
 *
 * <p>Why: ownership is what lets several writers share one object: an {@code Update} takes the fields it changes
 * from whoever held them, an {@code Apply} owns exactly the fields of its configuration, removes those it stopped
 * applying and fails with a conflict when it would change a field another manager owns, unless forced. The registry
 * calls {@link #update} after every write it prepares; the PATCH handler calls {@link #applyMerge} to build the
 * object and {@link #apply} to record it.
 */
public final class FieldManager {
    /** The manager kube gives the fields of an object that had no managed fields before its first apply. */
    static final String BEFORE_FIRST_APPLY = "before-first-apply";

    private final ObjectShapes shapes;
    private final Clock clock;

    private FieldManager(ObjectShapes shapes, Clock clock) {
        this.shapes = shapes;
        this.clock = clock;
    }

    /** A field manager over the given shapes, stamping entries with the clock's time. */
    public static FieldManager create(ObjectShapes shapes, Clock clock) {
        return new FieldManager(shapes, clock);
    }

    /**
     * The manager name of a request: the {@code fieldManager} parameter, else the User-Agent up to its first
     * {@code /} (kube's rule: {@code kubectl/v1.32.5 (linux/amd64) …} manages as {@code kubectl}).
     */
    public static String managerOf(String fieldManager, String userAgent) {
        if (!fieldManager.isEmpty()) {
            return fieldManager;
        }
        int slash = userAgent.indexOf('/');
        return slash < 0 ? userAgent : userAgent.substring(0, slash);
    }

    /**
     * Records an Update by {@code manager}: {@code next} is the object about to be stored, {@code live} the stored
     * one (empty on create). Answers {@code next} with its managedFields set.
     */
    public ObjectNode update(ResourceType t, Optional<ObjectNode> live, ObjectNode next, String manager,
                             String subresource) {
        Schema schema = schema(t);
        List<ManagedEntry> entries = base(live, next, subresource);
        ObjectNode before = bare(live);
        ObjectNode after = bare(Optional.of(next));
        FieldSet changed = tracked(t, subresource, ObjectWalk.changed(before, after, schema));
        FieldSet removed = removed(before, after, schema);
        List<ManagedEntry> out = new ArrayList<>();
        for (ManagedEntry e : entries) {
            out.add(e.withFields(e.fields().difference(changed).difference(removed)));
        }
        if (!changed.isEmpty()) {
            ManagedEntry mine = new ManagedEntry(manager, ManagedEntry.UPDATE, t.apiVersion(), now(), subresource,
                    changed);
            int at = indexOf(out, mine.identity());
            if (at >= 0) {
                out.set(at, mine.withFields(out.get(at).fields().union(changed)));
            } else {
                out.add(mine);
            }
        }
        return finish(live, next, out);
    }

    /**
     * Checks an applied configuration before anything else is done with it: its {@code apiVersion} must be the
     * resource's, it may not carry managedFields, and every field must be declared by its kind.
     *
     * @throws io.cairn.apiserver.status.StatusException 400 with kube's message otherwise
     */
    public void checkConfiguration(ResourceType t, ObjectNode config) {
        check(t, config);
    }

    private Schema check(ResourceType t, ObjectNode config) {
        String version = config.path("apiVersion").asString("");
        if (!version.equals(t.apiVersion())) {
            throw Statuses.badRequest("Incorrect version specified in apply patch. Specified patch version: "
                    + version + ", expected: " + t.apiVersion());
        }
        JsonNode configManaged = config.path("metadata").get("managedFields");
        if (configManaged != null && !configManaged.isNull()) {
            throw Statuses.badRequest("metadata.managedFields must be nil");
        }
        Schema schema = schema(t);
        UndeclaredFields.check(t, config, schema).ifPresent(e -> {
            throw e;
        });
        return schema;
    }

    /**
     * The object an apply produces before it is stored: the configuration merged into the live object (an empty one
     * on create), without the fields this manager applied last time, omits now, and nobody else owns.
     *
     * @throws io.cairn.apiserver.status.StatusException 400 when the configuration names another version, carries
     *     managedFields or has fields its kind does not declare
     */
    public ObjectNode applyMerge(ResourceType t, Optional<ObjectNode> live, ObjectNode config, String manager,
                                 String subresource) {
        Schema schema = check(t, config);
        List<ManagedEntry> entries = applyBase(t, live, schema);
        FieldSet applied = appliedSet(t, config, subresource, schema);
        String id = appliedEntry(t, manager, subresource, applied).identity();
        FieldSet last = new FieldSet();
        FieldSet owned = applied.copy();
        for (ManagedEntry e : entries) {
            if (e.identity().equals(id)) {
                last = e.fields();
            } else {
                owned = owned.union(e.fields());
            }
        }
        ObjectNode merged = (ObjectNode) ApplyMerge.merge(bare(live), config, schema);
        for (List<String> p : last.difference(applied).members()) {
            if (!owned.containsAtOrBelow(p)) {
                ApplyMerge.remove(merged, p, schema);
            }
        }
        live.map(l -> l.path("metadata").get("managedFields")).filter(JsonNode::isArray)
                .ifPresent(m -> merged.withObject("metadata").set("managedFields", m.deepCopy()));
        return merged;
    }

    /**
     * Records an Apply of {@code config} by {@code manager}, {@code next} being the object about to be stored.
     *
     * @throws io.cairn.apiserver.status.StatusException 409 Conflict when, without {@code force}, the apply changes
     *     fields other managers own
     */
    public ObjectNode apply(ResourceType t, Optional<ObjectNode> live, ObjectNode next, ObjectNode config,
                            String manager, String subresource, boolean force) {
        Schema schema = schema(t);
        List<ManagedEntry> entries = applyBase(t, live, schema);
        FieldSet applied = appliedSet(t, config, subresource, schema);
        ManagedEntry mine = appliedEntry(t, manager, subresource, applied);
        ObjectNode before = bare(live);
        ObjectNode after = bare(Optional.of(next));
        FieldSet changed = tracked(t, subresource, ObjectWalk.changed(before, after, schema));
        FieldSet removed = removed(before, after, schema);
        List<Conflicts.Conflict> conflicts = new ArrayList<>();
        List<ManagedEntry> out = new ArrayList<>();
        for (ManagedEntry e : entries) {
            if (e.identity().equals(mine.identity())) {
                continue;
            }
            FieldSet lost = e.fields().intersection(changed);
            for (List<String> p : lost.members()) {
                conflicts.add(new Conflicts.Conflict(e, p));
            }
            out.add(e.withFields(e.fields().difference(lost).difference(removed)));
        }
        if (!force && !conflicts.isEmpty() && !allowedByLastApplied(live, manager, conflicts, schema)) {
            throw Conflicts.error(conflicts);
        }
        out.add(mine);
        ObjectNode result = finish(live, next, out);
        if (manager.equals(LastApplied.KUBECTL) && LastApplied.of(live).isPresent()) {
            LastApplied.record(result, config);
        }
        return result;
    }

    /**
     * kube lets kubectl's apply take fields from other managers when the object's last-applied annotation shows
     * kubectl applied them client-side before; other conflicts remain.
     */
    private static boolean allowedByLastApplied(Optional<ObjectNode> live, String manager,
                                                List<Conflicts.Conflict> conflicts, Schema schema) {
        if (!manager.equals(LastApplied.KUBECTL)) {
            return false;
        }
        Optional<ObjectNode> last = LastApplied.of(live);
        if (last.isEmpty()) {
            return false;
        }
        FieldSet allowed = ObjectWalk.members(last.get(), schema);
        List<Conflicts.Conflict> left = conflicts.stream().filter(c -> !allowed.contains(c.path())).toList();
        if (left.isEmpty()) {
            return true;
        }
        throw Conflicts.error(left);
    }

    private ManagedEntry appliedEntry(ResourceType t, String manager, String subresource, FieldSet applied) {
        return new ManagedEntry(manager, ManagedEntry.APPLY, t.apiVersion(), now(), subresource, applied);
    }

    /** The fields an applier owns: those of its configuration that this write can change. */
    private FieldSet appliedSet(ResourceType t, ObjectNode config, String subresource, Schema schema) {
        ObjectNode c = config.deepCopy();
        c.withObject("metadata").remove("managedFields");
        return tracked(t, subresource, ObjectWalk.members(c, schema));
    }

    /** Entries to start an apply from; an existing object without any is first owned by before-first-apply. */
    private List<ManagedEntry> applyBase(ResourceType t, Optional<ObjectNode> live, Schema schema) {
        List<ManagedEntry> entries = live.flatMap(l -> ManagedFields.decode(l.path("metadata").get("managedFields")))
                .orElse(List.of());
        if (live.isEmpty() || !entries.isEmpty()) {
            return entries;
        }
        FieldSet all = tracked(t, "", ObjectWalk.changed(JsonNodeFactory.instance.objectNode(), bare(live),
                schema));
        return List.of(new ManagedEntry(BEFORE_FIRST_APPLY, ManagedEntry.UPDATE, t.apiVersion(), now(), "", all));
    }

    /**
     * kube's choice of starting entries for an Update: a client's {@code []} clears them, valid entries sent with the
     * object replace the stored ones (on the main resource), anything else keeps the stored ones.
     */
    private static List<ManagedEntry> base(Optional<ObjectNode> live, ObjectNode next, String subresource) {
        List<ManagedEntry> stored = live.flatMap(l -> ManagedFields.decode(l.path("metadata").get("managedFields")))
                .orElse(List.of());
        if (!subresource.isEmpty()) {
            return stored;
        }
        JsonNode sent = next.path("metadata").get("managedFields");
        if (ManagedFields.isReset(sent)) {
            return List.of();
        }
        return ManagedFields.decode(sent).filter(l -> !l.isEmpty()).orElse(stored);
    }

    /** Sets the entries on next; a write that changes nothing but times keeps the stored entries. */
    private static ObjectNode finish(Optional<ObjectNode> live, ObjectNode next, List<ManagedEntry> entries) {
        ObjectNode meta = next.withObject("metadata");
        ArrayNode encoded = ManagedFields.encode(UpdaterCap.apply(entries.stream()
                .filter(e -> !e.fields().isEmpty()).toList()));
        if (encoded.isEmpty()) {
            meta.remove("managedFields");
        } else {
            meta.set("managedFields", encoded);
        }
        if (live.isPresent()) {
            JsonNode stored = live.get().path("metadata").get("managedFields");
            if (stored != null && withoutTimes(stored).equals(withoutTimes(encoded))
                    && bare(live).equals(bare(Optional.of(next)))) {
                meta.set("managedFields", stored.deepCopy());
            }
        }
        return next;
    }

    private static JsonNode withoutTimes(JsonNode entries) {
        JsonNode copy = entries.deepCopy();
        for (JsonNode e : copy) {
            if (e instanceof ObjectNode o) {
                o.remove("time");
            }
        }
        return copy;
    }

    private static int indexOf(List<ManagedEntry> entries, String identity) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).identity().equals(identity)) {
                return i;
            }
        }
        return -1;
    }

    private static FieldSet removed(ObjectNode before, ObjectNode after, Schema schema) {
        return ObjectWalk.nodes(before, schema).difference(ObjectWalk.nodes(after, schema));
    }

    /** An object without what is never compared: managedFields and resourceVersion. */
    private static ObjectNode bare(Optional<ObjectNode> o) {
        ObjectNode copy = o.map(ObjectNode::deepCopy).orElseGet(JsonNodeFactory.instance::objectNode);
        if (copy.get("metadata") instanceof ObjectNode meta) {
            meta.remove("managedFields");
            meta.remove("resourceVersion");
        }
        return copy;
    }

    /** Drops the fields kube never tracks and those this write cannot change (see {@link TrackedFields}). */
    private static FieldSet tracked(ResourceType t, String subresource, FieldSet fields) {
        return TrackedFields.of(t, subresource, fields);
    }

    private Schema schema(ResourceType t) {
        return shapes.of(t.apiVersion(), t.kind()).orElse(Schema.UNTYPED);
    }

    private String now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
