package io.cairn.bench;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.Event;
import io.etcd.jetcd.api.WatchCreateRequest;
import io.etcd.jetcd.api.WatchRequest;
import io.etcd.jetcd.api.WatchResponse;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One {@code Watch} stream carrying many watchers: creates them, then checks and times every event it receives.
 *
 * <p>Why: a stream's responses arrive one at a time on a network thread, so its state (watch ids, histograms,
 * counters) needs no sharing between streams; a per-stream lock, taken once per response, only guards against the
 * main thread reading the results. Watch ids come from the server: creates on one stream are answered in the order
 * they were sent, so the n-th {@code created} response belongs to the n-th create. An event's delivery latency is
 * the receive time of its response minus the send time stamped in the value ({@link StampedValue}).
 *
 * <p>Latencies go into {@link Latencies} shared by all streams of a run rather than into histograms of each
 * stream's own: a histogram of nanosecond latencies to three digits grows to about 160 KB, and a hundred streams'
 * histograms, grown while the run measures, were tens of megabytes for the generator's young collector to copy —
 * pauses of up to 160 ms on two cores, counted as delivery latency of the server under test.
 */
final class WatchStreamHandler implements ClientResponseObserver<WatchRequest, WatchResponse> {

    private final DeliveryChecker checker;
    private final List<ByteString> keys;
    private final LongSupplier nanoClock;
    private final CountDownLatch created;
    private final ArrayDeque<PendingCreate> pendingCreates = new ArrayDeque<>();
    private final Map<Long, Integer> watcherById = new HashMap<>();
    private final Latencies latencies;
    private final ErrorCounts streamErrors = new ErrorCounts();
    private ClientCallStreamObserver<WatchRequest> requests;
    private long events;
    private long canceled;
    private long unexpected;
    private long lastEventNanos = Long.MIN_VALUE;
    private boolean closing;

    /**
     * A handler for watchers whose key numbers {@link DeliveryChecker#keyOfWatcher} maps into {@code keys};
     * {@code created} is counted down once per watcher, created or failed.
     */
    WatchStreamHandler(DeliveryChecker checker, List<ByteString> keys, LongSupplier nanoClock,
            CountDownLatch created, Latencies latencies) {
        this.checker = checker;
        this.latencies = latencies;
        this.keys = List.copyOf(keys);
        this.nanoClock = nanoClock;
        this.created = created;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<WatchRequest> requestStream) {
        this.requests = requestStream;
    }

    /** Creates a watcher on its key, from revision 0 (now); call from one thread only. */
    void create(int watcher) {
        synchronized (this) {
            pendingCreates.add(new PendingCreate(watcher, nanoClock.getAsLong()));
        }
        requests.onNext(WatchRequest.newBuilder().setCreateRequest(WatchCreateRequest.newBuilder()
                .setKey(keys.get(checker.keyOfWatcher(watcher)))).build());
    }

    @Override
    public synchronized void onNext(WatchResponse response) {
        long now = nanoClock.getAsLong();
        if (response.getCreated()) {
            PendingCreate pending = pendingCreates.poll();
            if (pending != null) {
                if (response.getCanceled()) {
                    streamErrors.add("CREATE_REFUSED", response.getCancelReason());
                } else {
                    watcherById.put(response.getWatchId(), pending.watcher());
                    latencies.creates().recordValue(Math.max(0, now - pending.sentNanos()));
                }
                created.countDown();
            }
        } else if (response.getCanceled()) {
            canceled++;
            streamErrors.add("WATCH_CANCELED", response.getCancelReason().isEmpty()
                    ? "compact revision " + response.getCompactRevision() : response.getCancelReason());
        }
        if (response.getEventsCount() == 0) {
            return;
        }
        Integer watcher = watcherById.get(response.getWatchId());
        for (Event event : response.getEventsList()) {
            events++;
            ByteString value = event.getKv().getValue();
            if (watcher == null || event.getType() != Event.EventType.PUT || !StampedValue.stamped(value)
                    || !event.getKv().getKey().equals(keys.get(checker.keyOfWatcher(watcher)))) {
                unexpected++;
                continue;
            }
            checker.delivered(watcher, StampedValue.seq(value), event.getKv().getModRevision());
            long sent = StampedValue.sentNanos(value);
            long latency = Math.max(0, now - sent);
            latencies.events().recordValue(latency);
            latencies.log().record(sent, latency);
        }
        lastEventNanos = now;
    }

    @Override
    public synchronized void onError(Throwable error) {
        if (!closing) {
            streamErrors.add(error);
        }
        while (pendingCreates.poll() != null) {
            created.countDown();
        }
    }

    @Override
    public synchronized void onCompleted() {
        if (!closing) {
            streamErrors.add("STREAM_CLOSED", "the server ended the watch stream");
        }
        while (pendingCreates.poll() != null) {
            created.countDown();
        }
    }

    /** Events received so far. */
    synchronized long events() {
        return events;
    }

    /** Ends the stream; later errors (the cancellation itself) are not counted. */
    void close() {
        synchronized (this) {
            closing = true;
        }
        requests.cancel("benchmark done", null);
    }

    /** Adds this stream's counts to the totals; call after {@link #close}. */
    synchronized void drainInto(Totals totals) {
        totals.events += events;
        totals.canceled += canceled;
        totals.unexpected += unexpected;
        totals.lastEventNanos = Math.max(totals.lastEventNanos, lastEventNanos);
        streamErrors.snapshot().forEach((code, tally) -> totals.errors.add(code, tally.example(), tally.count()));
    }

    /**
     * Latencies of watch creation and event delivery, recorded by all streams of a run (wait-free for writers).
     *
     * @param creates from a create request to its {@code created} response
     * @param events  from a put's send time stamped in its value to the event's receipt
     * @param log     each event's send time and latency ({@code --delivery-log}), or {@link DeliveryLog#NONE}
     */
    record Latencies(Recorder creates, Recorder events, DeliveryLog log) {
        static Latencies create() {
            return create(DeliveryLog.NONE);
        }

        static Latencies create(DeliveryLog log) {
            return new Latencies(new Recorder(3), new Recorder(3), log);
        }

        /** What was recorded so far: creations, then deliveries; call once, when recording is over. */
        List<Histogram> histograms() {
            return List.of(creates.getIntervalHistogram(), events.getIntervalHistogram());
        }
    }

    /** A create sent and not yet answered. */
    private record PendingCreate(int watcher, long sentNanos) {
    }

    /** The sums over all streams. */
    static final class Totals {
        long events;
        long canceled;
        long unexpected;
        long lastEventNanos = Long.MIN_VALUE;
        final ErrorCounts errors = new ErrorCounts();
    }
}
