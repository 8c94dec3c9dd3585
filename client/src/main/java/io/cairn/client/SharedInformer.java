package io.cairn.client;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@link Informer} over a {@link ResumableWatch}: the watch guarantees each change once and in order, so the cache
 * and its indexes are updated and handlers called right on the watch thread.
 */
final class SharedInformer<T extends HasMetadata> implements Informer<T>, WatchHandler<T> {
    private final KubeClusterClient client;
    private final ResourceType type;
    private final String namespace;
    private final Class<T> cls;
    private final Map<String, T> cache = new ConcurrentHashMap<>();
    private final Map<String, Function<T, List<String>>> indexers = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Set<String>>> indexes = new ConcurrentHashMap<>();
    private final List<Handler<T>> handlers = new CopyOnWriteArrayList<>();
    private final CountDownLatch synced = new CountDownLatch(1);
    private final Deadline lifetime = Deadline.none();
    private volatile ResumableWatch<T> watch;

    SharedInformer(KubeClusterClient client, ResourceType type, String namespace, Class<T> cls) {
        this.client = client;
        this.type = type;
        this.namespace = namespace;
        this.cls = cls;
    }

    @Override
    public Informer<T> addIndex(String name, Function<T, List<String>> keys) {
        if (watch != null) {
            throw new IllegalStateException("indexes are added before start()");
        }
        indexers.put(name, keys);
        indexes.put(name, new ConcurrentHashMap<>());
        return this;
    }

    @Override
    public Informer<T> addHandler(Handler<T> handler) {
        handlers.add(handler);
        return this;
    }

    @Override
    public synchronized Informer<T> start() {
        if (watch == null) {
            watch = new ResumableWatch<>(client, type, namespace, cls, this, lifetime).start();
        }
        return this;
    }

    @Override
    public boolean hasSynced() {
        return synced.getCount() == 0;
    }

    @Override
    public void waitForSync(Deadline deadline) {
        try {
            if (!synced.await(deadline.remaining().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ClientException.DeadlineExceeded("informer for " + type.plural() + " did not sync in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException.Cancelled("interrupted waiting for sync");
        }
    }

    @Override
    public Optional<T> get(String ns, String name) {
        return Optional.ofNullable(cache.get(ns == null || ns.isEmpty() ? name : ns + "/" + name));
    }

    @Override
    public List<T> list() {
        return List.copyOf(cache.values());
    }

    @Override
    public List<T> byIndex(String index, String value) {
        Map<String, Set<String>> idx = indexes.get(index);
        if (idx == null) {
            throw new IllegalArgumentException("no index " + index);
        }
        List<T> out = new ArrayList<>();
        for (String key : idx.getOrDefault(value, Set.of())) {
            T o = cache.get(key);
            if (o != null) {
                out.add(o);
            }
        }
        return out;
    }

    @Override
    public void close() {
        lifetime.cancel();
        ResumableWatch<T> w = watch;
        if (w != null) {
            w.close();
        }
    }

    @Override
    public void onEvent(WatchEvent<T> event) {
        T o = event.object();
        String key = ResumableWatch.key(o);
        T before = event.type() == WatchEvent.Type.DELETED ? cache.remove(key) : cache.put(key, o);
        unindex(key, before);
        if (event.type() != WatchEvent.Type.DELETED) {
            index(key, o);
        }
        for (Handler<T> h : handlers) {
            try {
                switch (event.type()) {
                    case ADDED -> h.onAdd(o);
                    case MODIFIED -> h.onUpdate(before, o);
                    case DELETED -> h.onDelete(o);
                }
            } catch (RuntimeException e) {
                KubeClusterClient.LOG.warn("informer handler failed on {} {}", event.type(), key, e);
            }
        }
    }

    @Override
    public void onSynced(String resourceVersion) {
        synced.countDown();
    }

    private void index(String key, T o) {
        indexers.forEach((name, fn) -> {
            for (String v : fn.apply(o)) {
                indexes.get(name).computeIfAbsent(v, x -> ConcurrentHashMap.newKeySet()).add(key);
            }
        });
    }

    private void unindex(String key, T o) {
        if (o == null) {
            return;
        }
        indexers.forEach((name, fn) -> {
            for (String v : new HashSet<>(fn.apply(o))) {
                Set<String> keys = indexes.get(name).get(v);
                if (keys != null) {
                    keys.remove(key);
                }
            }
        });
    }
}
