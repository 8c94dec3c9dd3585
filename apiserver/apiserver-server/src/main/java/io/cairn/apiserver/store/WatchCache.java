package io.cairn.apiserver.store;

import io.cairn.apiserver.status.StatusException;
import io.cairn.apiserver.status.Statuses;
import io.etcd.jetcd.api.Event;
import io.etcd.jetcd.api.KeyValue;
import io.etcd.jetcd.api.WatchCreateRequest;
import io.etcd.jetcd.api.WatchGrpc;
import io.etcd.jetcd.api.WatchProgressRequest;
import io.etcd.jetcd.api.WatchRequest;
import io.etcd.jetcd.api.WatchResponse;
import io.grpc.Channel;
import io.grpc.stub.StreamObserver;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One store watch over the whole key prefix, fanned out to every HTTP watcher, with a window of recent events so a
 * watcher can resume from a resourceVersion.
 *
 * <p>Why: kube-apiserver never opens one store watch per client; neither does Cairn. Each change is decoded once.
 * A resume from a revision older than the window answers 410 "too old resource version", exactly what makes kube
 * clients relist.
 */
public final class WatchCache implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WatchCache.class);
    private static final int SUBSCRIBER_QUEUE = 10_000;

    private final Channel channel;
    private final ObjectStore store;
    private final String prefix;
    private final int capacity;
    private final Function<Entry, ObjectNode> decoder;
    private final ScheduledExecutorService timer;
    private final ArrayDeque<CacheEvent> window = new ArrayDeque<>();
    private final List<Subscription> subscribers = new ArrayList<>();
    private long floor;
    private long revision;
    private volatile boolean closed;
    private StreamObserver<WatchRequest> requests;

    public WatchCache(Channel channel, ObjectStore store, String prefix, int capacity,
                      Function<Entry, ObjectNode> decoder) {
        this.channel = channel;
        this.store = store;
        this.prefix = prefix;
        this.capacity = capacity;
        this.decoder = decoder;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "apiserver-watch-cache");
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens the store watch at the store's current revision and starts asking for progress every second. */
    public void start() {
        long now = store.currentRevision();
        synchronized (this) {
            floor = now;
            revision = now;
        }
        open(now + 1);
        timer.scheduleWithFixedDelay(this::requestProgress, 1, 1, TimeUnit.SECONDS);
    }

    /** The revision up to which every change has been dispatched. */
    public synchronized long revision() {
        return revision;
    }

    /**
     * A feed of the changes under {@code keyPrefix} after revision {@code after}.
     *
     * @throws StatusException 410 when {@code after} is older than the window
     */
    public synchronized Subscription subscribe(String keyPrefix, long after) {
        if (after < floor) {
            throw Statuses.expired("too old resource version: " + after + " (" + floor + ")");
        }
        Subscription s = new Subscription(this, keyPrefix, after, SUBSCRIBER_QUEUE);
        for (CacheEvent e : window) {
            if (e.revision() > after && e.key().startsWith(keyPrefix)) {
                s.offer(e);
            }
        }
        subscribers.add(s);
        return s;
    }

    synchronized void unsubscribe(Subscription s) {
        subscribers.remove(s);
    }

    synchronized OptionalLong bookmarkFor(Subscription s) {
        return s.isEmpty() && revision > s.after ? OptionalLong.of(revision) : OptionalLong.empty();
    }

    private void open(long from) {
        if (closed) {
            return;
        }
        StreamObserver<WatchRequest> req = WatchGrpc.newStub(channel).watch(new Responses());
        synchronized (this) {
            requests = req;
        }
        req.onNext(WatchRequest.newBuilder().setCreateRequest(WatchCreateRequest.newBuilder()
                .setKey(ObjectStore.bytes(prefix)).setRangeEnd(ObjectStore.prefixEnd(prefix)).setStartRevision(from)
                .setPrevKv(true).setProgressNotify(true)).build());
    }

    private void requestProgress() {
        StreamObserver<WatchRequest> r;
        synchronized (this) {
            r = requests;
        }
        if (r != null && !closed) {
            try {
                synchronized (r) {
                    r.onNext(WatchRequest.newBuilder().setProgressRequest(WatchProgressRequest.getDefaultInstance())
                            .build());
                }
            } catch (RuntimeException e) {
                LOG.debug("progress request failed", e);
            }
        }
    }

    private synchronized void apply(WatchResponse r) {
        if (r.getCompactRevision() > 0) {
            // history we had not seen yet is gone: watchers cannot be continued consistently
            for (Subscription s : subscribers) {
                s.end("too old resource version: " + revision + " (" + r.getCompactRevision() + ")");
            }
            subscribers.clear();
            window.clear();
            floor = Math.max(floor, store.currentRevision());
            revision = floor;
            return;
        }
        if (r.getCreated() || r.getCanceled()) {
            return;
        }
        for (Event e : r.getEventsList()) {
            CacheEvent ce;
            try {
                ce = decode(e);
            } catch (RuntimeException bad) {
                // a value that is not an object (written by hand under the prefix) must not stop every watch
                LOG.warn("skipping undecodable value at {} (revision {}): {}", e.getKv().getKey().toStringUtf8(),
                        e.getKv().getModRevision(), bad.getMessage());
                revision = Math.max(revision, e.getKv().getModRevision());
                continue;
            }
            window.addLast(ce);
            for (Subscription s : subscribers) {
                if (ce.key().startsWith(s.keyPrefix)) {
                    s.offer(ce);
                }
            }
            revision = Math.max(revision, ce.revision());
        }
        while (window.size() > capacity) {
            floor = window.removeFirst().revision();
        }
        if (r.getEventsCount() == 0) {
            revision = Math.max(revision, r.getHeader().getRevision());
        }
    }

    private CacheEvent decode(Event e) {
        KeyValue kv = e.getKv();
        String key = kv.getKey().toStringUtf8();
        Optional<ObjectNode> prev = e.hasPrevKv() && !e.getPrevKv().getValue().isEmpty()
                ? Optional.of(decoder.apply(ObjectStore.entry(e.getPrevKv()))) : Optional.empty();
        if (e.getType() == Event.EventType.DELETE) {
            ObjectNode last = prev.map(ObjectNode::deepCopy).orElseGet(() -> tools.jackson.databind.node
                    .JsonNodeFactory.instance.objectNode());
            last.withObject("metadata").put("resourceVersion", Long.toString(kv.getModRevision()));
            return new CacheEvent(CacheEvent.Type.DELETED, key, kv.getModRevision(), last, prev);
        }
        ObjectNode obj = decoder.apply(ObjectStore.entry(kv));
        CacheEvent.Type t = kv.getCreateRevision() == kv.getModRevision() ? CacheEvent.Type.ADDED
                : CacheEvent.Type.MODIFIED;
        return new CacheEvent(t, key, kv.getModRevision(), obj, prev);
    }

    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        StreamObserver<WatchRequest> r;
        synchronized (this) {
            r = requests;
            for (Subscription s : subscribers) {
                s.end("the server is shutting down");
            }
            subscribers.clear();
        }
        if (r != null) {
            try {
                r.onCompleted();
            } catch (RuntimeException e) {
                LOG.debug("closing the store watch", e);
            }
        }
    }

    /** The store watch's responses; a broken stream is reopened after the last revision seen. */
    private final class Responses implements StreamObserver<WatchResponse> {
        @Override
        public void onNext(WatchResponse r) {
            apply(r);
        }

        @Override
        public void onError(Throwable t) {
            reopen(t);
        }

        @Override
        public void onCompleted() {
            reopen(null);
        }

        private void reopen(Throwable t) {
            if (closed) {
                return;
            }
            LOG.info("store watch ended ({}); reopening", t == null ? "completed" : t.toString());
            long from = revision() + 1;
            timer.schedule(() -> open(from), 1, TimeUnit.SECONDS);
        }
    }
}
