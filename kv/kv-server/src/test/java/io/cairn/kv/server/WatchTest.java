package io.cairn.kv.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.CompactionRequest;
import io.etcd.jetcd.api.Event;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.TxnRequest;
import io.etcd.jetcd.api.WatchCreateRequest;
import io.etcd.jetcd.api.WatchGrpc;
import io.etcd.jetcd.api.WatchProgressRequest;
import io.etcd.jetcd.api.WatchRequest;
import io.etcd.jetcd.api.WatchResponse;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchTest {

    @TempDir
    Path dir;
    EmbeddedServer s;

    @BeforeEach
    void start() {
        s = new EmbeddedServer(dir);
        s.server = KvServer.create(s.config().toBuilder()
                .watchProgressNotifyInterval(java.time.Duration.ofMillis(300)).build()).start();
        s.channel = io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder
                .forAddress("127.0.0.1", s.clientPort).usePlaintext().build();
    }

    @AfterEach
    void stop() {
        s.close();
    }

    private static ByteString b(String v) {
        return ByteString.copyFromUtf8(v);
    }

    /** A raw watch stream collecting responses. */
    private final class Stream implements AutoCloseable {
        final LinkedBlockingQueue<WatchResponse> got = new LinkedBlockingQueue<>();
        final StreamObserver<WatchRequest> req;

        Stream() {
            req = WatchGrpc.newStub(s.channel).watch(new StreamObserver<>() {
                public void onNext(WatchResponse r) { got.add(r); }
                public void onError(Throwable t) { }
                public void onCompleted() { }
            });
        }

        void create(WatchCreateRequest.Builder c) {
            req.onNext(WatchRequest.newBuilder().setCreateRequest(c).build());
        }

        WatchResponse next() throws InterruptedException {
            WatchResponse r = got.poll(10, TimeUnit.SECONDS);
            assertThat(r).as("a watch response").isNotNull();
            return r;
        }

        @Override
        public void close() {
            req.onCompleted();
        }
    }

    private long put(String k, String v) {
        return s.kv().put(PutRequest.newBuilder().setKey(b(k)).setValue(b(v)).build()).getHeader().getRevision();
    }

    @Test
    void aWatcherSeesLiveEventsAfterItsCreatedResponse() throws Exception {
        try (Stream w = new Stream()) {
            w.create(WatchCreateRequest.newBuilder().setKey(b("a")).setRangeEnd(b("b")));
            WatchResponse created = w.next();
            assertThat(created.getCreated()).isTrue();
            assertThat(created.getWatchId()).isZero();
            long rev = put("a1", "x");
            WatchResponse ev = w.next();
            assertThat(ev.getEventsList()).singleElement().satisfies(e -> {
                assertThat(e.getType()).isEqualTo(Event.EventType.PUT);
                assertThat(e.getKv().getKey()).isEqualTo(b("a1"));
                assertThat(e.getKv().getModRevision()).isEqualTo(rev);
            });
            assertThat(ev.getHeader().getRevision()).isEqualTo(rev);
        }
    }

    @Test
    void aStartRevisionInThePastReplaysHistoryThenContinuesLive() throws Exception {
        long first = put("h", "1");
        put("h", "2");
        put("other", "x");
        try (Stream w = new Stream()) {
            w.create(WatchCreateRequest.newBuilder().setKey(b("h")).setStartRevision(first).setPrevKv(true));
            assertThat(w.next().getCreated()).isTrue();
            List<Event> events = new ArrayList<>(w.next().getEventsList());
            assertThat(events).extracting(e -> e.getKv().getValue().toStringUtf8()).containsExactly("1", "2");
            assertThat(events.get(0).hasPrevKv()).isFalse();
            assertThat(events.get(1).getPrevKv().getValue()).isEqualTo(b("1"));
            put("h", "3");
            assertThat(w.next().getEvents(0).getKv().getValue()).isEqualTo(b("3"));
        }
    }

    @Test
    void oneTxnArrivesAsOneResponseWithAllItsEvents() throws Exception {
        try (Stream w = new Stream()) {
            w.create(WatchCreateRequest.newBuilder().setKey(b("t")).setRangeEnd(b("u")));
            w.next();
            TxnRequest.Builder t = TxnRequest.newBuilder();
            for (String k : new String[] {"t1", "t2", "t3"}) {
                t.addSuccess(RequestOp.newBuilder().setRequestPut(PutRequest.newBuilder().setKey(b(k)).setValue(b("v"))));
            }
            s.kv().txn(t.build());
            WatchResponse r = w.next();
            assertThat(r.getEventsCount()).isEqualTo(3);
            assertThat(r.getEventsList()).extracting(e -> e.getKv().getModRevision()).containsOnly(r.getHeader().getRevision());
        }
    }

    @Test
    void aCompactedStartRevisionIsCanceledWithTheCompactRevision() throws Exception {
        put("c", "1");
        put("c", "2");
        long rev = put("c", "3");
        s.kv().compact(CompactionRequest.newBuilder().setRevision(rev).setPhysical(true).build());
        try (Stream w = new Stream()) {
            w.create(WatchCreateRequest.newBuilder().setKey(b("c")).setStartRevision(2));
            assertThat(w.next().getCreated()).isTrue();
            WatchResponse canceled = w.next();
            assertThat(canceled.getCanceled()).isTrue();
            assertThat(canceled.getCompactRevision()).isEqualTo(rev);
        }
    }

    @Test
    void manyWatchersOnOneStreamGetIdsInOrderAndFiltersApply() throws Exception {
        try (Stream w = new Stream()) {
            w.create(WatchCreateRequest.newBuilder().setKey(b("f")));
            w.create(WatchCreateRequest.newBuilder().setKey(b("f")).addFilters(WatchCreateRequest.FilterType.NOPUT));
            assertThat(w.next().getWatchId()).isEqualTo(0);
            assertThat(w.next().getWatchId()).isEqualTo(1);
            put("f", "v");
            s.kv().deleteRange(io.etcd.jetcd.api.DeleteRangeRequest.newBuilder().setKey(b("f")).build());
            List<WatchResponse> rs = List.of(w.next(), w.next(), w.next());
            assertThat(rs.stream().filter(r -> r.getWatchId() == 0)).hasSize(2);
            assertThat(rs.stream().filter(r -> r.getWatchId() == 1)).singleElement()
                    .satisfies(r -> assertThat(r.getEvents(0).getType()).isEqualTo(Event.EventType.DELETE));
        }
    }

    @Test
    void aProgressRequestIsAnsweredWithWatchIdMinusOneAtTheCurrentRevision() throws Exception {
        long rev = put("p", "1");
        try (Stream w = new Stream()) {
            w.create(WatchCreateRequest.newBuilder().setKey(b("p")));
            w.next();
            w.req.onNext(WatchRequest.newBuilder().setProgressRequest(WatchProgressRequest.getDefaultInstance()).build());
            WatchResponse p = w.next();
            assertThat(p.getWatchId()).isEqualTo(-1);
            assertThat(p.getEventsCount()).isZero();
            assertThat(p.getHeader().getRevision()).isEqualTo(rev);
        }
    }

    @Test
    void idleProgressNotifyWatchersHearTheCurrentRevisionPeriodically() throws Exception {
        long rev = put("pn", "1");
        try (Stream w = new Stream()) {
            w.create(WatchCreateRequest.newBuilder().setKey(b("pn")).setProgressNotify(true));
            w.create(WatchCreateRequest.newBuilder().setKey(b("quiet")));
            w.next();
            w.next();
            WatchResponse p = w.next();
            assertThat(p.getWatchId()).isEqualTo(0); // only the watcher that asked for it
            assertThat(p.getEventsCount()).isZero();
            assertThat(p.getHeader().getRevision()).isEqualTo(rev);
        }
    }

    @Test
    void fragmentSplitsARevisionLargerThanTheRequestLimitAcrossResponses() throws Exception {
        try (Stream w = new Stream()) {
            // fragment (field 8) is absent from the etcd API artifact's WatchCreateRequest: set it as etcd clients do
            ByteString big = ByteString.copyFrom(new byte[400 * 1024]);
            for (int i = 0; i < 5; i++) {
                s.kv().put(PutRequest.newBuilder().setKey(b("fr/" + i)).setValue(big).build());
            }
            w.create(WatchCreateRequest.newBuilder().setKey(b("fr/")).setRangeEnd(b("fr0")).setPrevKv(true)
                    .setUnknownFields(com.google.protobuf.UnknownFieldSet.newBuilder().addField(8,
                            com.google.protobuf.UnknownFieldSet.Field.newBuilder().addVarint(1).build()).build()));
            w.next();
            // one revision deleting five keys whose prev_kvs (5 × 400 KiB) pass the 1.5 MiB request limit
            s.kv().deleteRange(io.etcd.jetcd.api.DeleteRangeRequest.newBuilder().setKey(b("fr/"))
                    .setRangeEnd(b("fr0")).build());
            List<WatchResponse> parts = new ArrayList<>();
            int events = 0;
            while (events < 5) {
                WatchResponse r = w.next();
                parts.add(r);
                events += r.getEventsCount();
            }
            long fragments = parts.stream().filter(r -> r.getUnknownFields().hasField(7)).count();
            assertThat(parts.size()).isGreaterThan(1);
            assertThat(fragments).isEqualTo(parts.size() - 1); // every part but the last is marked
            assertThat(parts).allSatisfy(r -> assertThat(r.getSerializedSize()).isLessThan(2 * 1024 * 1024));
        }
    }

    @Test
    void aBurstReachesEveryWatcherInOrderWithoutGapsOrDuplicates() throws Exception {
        try (Stream w = new Stream()) {
            for (int i = 0; i < 3; i++) {
                w.create(WatchCreateRequest.newBuilder().setKey(b("burst/")).setRangeEnd(b("burst0")));
            }
            for (int i = 0; i < 3; i++) {
                w.next();
            }
            int n = 2000;
            List<Long> revs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                revs.add(put("burst/" + (i % 17), "v" + i));
            }
            List<List<Long>> seen = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            while (seen.stream().mapToInt(List::size).sum() < 3 * n) {
                WatchResponse r = w.next();
                for (Event e : r.getEventsList()) {
                    seen.get((int) r.getWatchId()).add(e.getKv().getModRevision());
                }
            }
            for (List<Long> l : seen) {
                assertThat(l).isEqualTo(revs);
            }
        }
    }
}
