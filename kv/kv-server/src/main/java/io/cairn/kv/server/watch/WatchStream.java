package io.cairn.kv.server.watch;

import io.cairn.kv.server.mvcc.KeyRange;
import io.etcd.jetcd.api.Event;
import io.etcd.jetcd.api.KeyValue;
import io.etcd.jetcd.api.ResponseHeader;
import io.etcd.jetcd.api.WatchCreateRequest;
import io.etcd.jetcd.api.WatchResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client watch stream (one gRPC Watch call): its watchers and its bounded queue of outgoing responses.
 *
 * <p>Why a bounded queue: a client that reads slowly must not make the server buffer without limit, nor
 * slow the apply loop. When event responses would overflow the queue, the watcher is handed back to the hub,
 * which catches it up from storage later (etcd's victims). Control responses (created, canceled, progress)
 * are always queued; they are small and rare.
 */
public final class WatchStream {
    private static final Logger LOG = LoggerFactory.getLogger(WatchStream.class);

    /** etcd's {@code clientv3.InvalidWatchID}: the id of refused watches and stream-wide progress. */
    public static final long INVALID_ID = -1;
    /** Event responses a stream may hold before its watchers are caught up from storage instead. */
    static final int MAX_QUEUED = 1024;
    /** Responses {@link #send send(true)} sends on the calling thread before it hands the rest to the executor. */
    static final int SEND_HERE = 4;
    /** Field number of {@code WatchCreateRequest.watch_id} (absent from the etcd API artifact). */
    private static final int FIELD_WATCH_ID = 7;
    /** Field number of {@code WatchCreateRequest.fragment}. */
    private static final int FIELD_FRAGMENT = 8;
    /** Field number of {@code WatchResponse.fragment}. */
    private static final int FIELD_RESPONSE_FRAGMENT = 7;

    private final WatchHub hub;
    private final Outbound out;
    private final LongFunction<ResponseHeader> header;
    private final Executor executor;
    private final long maxResponseBytes;
    private final Map<Long, Watcher> watchers = new HashMap<>();
    private record Queued(Pending pending, boolean control) {
    }

    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    private int queuedEvents;
    private long nextId;
    private boolean draining;
    /** The pool's task: sends everything queued (one object for the stream's life, not one per hand-off). */
    private final Runnable sendAll = () -> drain(Integer.MAX_VALUE);
    private boolean closed;
    /** A stream-wide progress request waiting for every watcher to be synced. */
    boolean progressRequested;

    WatchStream(WatchHub hub, Outbound out, LongFunction<ResponseHeader> header, Executor executor,
                long maxResponseBytes) {
        this.hub = hub;
        this.out = out;
        this.header = header;
        this.executor = executor;
        this.maxResponseBytes = maxResponseBytes;
        out.onReady(() -> send(false));
    }

    /** Handles a create request: validates it, acknowledges it and registers the watcher. */
    public void create(WatchCreateRequest r) {
        var key = r.getKey().isEmpty() ? com.google.protobuf.ByteString.copyFrom(new byte[] {0}) : r.getKey();
        KeyRange range = KeyRange.of(key, r.getRangeEnd());
        long requestedId = unknownVarint(r.getUnknownFields(), FIELD_WATCH_ID);
        boolean fragment = unknownVarint(r.getUnknownFields(), FIELD_FRAGMENT) != 0;
        boolean noPut = false;
        boolean noDelete = false;
        for (WatchCreateRequest.FilterType f : r.getFiltersList()) {
            noPut |= f == WatchCreateRequest.FilterType.NOPUT;
            noDelete |= f == WatchCreateRequest.FilterType.NODELETE;
        }
        hub.lock.lock();
        try {
            long rev = hub.lastNotified();
            String error = null;
            long id = INVALID_ID;
            if (range.isEmptyInterval()) {
                error = "mvcc: watcher range is empty";
            } else if (requestedId != 0) {
                if (watchers.containsKey(requestedId)) {
                    error = "mvcc: duplicate watch ID provided on the WatchStream";
                } else {
                    id = requestedId;
                }
            } else {
                while (watchers.containsKey(nextId)) {
                    nextId++;
                }
                id = nextId++;
            }
            if (error != null) {
                enqueue(new Pending(INVALID_ID, rev, List.of(), null, true, true, 0, error), true);
                return;
            }
            Watcher w = new Watcher(this, id, range, noPut, noDelete, r.getPrevKv(), r.getProgressNotify(), fragment,
                    r.getStartRevision());
            watchers.put(id, w);
            enqueue(new Pending(id, rev, List.of(), null, true, false, 0, ""), true);
            hub.register(w, r.getStartRevision());
        } finally {
            hub.lock.unlock();
        }
    }

    /**
     * Answers a create request that may not be served (etcd: permission denied, invalid token): created and
     * canceled at once, with watch id -1 and {@code reason}.
     */
    public void rejectCreate(String reason) {
        hub.lock.lock();
        try {
            enqueue(new Pending(INVALID_ID, hub.lastNotified(), List.of(), null, true, true, 0, reason), true);
        } finally {
            hub.lock.unlock();
        }
    }

    /** Handles a cancel request (an unknown id is ignored, as etcd does). */
    public void cancel(long id) {
        hub.lock.lock();
        try {
            Watcher w = watchers.remove(id);
            if (w == null) {
                return;
            }
            hub.unregister(w);
            enqueue(new Pending(id, hub.lastNotified(), List.of(), null, false, true, 0, ""), true);
        } finally {
            hub.lock.unlock();
        }
    }

    /** Handles a progress request: answered once every watcher of the stream is synced. */
    public void requestProgress() {
        hub.lock.lock();
        try {
            progressRequested = true;
            hub.progressIfSynced(this);
        } finally {
            hub.lock.unlock();
        }
    }

    /** The client went away: drops every watcher. */
    public void close() {
        hub.lock.lock();
        try {
            closed = true;
            for (Watcher w : watchers.values()) {
                hub.unregister(w);
            }
            watchers.clear();
            synchronized (queue) {
                queue.clear();
            }
        } finally {
            hub.lock.unlock();
        }
        hub.closed(this);
    }

    Iterable<Watcher> watchers() {
        return watchers.values();
    }

    void removeCompacted(Watcher w, long compactRevision) {
        watchers.remove(w.id);
        // etcd sends this cancel with a zero header revision
        enqueue(new Pending(w.id, 0, List.of(), null, false, true, compactRevision, ""), true);
    }

    /**
     * Queues a response; event responses are refused (false) when the queue is full.
     *
     * @param control true for responses that must go out whatever the queue holds
     */
    boolean enqueue(Pending p, boolean control) {
        if (!offer(p, control)) {
            return false;
        }
        send(false);
        return true;
    }

    /**
     * Queues a response without sending it yet ({@link #send} does); false when an event response finds the queue
     * full. A closed stream accepts and drops everything.
     */
    boolean offer(Pending p, boolean control) {
        synchronized (queue) {
            if (closed) {
                return true;
            }
            if (!control && queuedEvents >= MAX_QUEUED) {
                return false;
            }
            queue.add(new Queued(p, control));
            if (!control) {
                queuedEvents++;
            }
        }
        return true;
    }

    /**
     * Starts sending what is queued, unless a send is already under way.
     *
     * @param here true to send up to {@link #SEND_HERE} responses on the calling thread (the rest, if any, from
     *             the executor); false to send everything from the executor
     */
    void send(boolean here) {
        synchronized (queue) {
            if (draining || queue.isEmpty() || closed) {
                return;
            }
            draining = true;
        }
        if (here) {
            boolean more;
            try {
                more = drain(SEND_HERE);
            } catch (RuntimeException e) {
                // the caller is a committing thread: the failure is this stream's, as on a pool thread
                LOG.warn("sending a watch response failed", e);
                return;
            }
            if (more) {
                executor.execute(sendAll);
            }
        } else {
            executor.execute(sendAll);
        }
    }

    /**
     * Sends queued responses while the client can take them, at most {@code limit}.
     *
     * @return true when the limit was reached with responses left: the caller still owns the send and must go on
     */
    private boolean drain(int limit) {
        try {
            for (int sent = 0; ; sent++) {
                Pending p;
                synchronized (queue) {
                    if (queue.isEmpty() || closed || !out.isReady()) {
                        draining = false;
                        return false;
                    }
                    if (sent >= limit) {
                        return true;
                    }
                    Queued q = queue.poll();
                    p = q.pending();
                    if (!q.control()) {
                        queuedEvents--;
                    }
                }
                for (WatchResponse r : toResponses(p)) {
                    out.send(r);
                }
            }
        } catch (RuntimeException | Error e) {
            synchronized (queue) {
                draining = false; // a failed send must not leave the stream unable to send again
            }
            throw e;
        }
    }

    private List<WatchResponse> toResponses(Pending p) {
        WatchResponse.Builder b = WatchResponse.newBuilder()
                .setHeader(header.apply(p.revision()))
                .setWatchId(p.watchId())
                .setCreated(p.created())
                .setCanceled(p.canceled() || p.compactRevision() != 0)
                .setCompactRevision(p.compactRevision())
                .setCancelReason(p.cancelReason());
        Watcher w = p.watcher();
        List<Event> events = p.events();
        if (w != null && w.prevKv) {
            List<Event> withPrev = new ArrayList<>(events.size());
            for (Event e : events) {
                boolean create = e.getType() == Event.EventType.PUT && e.getKv().getVersion() == 1;
                KeyValue prev = create ? null : hub.previous(e.getKv());
                withPrev.add(prev == null ? e : e.toBuilder().setPrevKv(prev).build());
            }
            events = withPrev;
        }
        if (w == null || !w.fragment) {
            return List.of(b.addAllEvents(events).build());
        }
        // fragment=true: split at the request size limit; every part but the last is marked as a fragment
        List<WatchResponse> parts = new ArrayList<>();
        WatchResponse.Builder part = b.clone();
        long size = 0;
        for (Event e : events) {
            int es = e.getSerializedSize();
            if (part.getEventsCount() > 0 && size + es > maxResponseBytes) {
                parts.add(markFragment(part).build());
                part = b.clone();
                size = 0;
            }
            part.addEvents(e);
            size += es;
        }
        parts.add(part.build());
        return parts;
    }

    private static WatchResponse.Builder markFragment(WatchResponse.Builder b) {
        return b.setUnknownFields(com.google.protobuf.UnknownFieldSet.newBuilder(b.getUnknownFields())
                .addField(FIELD_RESPONSE_FRAGMENT,
                        com.google.protobuf.UnknownFieldSet.Field.newBuilder().addVarint(1).build())
                .build());
    }

    private static long unknownVarint(com.google.protobuf.UnknownFieldSet fields, int number) {
        var f = fields.getField(number);
        return f == null || f.getVarintList().isEmpty() ? 0 : f.getVarintList().getLast();
    }
}
