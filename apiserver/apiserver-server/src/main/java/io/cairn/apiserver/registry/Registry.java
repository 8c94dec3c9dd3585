package io.cairn.apiserver.registry;

import io.cairn.apiserver.resource.ResourceCatalog;
import io.cairn.apiserver.resource.ResourceType;
import io.cairn.apiserver.status.Cause;
import io.cairn.apiserver.status.StatusException;
import io.cairn.apiserver.status.Statuses;
import io.cairn.apiserver.store.Entry;
import io.cairn.apiserver.store.ObjectStore;
import io.cairn.apiserver.store.Page;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * kube-apiserver's generic registry over the store: get, list, create, update, patch and delete with Kubernetes'
 * metadata rules and optimistic concurrency.
 *
 * <p>Why: one implementation of the rules every kind shares (uid, creationTimestamp, generation, generateName,
 * resourceVersion preconditions, finalizers, namespace lifecycle) keeps kinds consistent; per-kind behaviour is
 * data ({@link ResourceType}) and {@link Defaults}.
 */
public final class Registry {
    private static final int MAX_RETRIES = 64;
    private final ObjectStore store;
    private final Keys keys;
    private final ResourceType namespaces;
    private final Clock clock;
    private final RandomGenerator random;
    private final ObjectRules rules;

    public Registry(ObjectStore store, Keys keys, ResourceCatalog catalog, Clock clock, RandomGenerator random) {
        this(store, keys, catalog, clock, random, ObjectRules.NONE);
    }

    /** A registry whose writes and reads also follow {@code rules} (custom kinds). */
    public Registry(ObjectStore store, Keys keys, ResourceCatalog catalog, Clock clock, RandomGenerator random,
                    ObjectRules rules) {
        this.rules = rules;
        this.store = store;
        this.keys = keys;
        this.namespaces = catalog.find("", "v1", "namespaces").orElseThrow();
        this.clock = clock;
        this.random = random;
    }

    /** The store keys in use. */
    public Keys keys() {
        return keys;
    }

    /** One object, or 404. */
    public ObjectNode get(ResourceType t, String ns, String name) {
        return store.get(keys.object(t, ns, name)).map(e -> rules.served(t, ObjectCodec.decode(e)))
                .orElseThrow(() -> Statuses.notFound(t.group(), t.plural(), name));
    }

    /** The served form of a stored object (as a watch event carries it). */
    public ObjectNode served(ResourceType t, ObjectNode stored) {
        return rules.served(t, stored);
    }

    /**
     * A page of a list.
     *
     * @param filter selector match; {@code filtered} says whether it can reject anything
     * @param limit at most this many items (0 = all)
     * @param continueToken a previous page's token
     * @param exactRevision read at this revision ({@code resourceVersionMatch=Exact}); 0 = latest
     */
    public ListResult list(ResourceType t, String ns, Predicate<ObjectNode> filter, boolean filtered, long limit,
                           Optional<String> continueToken, long exactRevision) {
        String prefix = keys.list(t, ns);
        String from = prefix;
        long revision = exactRevision;
        if (continueToken.isPresent()) {
            ContinueToken c = ContinueToken.decode(continueToken.get());
            revision = c.revision();
            from = prefix + c.start();
        }
        List<ObjectNode> items = new ArrayList<>();
        long readRevision = revision;
        String lastKey = null;
        boolean more = true;
        try {
            while (more && (limit <= 0 || items.size() < limit)) {
                long chunk = limit <= 0 ? 0 : Math.max(limit - items.size(), filtered ? 500 : 0);
                Page p = store.list(prefix, from, readRevision, chunk);
                if (readRevision == 0) {
                    // the header of a read at an older revision carries the current one: keep the one asked for
                    readRevision = p.revision();
                }
                more = p.more();
                for (Entry e : p.entries()) {
                    if (limit > 0 && items.size() >= limit) {
                        more = true;
                        break;
                    }
                    lastKey = e.key();
                    ObjectNode o = rules.served(t, ObjectCodec.decode(e));
                    if (filter.test(o)) {
                        items.add(o);
                    }
                }
                if (lastKey != null) {
                    from = lastKey + "\0";
                }
                if (p.entries().isEmpty()) {
                    more = false;
                }
            }
        } catch (StatusException e) {
            if (e.code() == 410 && continueToken.isPresent()) {
                throw Statuses.expired("The provided continue parameter is too old to display a consistent list"
                        + " result. You can start a new list without the continue parameter, or use the continue"
                        + " token in this response to retrieve the remainder of the results. Continuing with the"
                        + " provided token results in an inconsistent list - objects that were created, modified, or"
                        + " deleted between the time the first chunk was returned and now may show up in the list.");
            }
            if (e.code() == 410) {
                throw Statuses.expired("too old resource version: " + exactRevision);
            }
            throw e;
        }
        Optional<String> next = Optional.empty();
        Optional<Long> remaining = Optional.empty();
        if (more && lastKey != null) {
            next = Optional.of(new ContinueToken(readRevision, lastKey.substring(prefix.length()) + "\0").encode());
            if (!filtered) {
                remaining = Optional.of(store.count(prefix, lastKey + "\0", readRevision));
            }
        }
        return new ListResult(items, readRevision, next, remaining);
    }

    /** Creates an object (201), or fails with 409 AlreadyExists / 422 Invalid / 404 or 403 for its namespace. */
    public ObjectNode create(ResourceType t, String ns, ObjectNode body, boolean dryRun) {
        return create(t, ns, body, dryRun, Tracking.NONE);
    }

    /** Creates an object, {@code tracking} recording its managed fields. */
    public ObjectNode create(ResourceType t, String ns, ObjectNode body, boolean dryRun, Tracking tracking) {
        ObjectNode o = body.deepCopy();
        typeMeta(t, o);
        ObjectNode meta = o.withObject("metadata");
        String bodyNs = meta.path("namespace").asString("");
        if (t.namespaced()) {
            if (!bodyNs.isEmpty() && !bodyNs.equals(ns)) {
                throw Statuses.badRequest("the namespace of the provided object does not match the namespace sent"
                        + " on the request");
            }
            meta.put("namespace", ns);
        } else {
            meta.remove("namespace");
        }
        String name = meta.path("name").asString("");
        String generateName = meta.path("generateName").asString("");
        if (name.isEmpty() && !generateName.isEmpty()) {
            name = Names.generate(generateName, random);
            meta.put("name", name);
        }
        if (name.isEmpty()) {
            throw Statuses.invalid(t.group(), t.kind(), "", List.of(Names.required("metadata.name",
                    "name or generateName is required")));
        }
        List<Cause> causes = Names.validate(name, nameRule(t));
        if (!causes.isEmpty()) {
            throw Statuses.invalid(t.group(), t.kind(), name, causes);
        }
        if (t.namespaced()) {
            requireActiveNamespace(t, ns, name);
        }
        meta.remove("resourceVersion");
        meta.remove("deletionTimestamp");
        meta.remove("deletionGracePeriodSeconds");
        dropEmpty(meta);
        meta.put("uid", new UUID(random.nextLong() & 0xffffffffffff0fffL | 0x4000L,
                random.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L).toString());
        meta.put("creationTimestamp", now());
        if (t.generation()) {
            meta.put("generation", 1);
        } else {
            meta.remove("generation");
        }
        Defaults.apply(t, o, random);
        rules.admit(t, Optional.empty(), o, "");
        o = tracking.track(Optional.empty(), o);
        meta = o.withObject("metadata");
        dropEmptyManagedFields(meta);
        Models.check(t, o);
        if (dryRun) {
            if (store.get(keys.object(t, ns, name)).isPresent()) {
                throw Statuses.alreadyExists(t.group(), t.plural(), name);
            }
            return o;
        }
        OptionalLong rev = store.create(keys.object(t, ns, name), ObjectCodec.encode(rules.stored(t, o)));
        if (rev.isEmpty()) {
            throw Statuses.alreadyExists(t.group(), t.plural(), name);
        }
        meta.put("resourceVersion", Long.toString(rev.getAsLong()));
        return o;
    }

    /** Replaces an object (PUT), on the main resource or its {@code status}/{@code finalize} subresource. */
    public ObjectNode update(ResourceType t, String ns, String name, String subresource, ObjectNode body,
                             boolean dryRun) {
        return update(t, ns, name, subresource, body, dryRun, Tracking.NONE);
    }

    /** Replaces an object, {@code tracking} recording its managed fields. */
    public ObjectNode update(ResourceType t, String ns, String name, String subresource, ObjectNode body,
                             boolean dryRun, Tracking tracking) {
        String bodyName = body.path("metadata").path("name").asString("");
        if (!bodyName.isEmpty() && !bodyName.equals(name)) {
            throw Statuses.badRequest("the name of the object (" + bodyName + ") does not match the name on the URL ("
                    + name + ")");
        }
        String bodyNs = body.path("metadata").path("namespace").asString("");
        if (t.namespaced() && !bodyNs.isEmpty() && !bodyNs.equals(ns)) {
            throw Statuses.badRequest("the namespace of the provided object does not match the namespace sent on"
                    + " the request");
        }
        String wanted = body.path("metadata").path("resourceVersion").asString("");
        return write(t, ns, name, wanted, current -> body, subresource, dryRun, tracking);
    }

    /** Applies a patch function to the current object and writes the result, retrying on concurrent writes. */
    public ObjectNode patch(ResourceType t, String ns, String name, String subresource,
                            UnaryOperator<ObjectNode> patcher, boolean dryRun) {
        return patch(t, ns, name, subresource, patcher, dryRun, Tracking.NONE);
    }

    /** Patches an object, {@code tracking} recording its managed fields. */
    public ObjectNode patch(ResourceType t, String ns, String name, String subresource,
                            UnaryOperator<ObjectNode> patcher, boolean dryRun, Tracking tracking) {
        return write(t, ns, name, "", patcher, subresource, dryRun, tracking);
    }

    private ObjectNode write(ResourceType t, String ns, String name, String wantedVersion,
                             UnaryOperator<ObjectNode> change, String subresource, boolean dryRun,
                             Tracking tracking) {
        String key = keys.object(t, ns, name);
        for (int attempt = 0; attempt < MAX_RETRIES; attempt++) {
            Entry e = store.get(key).orElseThrow(() -> Statuses.notFound(t.group(), t.plural(), name));
            ObjectNode current = rules.served(t, ObjectCodec.decode(e));
            String currentVersion = Long.toString(e.modRevision());
            ObjectNode body = change.apply(current.deepCopy());
            String asked = wantedVersion.isEmpty() ? body.path("metadata").path("resourceVersion").asString("")
                    : wantedVersion;
            if (!asked.isEmpty() && !asked.equals(currentVersion)) {
                throw Statuses.conflict(t.group(), t.plural(), name);
            }
            ObjectNode merged = merge(t, subresource, current, body);
            rules.admit(t, Optional.of(current), merged, subresource);
            ObjectNode next = tracking.track(Optional.of(current), merged);
            ObjectNode meta = next.withObject("metadata");
            dropEmptyManagedFields(meta);
            Models.check(t, next);
            boolean deleting = meta.has("deletionTimestamp");
            boolean noFinalizers = !meta.has("finalizers") || meta.get("finalizers").isEmpty();
            if (deleting && noFinalizers && !t.kind().equals("Namespace")) {
                if (dryRun) {
                    return next;
                }
                OptionalLong rev = store.delete(key, e.modRevision());
                if (rev.isPresent()) {
                    meta.put("resourceVersion", Long.toString(rev.getAsLong()));
                    return next;
                }
            } else {
                if (dryRun || unchanged(current, next)) {
                    meta.put("resourceVersion", currentVersion);
                    return next;
                }
                OptionalLong rev = store.update(key, ObjectCodec.encode(rules.stored(t, next)), e.modRevision());
                if (rev.isPresent()) {
                    meta.put("resourceVersion", Long.toString(rev.getAsLong()));
                    return next;
                }
            }
            if (!wantedVersion.isEmpty()) {
                throw Statuses.conflict(t.group(), t.plural(), name);
            }
            // written concurrently: read again and re-apply (a patch that names a resourceVersion fails above)
        }
        throw Statuses.conflict(t.group(), t.plural(), name);
    }

    /**
     * Whether a write would store what is already stored; kube-apiserver then skips the write, so the
     * resourceVersion stays and no watch event is sent (kubectl reports "(no change)").
     */
    private static boolean unchanged(ObjectNode current, ObjectNode next) {
        ObjectNode stored = current.deepCopy();
        stored.withObject("metadata").remove("resourceVersion");
        return next.equals(stored);
    }

    private ObjectNode merge(ResourceType t, String subresource, ObjectNode current, ObjectNode body) {
        ObjectNode next;
        if (subresource.equals("status")) {
            next = current.deepCopy();
            if (body.has("status")) {
                next.set("status", body.get("status").deepCopy());
            } else {
                next.remove("status");
            }
        } else if (subresource.equals("finalize")) {
            next = current.deepCopy();
            JsonNode f = body.path("spec").path("finalizers");
            if (f.isArray()) {
                next.withObject("spec").set("finalizers", f.deepCopy());
            } else {
                next.withObject("spec").remove("finalizers");
            }
        } else {
            next = body.deepCopy();
            typeMeta(t, next);
            if (t.has("status")) {
                if (current.has("status")) {
                    next.set("status", current.get("status").deepCopy());
                } else {
                    next.remove("status");
                }
            }
        }
        ObjectNode meta = next.withObject("metadata");
        JsonNode cm = current.path("metadata");
        for (String f : List.of("name", "namespace", "uid", "creationTimestamp", "deletionTimestamp",
                "deletionGracePeriodSeconds", "generation")) {
            if (cm.has(f)) {
                meta.set(f, cm.get(f).deepCopy());
            } else {
                meta.remove(f);
            }
        }
        if (subresource.isEmpty()) {
            keepAllocated(t, current, next);
            Defaults.apply(t, next, random);
        }
        if (t.generation() && !Objects.equals(current.get("spec"), next.get("spec"))) {
            meta.put("generation", cm.path("generation").asLong(0) + 1);
        }
        if (t.kind().equals("Namespace")) {
            meta.withObject("labels").put("kubernetes.io/metadata.name", meta.path("name").asString(""));
        }
        dropEmpty(meta);
        meta.remove("resourceVersion");
        return next;
    }

    /**
     * Removes empty {@code labels}, {@code annotations}, {@code finalizers} and {@code ownerReferences}: Kubernetes
     * omits them when empty, so removing the last label leaves no {@code labels: {}} behind and a client's empty maps
     * are not stored. An empty {@code managedFields} is a client's request to reset them, so it stays until
     * {@link Tracking} has seen it.
     */
    private static void dropEmpty(ObjectNode meta) {
        for (String f : List.of("labels", "annotations", "finalizers", "ownerReferences")) {
            JsonNode v = meta.get(f);
            if (v != null && (v.isNull() || ((v.isObject() || v.isArray()) && v.isEmpty()))) {
                meta.remove(f);
            }
        }
    }

    private static void dropEmptyManagedFields(ObjectNode meta) {
        JsonNode v = meta.get("managedFields");
        if (v != null && (v.isNull() || v.isContainer() && v.isEmpty())) {
            meta.remove("managedFields");
        }
    }

    /** A Service update that leaves out its allocated cluster IPs keeps them (kube's service REST does the same). */
    private static void keepAllocated(ResourceType t, ObjectNode current, ObjectNode next) {
        if (!t.kind().equals("Service") || !(next.get("spec") instanceof ObjectNode spec)) {
            return;
        }
        for (String f : List.of("clusterIP", "clusterIPs")) {
            if (!spec.has(f) && current.path("spec").has(f)) {
                spec.set(f, current.path("spec").get(f).deepCopy());
            }
        }
    }

    /**
     * Deletes an object: at once when it has no finalizers (answers a Success Status), otherwise marks it with a
     * deletionTimestamp (answers the object). Namespaces always go through termination.
     */
    public DeleteOutcome delete(ResourceType t, String ns, String name, Preconditions pre, boolean dryRun) {
        String key = keys.object(t, ns, name);
        for (int attempt = 0; attempt < MAX_RETRIES; attempt++) {
            Entry e = store.get(key).orElseThrow(() -> Statuses.notFound(t.group(), t.plural(), name));
            ObjectNode current = rules.served(t, ObjectCodec.decode(e));
            ObjectNode meta = current.withObject("metadata");
            pre.check(t, name, meta.path("uid").asString(""), Long.toString(e.modRevision()));
            boolean isNamespace = t.kind().equals("Namespace");
            if (isNamespace && List.of("default", "kube-system", "kube-public").contains(name)) {
                throw Statuses.forbidden("", "namespaces", name, "namespaces \"" + name
                        + "\" is forbidden: this namespace may not be deleted");
            }
            if (!meta.has("deletionTimestamp")) {
                rules.deleting(t, current);
            }
            boolean hasFinalizers = meta.has("finalizers") && !meta.get("finalizers").isEmpty();
            if (isNamespace || hasFinalizers) {
                if (meta.has("deletionTimestamp")) {
                    return new DeleteOutcome(current, false);
                }
                meta.put("deletionTimestamp", now());
                meta.put("deletionGracePeriodSeconds", 0);
                if (isNamespace) {
                    current.withObject("status").put("phase", "Terminating");
                }
                if (dryRun) {
                    return new DeleteOutcome(current, false);
                }
                OptionalLong rev = store.update(key, ObjectCodec.encode(rules.stored(t, current)), e.modRevision());
                if (rev.isPresent()) {
                    meta.put("resourceVersion", Long.toString(rev.getAsLong()));
                    return new DeleteOutcome(current, false);
                }
                continue;
            }
            if (dryRun) {
                return new DeleteOutcome(current, true);
            }
            OptionalLong rev = store.delete(key, e.modRevision());
            if (rev.isPresent()) {
                meta.put("resourceVersion", Long.toString(rev.getAsLong()));
                return new DeleteOutcome(current, true);
            }
        }
        throw Statuses.conflict(t.group(), t.plural(), name);
    }

    /** Creates the namespaces every cluster has, when missing. */
    public void ensureNamespaces(List<String> names) {
        for (String n : names) {
            if (store.get(keys.object(namespaces, "", n)).isEmpty()) {
                ObjectNode o = ObjectCodec.JSON.createObjectNode();
                o.withObject("metadata").put("name", n);
                try {
                    create(namespaces, "", o, false);
                } catch (StatusException e) {
                    if (e.code() != 409) {
                        throw e;
                    }
                }
            }
        }
    }

    private void requireActiveNamespace(ResourceType t, String ns, String name) {
        Optional<Entry> e = store.get(keys.object(namespaces, "", ns));
        if (e.isEmpty()) {
            throw Statuses.notFound("", "namespaces", ns);
        }
        ObjectNode n = ObjectCodec.decode(e.get());
        if (n.path("metadata").has("deletionTimestamp")) {
            throw Statuses.forbidden(t.group(), t.plural(), name, (t.group().isEmpty() ? t.plural()
                    : t.plural() + "." + t.group()) + " \"" + name + "\" is forbidden: unable to create new content"
                    + " in namespace " + ns + " because it is being terminated");
        }
    }

    private static Names.Rule nameRule(ResourceType t) {
        return switch (t.kind()) {
            case "Namespace" -> Names.Rule.LABEL;
            case "Service" -> Names.Rule.LABEL_1035;
            default -> Names.Rule.SUBDOMAIN;
        };
    }

    private static void typeMeta(ResourceType t, ObjectNode o) {
        String apiVersion = o.path("apiVersion").asString("");
        String kind = o.path("kind").asString("");
        if (!apiVersion.isEmpty() && !apiVersion.equals(t.apiVersion())) {
            throw Statuses.badRequest("the API version in the data (" + apiVersion + ") does not match the expected"
                    + " API version (" + t.apiVersion() + ")");
        }
        if (!kind.isEmpty() && !kind.equals(t.kind())) {
            // kube decodes the body as its own kind, then fails to convert it into the URL's (internal) type
            String internalPackage = t.group().isEmpty() ? "core" : t.group().split("\\.", 2)[0];
            throw Statuses.badRequest(kind + " in version \"" + t.version() + "\" cannot be handled as a " + t.kind()
                    + ": converting (" + t.version() + "." + kind + ") to (" + internalPackage + "." + t.kind()
                    + "): unknown conversion");
        }
        ObjectNode ordered = ObjectCodec.JSON.createObjectNode();
        ordered.put("kind", t.kind());
        ordered.put("apiVersion", t.apiVersion());
        o.remove("kind");
        o.remove("apiVersion");
        ordered.setAll(o);
        o.removeAll();
        o.setAll(ordered);
    }

    private String now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
