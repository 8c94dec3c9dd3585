package io.cairn.client;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A watch that outlives its connections, as client-go's reflector does: it lists, then watches from the list's
 * resourceVersion with bookmarks; when a stream ends or breaks it reconnects from the last resourceVersion seen
 * (backing off), and on 410 Gone it relists and turns the difference into synthetic events.
 *
 * <p>No event is delivered twice: the watch remembers the resourceVersion it last delivered for each object and skips
 * a repeat; none is lost: it resumes strictly after the last delivered or bookmarked resourceVersion, and after a
 * relist every object whose state differs from what the handler saw gets an event.
 */
final class ResumableWatch<T extends HasMetadata> implements WatchHandle {
    private final KubeClusterClient client;
    private final ResourceType type;
    private final String namespace;
    private final Class<T> cls;
    private final WatchHandler<T> handler;
    private final Deadline deadline;
    private final Backoff backoff;
    private final Map<String, T> known = new HashMap<>();
    private final Thread thread;
    private final Deadline.Registration cancelHook;
    private volatile boolean closed;
    private volatile InputStream current;
    private String lastRv;

    ResumableWatch(KubeClusterClient client, ResourceType type, String namespace, Class<T> cls,
                   WatchHandler<T> handler, Deadline deadline) {
        this.client = client;
        this.type = type;
        this.namespace = namespace;
        this.cls = cls;
        this.handler = handler;
        this.deadline = deadline;
        ClientConfig c = client.config();
        this.backoff = new Backoff(c.watchBackoffBase(), c.watchBackoffCap(), c.random());
        this.cancelHook = deadline.onCancel(this::closeStream);
        this.thread = Thread.ofVirtual().name("cairn-watch-" + type.plural()).unstarted(this::run);
    }

    ResumableWatch<T> start() {
        thread.start();
        return this;
    }

    @Override
    public void close() {
        closed = true;
        closeStream();
        thread.interrupt();
        if (Thread.currentThread() != thread) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void closeStream() {
        InputStream in = current;
        if (in != null) {
            Fabric8Transport.closeQuietly(in);
        }
    }

    private boolean stopped() {
        return closed || deadline.cancelled() || deadline.expired();
    }

    private void run() {
        try {
            loop();
        } finally {
            cancelHook.close();
        }
    }

    private void loop() {
        int failures = 0;
        while (!stopped()) {
            String reason;
            try {
                if (lastRv == null) {
                    relist();
                }
                reason = stream();
                if (reason.equals("closed")) {
                    failures = 0;
                }
            } catch (ClientException e) {
                if (stopped()) {
                    return;
                }
                KubeClusterClient.LOG.debug("watch {} failed: {}", type.plural(), e.getMessage());
                reason = "error";
            } catch (RuntimeException e) {
                if (stopped()) {
                    return;
                }
                KubeClusterClient.LOG.warn("watch {} failed", type.plural(), e);
                reason = "error";
            }
            if (stopped()) {
                return;
            }
            client.config().metrics().watchRestart(client.name(), type.plural(), reason);
            if (!reason.equals("closed")) {
                try {
                    deadline.sleep(backoff.delay(failures++), "watch reconnect backoff");
                } catch (ClientException e) {
                    return;
                }
            }
        }
    }

    /** Lists, emits what differs from what the handler has seen, and resumes from the list's resourceVersion. */
    private void relist() {
        KubeClusterClient.Listed<T> listed = client.listRaw(type, namespace, cls, deadline);
        var seen = new HashSet<String>();
        for (T item : listed.items()) {
            String key = key(item);
            seen.add(key);
            T before = known.get(key);
            String rv = item.getMetadata().getResourceVersion();
            if (before == null) {
                deliver(new WatchEvent<>(WatchEvent.Type.ADDED, item, rv, true), key, item);
            } else if (!Objects.equals(before.getMetadata().getResourceVersion(), rv)) {
                deliver(new WatchEvent<>(WatchEvent.Type.MODIFIED, item, rv, true), key, item);
            }
        }
        for (var e : new HashMap<>(known).entrySet()) {
            if (!seen.contains(e.getKey())) {
                known.remove(e.getKey());
                handler.onEvent(new WatchEvent<>(WatchEvent.Type.DELETED, e.getValue(), listed.resourceVersion(),
                        true));
            }
        }
        lastRv = listed.resourceVersion();
        handler.onSynced(lastRv);
    }

    /** Reads one watch stream to its end; returns why it ended: closed, error or expired. */
    private String stream() {
        String path = type.collectionPath(namespace) + "?watch=true&allowWatchBookmarks=true&resourceVersion="
                + lastRv + "&timeoutSeconds=" + Math.max(1, client.config().watchTimeout().toSeconds());
        Transport.Stream s = client.pipeline().open(Request.get(path), deadline);
        current = s.body();
        if (stopped()) {
            closeStream();
            return "closed";
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(s.body(), StandardCharsets.UTF_8))) {
            if (s.code() == 410) {
                lastRv = null;
                return "expired";
            }
            if (s.code() != 200) {
                throw new ClientException.Status(s.code(), "WatchFailed", r.readLine());
            }
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode ev = client.json().readTree(line);
                String t = ev.path("type").asString("");
                JsonNode obj = ev.path("object");
                switch (t) {
                    case "BOOKMARK" -> lastRv = obj.path("metadata").path("resourceVersion").asString(lastRv);
                    case "ERROR" -> {
                        if (obj.path("code").asInt() == 410) {
                            lastRv = null;
                            return "expired";
                        }
                        return "error";
                    }
                    case "ADDED", "MODIFIED", "DELETED" -> apply(WatchEvent.Type.valueOf(t), obj);
                    default -> KubeClusterClient.LOG.debug("ignoring watch event type {}", t);
                }
            }
            return "closed";
        } catch (IOException e) {
            return "error";
        } finally {
            current = null;
        }
    }

    private void apply(WatchEvent.Type t, JsonNode obj) {
        T item = client.serialization().unmarshal(obj.toString(), cls);
        String key = key(item);
        String rv = item.getMetadata().getResourceVersion();
        T before = known.get(key);
        if (t == WatchEvent.Type.DELETED) {
            if (before == null) {
                lastRv = rv;
                return;
            }
            known.remove(key);
            handler.onEvent(new WatchEvent<>(t, item, rv, false));
        } else {
            if (before != null && Objects.equals(before.getMetadata().getResourceVersion(), rv)) {
                lastRv = rv;
                return;
            }
            WatchEvent.Type effective = before == null ? WatchEvent.Type.ADDED : WatchEvent.Type.MODIFIED;
            deliver(new WatchEvent<>(effective, item, rv, false), key, item);
        }
        lastRv = rv;
    }

    private void deliver(WatchEvent<T> event, String key, T item) {
        known.put(key, item);
        handler.onEvent(event);
    }

    static String key(HasMetadata o) {
        String ns = o.getMetadata().getNamespace();
        return ns == null || ns.isEmpty() ? o.getMetadata().getName() : ns + "/" + o.getMetadata().getName();
    }
}
