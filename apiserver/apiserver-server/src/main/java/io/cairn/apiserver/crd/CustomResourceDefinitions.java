package io.cairn.apiserver.crd;

import io.cairn.apiserver.registry.ObjectRules;
import io.cairn.apiserver.registry.Registry;
import io.cairn.apiserver.resource.ResourceCatalog;
import io.cairn.apiserver.resource.ResourceType;
import io.cairn.apiserver.store.ObjectStore;
import io.cairn.apiserver.store.WatchCache;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CustomResourceDefinitions in Cairn's API server: the rules the registry applies to definitions and custom
 * resources, the custom kinds served through the catalog, the schemas of those kinds, and the jobs that follow
 * definitions in the store and clean up deleted ones.
 *
 * <p>Why: one entry wires the feature; the server creates it before the registry (which needs its {@link #rules()})
 * and starts it once the watch cache runs.
 * <pre>{@code
 * CustomResourceDefinitions crds = CustomResourceDefinitions.create(catalog, clock);
 * Registry registry = new Registry(store, keys, catalog, clock, random, crds.rules());
 * cache.start();
 * crds.start(store, registry, cache, background, threads);
 * }</pre>
 */
public final class CustomResourceDefinitions implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CustomResourceDefinitions.class);
    private final ResourceCatalog catalog;
    private final DefinitionIndex index;
    private final DefinitionStatus status;
    private final CustomRules rules;
    private DefinitionWatcher watcher;

    private CustomResourceDefinitions(ResourceCatalog catalog, Clock clock) {
        this.catalog = catalog;
        this.index = new DefinitionIndex(catalog);
        this.status = new DefinitionStatus(clock);
        this.rules = new CustomRules(index, status);
    }

    /** The feature over a catalog that serves {@code customresourcedefinitions}; nothing runs until started. */
    public static CustomResourceDefinitions create(ResourceCatalog catalog, Clock clock) {
        return new CustomResourceDefinitions(catalog, clock);
    }

    /** The rules to give the {@link Registry}. */
    public ObjectRules rules() {
        return rules;
    }

    /** The schemas of the served custom kinds. */
    public CustomSchemas schemas() {
        return index;
    }

    /**
     * Loads the stored definitions (their kinds are served when this returns), follows later changes on a thread
     * from {@code threads}, and runs the cleanup of deleted definitions every 500 ms on {@code background}.
     */
    public synchronized void start(ObjectStore store, Registry registry, WatchCache cache,
                                   ScheduledExecutorService background, ThreadFactory threads) {
        ResourceType definitions = catalog.find(CustomRules.GROUP, "v1", CustomRules.RESOURCE).orElseThrow();
        watcher = new DefinitionWatcher(registry, cache, definitions, index);
        watcher.load();
        threads.newThread(watcher).start();
        DefinitionCleanup cleanup = new DefinitionCleanup(store, registry, definitions, index, status);
        background.scheduleWithFixedDelay(() -> {
            try {
                cleanup.runOnce();
            } catch (RuntimeException e) {
                LOG.debug("definition cleanup pass failed", e);
            }
        }, 500, 500, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (watcher != null) {
            watcher.stop();
            watcher = null;
        }
    }
}
