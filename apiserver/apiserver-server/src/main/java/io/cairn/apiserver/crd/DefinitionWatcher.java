package io.cairn.apiserver.crd;

import io.cairn.apiserver.registry.ListResult;
import io.cairn.apiserver.registry.Registry;
import io.cairn.apiserver.resource.ResourceType;
import io.cairn.apiserver.status.StatusException;
import io.cairn.apiserver.store.CacheEvent;
import io.cairn.apiserver.store.Subscription;
import io.cairn.apiserver.store.WatchCache;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps the {@link DefinitionIndex} in step with the stored definitions: a list at start, then the watch cache's
 * events under the definitions' prefix; a lost watch lists again.
 *
 * <p>Why: definitions written through any API server on the same store must change what every one of them serves,
 * so the index follows the store, not this server's own writes.
 */
final class DefinitionWatcher implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(DefinitionWatcher.class);
    private final Registry registry;
    private final WatchCache cache;
    private final ResourceType definitions;
    private final DefinitionIndex index;
    private volatile boolean stopped;
    private long revision;

    DefinitionWatcher(Registry registry, WatchCache cache, ResourceType definitions, DefinitionIndex index) {
        this.registry = registry;
        this.cache = cache;
        this.definitions = definitions;
        this.index = index;
    }

    /** Loads every stored definition; call once before serving requests. */
    void load() {
        ListResult all = registry.list(definitions, "", o -> true, false, 0, Optional.empty(), 0);
        Set<String> names = new HashSet<>();
        for (ObjectNode crd : all.items()) {
            names.add(crd.path("metadata").path("name").asString(""));
            index.put(crd);
        }
        index.retain(names);
        revision = all.revision();
    }

    /** Follows the watch until {@link #stop()}; run it on its own thread after {@link #load()}. */
    @Override
    public void run() {
        String prefix = registry.keys().list(definitions, "");
        while (!stopped) {
            try (Subscription s = cache.subscribe(prefix, revision)) {
                while (!stopped) {
                    Optional<CacheEvent> e = s.next(Duration.ofMillis(250));
                    if (e.isPresent()) {
                        apply(e.get());
                    }
                }
            } catch (StatusException expired) {
                LOG.debug("definition watch ended ({}); listing again", expired.getMessage());
                relist();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("definition watch failed; listing again", e);
                relist();
            }
        }
    }

    private void relist() {
        try {
            Thread.sleep(100);
            load();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        } catch (RuntimeException e) {
            LOG.debug("listing definitions failed", e);
        }
    }

    private void apply(CacheEvent e) {
        revision = e.revision();
        if (e.type() == CacheEvent.Type.DELETED) {
            index.remove(e.object().path("metadata").path("name").asString(""));
        } else {
            index.put(e.object());
        }
    }

    void stop() {
        stopped = true;
    }
}
