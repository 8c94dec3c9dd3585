package io.cairn.apiserver.http;

import io.cairn.apiserver.registry.ListResult;
import io.cairn.apiserver.registry.ObjectCodec;
import io.cairn.apiserver.registry.Registry;
import io.cairn.apiserver.resource.ResourceType;
import io.cairn.apiserver.status.StatusException;
import io.cairn.apiserver.status.Statuses;
import io.cairn.apiserver.store.CacheEvent;
import io.cairn.apiserver.store.Subscription;
import io.cairn.apiserver.store.WatchCache;
import io.cairn.apiserver.table.IncludeObject;
import io.cairn.apiserver.table.TableConverter;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A watch over HTTP: newline-delimited JSON events on a chunked 200 response, fed by the {@link WatchCache}.
 *
 * <p>Why: kube clients (kubectl get -w, informers, kubectl wait) read one event per line and resume from the last
 * resourceVersion they saw. Selector transitions are turned into ADDED/DELETED as kube-apiserver does, a too-old
 * resourceVersion becomes an ERROR event with a 410 Status, and bookmarks are sent when asked for.
 */
final class WatchStream {
    private static final byte[] NEWLINE = {'\n'};
    private static final int MAX_BURST = 256;
    private final WatchCache cache;
    private final Registry registry;
    private final TableConverter tables;
    private final Duration bookmarkInterval;
    private final Clock clock;
    private final RandomGenerator random;

    WatchStream(WatchCache cache, Registry registry, TableConverter tables, Duration bookmarkInterval, Clock clock,
                RandomGenerator random) {
        this.cache = cache;
        this.registry = registry;
        this.tables = tables;
        this.bookmarkInterval = bookmarkInterval;
        this.clock = clock;
        this.random = random;
    }

    void serve(ServerRequest req, ServerResponse res, ResourceType t, String ns, String unused, Query q,
               Accepts accepts) {
        if (req.headers().first(HeaderNames.UPGRADE).orElse("").toLowerCase(Locale.ROOT).contains("websocket")) {
            // Cairn serves watches over plain HTTP only. fabric8 opens each watch with a WebSocket upgrade and
            // repeats it over plain HTTP when the handshake is answered 200; its WebSocket client reads the whole
            // refused answer first, so that answer must end: an empty watch, over at once.
            res.status(Status.OK_200);
            res.header(HeaderNames.CONTENT_TYPE, "application/json");
            res.send();
            return;
        }
        Filters filters = Filters.of(t, q);
        String rv = q.get("resourceVersion");
        boolean bookmarks = q.flag("allowWatchBookmarks");
        boolean initialEvents = q.flag("sendInitialEvents");
        long timeout = q.number("timeoutSeconds", 0);
        Duration limit = timeout > 0 ? Duration.ofSeconds(timeout)
                : Duration.ofSeconds(1800 + random.nextLong(1800));
        IncludeObject include = q.includeObject();
        long after;
        List<ObjectNode> initial = List.of();
        if (rv.isEmpty() || rv.equals("0") || initialEvents) {
            ListResult current = registry.list(t, ns, filters.test(), filters.filtering(), 0, Optional.empty(), 0);
            initial = current.items();
            after = current.revision();
        } else {
            try {
                after = Long.parseLong(rv);
            } catch (NumberFormatException e) {
                throw Statuses.badRequest("resourceVersion: Invalid value: \"" + rv + "\": must be an integer");
            }
        }
        String prefix = registry.keys().list(t, ns);
        Subscription sub = null;
        StatusException expired = null;
        try {
            sub = cache.subscribe(prefix, after);
        } catch (StatusException e) {
            expired = e;
        }
        res.status(Status.OK_200);
        res.header(HeaderNames.CONTENT_TYPE, accepts == Accepts.TABLE ? Accepts.TABLE.contentType()
                : "application/json");
        res.header(HeaderNames.CACHE_CONTROL, "no-cache, private");
        try (OutputStream out = res.outputStream(); Subscription s = sub) {
            EarlyHeaders.send(out);
            if (expired != null) {
                write(out, "ERROR", expired.toStatus());
                return;
            }
            for (ObjectNode o : initial) {
                write(out, "ADDED", render(t, o, accepts, include));
            }
            if (initialEvents && bookmarks) {
                ObjectNode b = bookmark(t, after);
                b.withObject("metadata").withObject("annotations").put("k8s.io/initial-events-end", "true");
                write(out, "BOOKMARK", b);
            } else if (bookmarks && initial.isEmpty()) {
                // fabric8's informers count their watch as running only once a first message arrived; a bookmark
                // at the starting revision (allowed whenever a client accepts bookmarks) tells them nothing new
                write(out, "BOOKMARK", bookmark(t, after));
            }
            out.flush();
            stream(out, s, t, filters, accepts, include, bookmarks, Instant.now(clock).plus(limit));
        } catch (IOException | UncheckedIOException e) {
            // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stream(OutputStream out, Subscription sub, ResourceType t, Filters filters, Accepts accepts,
                        IncludeObject include, boolean bookmarks, Instant deadline)
            throws IOException, InterruptedException {
        Instant nextBookmark = Instant.now(clock).plus(bookmarkInterval);
        while (Instant.now(clock).isBefore(deadline)) {
            Optional<CacheEvent> next;
            try {
                next = sub.next(Duration.ofMillis(500));
            } catch (StatusException e) {
                write(out, "ERROR", e.toStatus());
                out.flush();
                return;
            }
            if (next.isPresent()) {
                // write what is already queued too, then flush once: one TLS record for a burst, not one per event
                CacheEvent e = next.get();
                for (int n = 0; e != null && n < MAX_BURST; n++) {
                    send(out, t, filters, accepts, include, e);
                    e = sub.poll().orElse(null);
                }
                if (e != null) {
                    send(out, t, filters, accepts, include, e);
                }
                out.flush();
            } else if (bookmarks && !Instant.now(clock).isBefore(nextBookmark)) {
                OptionalLong at = sub.bookmark();
                if (at.isPresent()) {
                    write(out, "BOOKMARK", bookmark(t, at.getAsLong()));
                    out.flush();
                    nextBookmark = Instant.now(clock).plus(bookmarkInterval);
                }
            }
        }
    }

    private void send(OutputStream out, ResourceType t, Filters filters, Accepts accepts, IncludeObject include,
                      CacheEvent e) throws IOException {
        boolean now = e.type() != CacheEvent.Type.DELETED && filters.test().test(e.object());
        boolean before = e.previous().map(filters.test()::test).orElse(false);
        CacheEvent.Type type = switch (e.type()) {
            case ADDED -> now ? CacheEvent.Type.ADDED : null;
            case MODIFIED -> now && before ? CacheEvent.Type.MODIFIED : now ? CacheEvent.Type.ADDED
                    : before ? CacheEvent.Type.DELETED : null;
            case DELETED -> before ? CacheEvent.Type.DELETED : null;
        };
        if (type == null) {
            return;
        }
        if (accepts == Accepts.TABLE) {
            write(out, type.name(), render(t, registry.served(t, e.object()), accepts, include));
        } else if (t.custom().isPresent()) {
            // custom kinds are stored at their storage version: each watched version gets its own apiVersion
            write(out, type.name(), registry.served(t, e.object()));
        } else {
            out.write(e.line(type, WatchStream::encode));
        }
    }

    private JsonNode render(ResourceType t, ObjectNode o, Accepts accepts, IncludeObject include) {
        if (accepts == Accepts.TABLE) {
            return tables.table(t, List.of(o), include,
                    o.path("metadata").path("resourceVersion").asString(""), Optional.empty(), Optional.empty());
        }
        return o;
    }

    private static ObjectNode bookmark(ResourceType t, long revision) {
        ObjectNode b = ObjectCodec.JSON.createObjectNode();
        b.put("kind", t.kind());
        b.put("apiVersion", t.apiVersion());
        b.putObject("metadata").put("resourceVersion", Long.toString(revision));
        return b;
    }

    /** One plain JSON watch line, newline included: shared by every watcher of the event. */
    private static byte[] encode(CacheEvent.Type type, ObjectNode object) {
        ObjectNode ev = ObjectCodec.JSON.createObjectNode();
        ev.put("type", type.name());
        ev.set("object", object);
        byte[] json = ObjectCodec.JSON.writeValueAsBytes(ev);
        byte[] line = java.util.Arrays.copyOf(json, json.length + 1);
        line[json.length] = '\n';
        return line;
    }

    private static void write(OutputStream out, String type, JsonNode object) throws IOException {
        ObjectNode ev = ObjectCodec.JSON.createObjectNode();
        ev.put("type", type);
        ev.set("object", object);
        out.write(ObjectCodec.JSON.writeValueAsBytes(ev));
        out.write(NEWLINE);
    }
}
