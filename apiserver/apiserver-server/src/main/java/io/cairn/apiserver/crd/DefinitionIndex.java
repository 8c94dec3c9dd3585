package io.cairn.apiserver.crd;

import io.cairn.apiserver.resource.ResourceCatalog;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;

/**
 * The definitions this server knows, by name, kept in step with the store; serves their kinds through the catalog
 * while they are established.
 *
 * <p>Why: every API server on a store learns definitions from the same watch, so all of them serve the same custom
 * kinds; requests read the index without touching the store.
 */
final class DefinitionIndex implements CustomSchemas {
    private final ResourceCatalog catalog;
    private final Map<String, Definition> byName = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    DefinitionIndex(ResourceCatalog catalog) {
        this.catalog = catalog;
    }

    /** Records a definition as stored now and serves (or stops serving) its kinds. */
    void put(JsonNode crd) {
        Definition d = Definition.of(crd);
        synchronized (this) {
            byName.put(d.name(), d);
            catalog.publish(d.name(), d.established() ? d.types() : List.of());
        }
        listeners.forEach(Runnable::run);
    }

    /** Forgets a deleted definition and stops serving its kinds. */
    void remove(String name) {
        synchronized (this) {
            byName.remove(name);
            catalog.publish(name, List.of());
        }
        listeners.forEach(Runnable::run);
    }

    /** Forgets every definition not in {@code names} (after a relist). */
    void retain(java.util.Set<String> names) {
        for (String n : List.copyOf(byName.keySet())) {
            if (!names.contains(n)) {
                remove(n);
            }
        }
    }

    Optional<Definition> byResource(String group, String plural) {
        return Optional.ofNullable(byName.get(plural + "." + group));
    }

    List<Definition> all() {
        return List.copyOf(byName.values());
    }

    @Override
    public Optional<JsonNode> schema(String group, String version, String kind) {
        return byName.values().stream().filter(d -> d.established() && d.group().equals(group)
                        && d.kind().equals(kind)).findFirst()
                .flatMap(d -> d.version(version)).filter(Definition.Version::served)
                .flatMap(Definition.Version::schema);
    }

    @Override
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }
}
