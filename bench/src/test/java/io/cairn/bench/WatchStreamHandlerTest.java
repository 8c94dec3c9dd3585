package io.cairn.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.Event;
import io.etcd.jetcd.api.KeyValue;
import io.etcd.jetcd.api.WatchRequest;
import io.etcd.jetcd.api.WatchResponse;
import io.grpc.stub.ClientCallStreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WatchStreamHandlerTest {

    private final List<ByteString> keys = List.of(ByteString.copyFromUtf8("/k0"), ByteString.copyFromUtf8("/k1"));
    /** Two watchers: 0 on /k0, 1 on /k1; four puts: 0 and 2 to /k0, 1 and 3 to /k1. */
    private final DeliveryChecker checker = new DeliveryChecker(2, 2, 4);
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final CountDownLatch created = new CountDownLatch(2);
    private final ValuePool padding = new ValuePool(32, new SplittableRandom(1), new SeqRandom(1));
    private final FakeRequests requests = new FakeRequests();
    private final WatchStreamHandler.Latencies latencies = WatchStreamHandler.Latencies.create();
    private WatchStreamHandler handler;

    @BeforeEach
    void createBothWatchers() {
        handler = new WatchStreamHandler(checker, keys, clock::get, created, latencies);
        handler.beforeStart(requests);
        handler.create(0);
        handler.create(1);
    }

    private static WatchResponse createdResponse(long watchId) {
        return WatchResponse.newBuilder().setWatchId(watchId).setCreated(true).build();
    }

    private WatchResponse event(long watchId, String key, long seq, long sentNanos, long revision) {
        KeyValue kv = KeyValue.newBuilder().setKey(ByteString.copyFromUtf8(key)).setModRevision(revision)
                .setValue(StampedValue.encode(sentNanos, seq, 32, padding)).build();
        return WatchResponse.newBuilder().setWatchId(watchId)
                .addEvents(Event.newBuilder().setType(Event.EventType.PUT).setKv(kv)).build();
    }

    @Test
    void createsAreSentForEachWatchersKey() {
        assertThat(requests.sent).extracting(r -> r.getCreateRequest().getKey().toStringUtf8())
                .containsExactly("/k0", "/k1");
    }

    @Test
    void theNthCreatedResponseBelongsToTheNthCreateAndEventsAreTimedFromTheirStamp() {
        handler.onNext(createdResponse(7));
        handler.onNext(createdResponse(3));
        assertThat(created.getCount()).isZero();
        for (int seq = 0; seq < 4; seq++) {
            checker.acknowledged(seq, 10 + seq);
        }

        clock.set(2_000_000_000L);
        handler.onNext(event(7, "/k0", 0, 1_998_000_000L, 10));
        handler.onNext(event(3, "/k1", 1, 1_999_000_000L, 11));
        handler.onNext(event(7, "/k0", 2, 1_999_000_000L, 12));
        handler.onNext(event(3, "/k1", 3, 1_999_000_000L, 13));

        assertThat(handler.events()).isEqualTo(4);
        assertThat(checker.tally().clean()).isTrue();
        handler.close();
        WatchStreamHandler.Totals totals = new WatchStreamHandler.Totals();
        handler.drainInto(totals);
        List<Histogram> recorded = latencies.histograms();
        assertThat(recorded.get(0).getTotalCount()).as("creations timed").isEqualTo(2);
        Histogram deliveries = recorded.get(1);
        assertThat(deliveries.getTotalCount()).isEqualTo(4);
        assertThat(deliveries.getMaxValue()).isBetween(1_999_000L, 2_001_000L);
        assertThat(deliveries.getMinValue()).isBetween(999_000L, 1_001_000L);
        assertThat(totals.events).isEqualTo(4);
        assertThat(totals.errors.total()).isZero();
        assertThat(requests.canceled).isTrue();
    }

    @Test
    void theStreamsOfARunRecordIntoTheSameHistograms() {
        CountDownLatch otherCreated = new CountDownLatch(1);
        WatchStreamHandler other = new WatchStreamHandler(checker, keys, clock::get, otherCreated, latencies);
        other.beforeStart(new FakeRequests());
        other.create(1);
        handler.onNext(createdResponse(0));
        handler.onNext(createdResponse(1));
        other.onNext(createdResponse(0));
        checker.acknowledged(0, 10);
        checker.acknowledged(1, 11);

        clock.set(2_000_000_000L);
        handler.onNext(event(0, "/k0", 0, 1_997_000_000L, 10));
        other.onNext(event(0, "/k1", 1, 1_995_000_000L, 11));

        List<Histogram> recorded = latencies.histograms();
        assertThat(recorded.get(0).getTotalCount()).isEqualTo(3);
        assertThat(recorded.get(1).getTotalCount()).isEqualTo(2);
        assertThat(recorded.get(1).getMaxValue()).isBetween(4_995_000L, 5_005_000L);
        assertThat(recorded.get(1).getMinValue()).isBetween(2_997_000L, 3_003_000L);
    }

    @Test
    void eventsOnTheWrongKeyOrForAnUnknownWatchAreUnexpected() {
        handler.onNext(createdResponse(0));
        handler.onNext(createdResponse(1));

        handler.onNext(event(0, "/k1", 0, 0, 10));
        handler.onNext(event(9, "/k0", 0, 0, 10));

        WatchStreamHandler.Totals totals = new WatchStreamHandler.Totals();
        handler.drainInto(totals);
        assertThat(totals.unexpected).isEqualTo(2);
    }

    @Test
    void aServerCancelAndAStreamFailureAreCountedAndReleaseWaitingCreates() {
        handler.onNext(createdResponse(0));
        handler.onNext(WatchResponse.newBuilder().setWatchId(0).setCanceled(true).setCompactRevision(5).build());
        handler.onError(new IllegalStateException("connection reset"));

        assertThat(created.getCount()).isZero();
        WatchStreamHandler.Totals totals = new WatchStreamHandler.Totals();
        handler.drainInto(totals);
        assertThat(totals.canceled).isEqualTo(1);
        assertThat(totals.errors.snapshot()).containsKeys("WATCH_CANCELED", "UNKNOWN");
    }

    /** Records what the handler sends. */
    private static final class FakeRequests extends ClientCallStreamObserver<WatchRequest> {
        final List<WatchRequest> sent = new ArrayList<>();
        boolean canceled;

        @Override
        public void cancel(String message, Throwable cause) {
            canceled = true;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setOnReadyHandler(Runnable onReadyHandler) {
        }

        @Override
        public void request(int count) {
        }

        @Override
        public void setMessageCompression(boolean enable) {
        }

        @Override
        public void disableAutoInboundFlowControl() {
        }

        @Override
        public void onNext(WatchRequest value) {
            sent.add(value);
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void onCompleted() {
        }
    }
}
