package io.cairn.kv.server.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.cairn.kv.server.backend.Backend;
import io.cairn.kv.server.mvcc.MvccStore;
import io.etcd.jetcd.api.Event;
import io.etcd.jetcd.api.KeyValue;
import io.etcd.jetcd.api.ResponseHeader;
import io.etcd.jetcd.api.WatchCreateRequest;
import io.etcd.jetcd.api.WatchResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which thread sends a commit's watch responses: the committing thread when the commit reaches a few streams (and
 * then at most a few responses per stream), the sender pool otherwise, in order either way.
 */
class WatchSendThreadTest {

    @TempDir
    Path dir;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    /** The sender pool: tasks wait here until the test runs them. */
    private final ArrayDeque<Runnable> pool = new ArrayDeque<>();
    private Backend backend;
    private WatchHub hub;
    private final ByteString key = ByteString.copyFromUtf8("k");

    @BeforeEach
    void open() {
        backend = Backend.open(dir);
        hub = new WatchHub(MvccStore.open(backend, Runnable::run), scheduler, pool::add, 1 << 20,
                Duration.ofMinutes(10));
    }

    @AfterEach
    void close() {
        scheduler.shutdownNow();
        backend.close();
    }

    @Test
    void aCommitReachingAFewStreamsIsSentByTheCommittingThread() {
        List<List<WatchResponse>> streams = new ArrayList<>();
        for (int i = 0; i < WatchHub.SEND_HERE_STREAMS; i++) {
            streams.add(stream(1));
        }
        runPool(); // the created responses

        hub.committed(2, List.of(put(2)), true);

        assertThat(pool).isEmpty();
        for (List<WatchResponse> sent : streams) {
            assertThat(events(sent)).containsExactly(2L);
        }
    }

    @Test
    void aWiderCommitIsHandedToThePool() {
        List<List<WatchResponse>> streams = new ArrayList<>();
        for (int i = 0; i <= WatchHub.SEND_HERE_STREAMS; i++) {
            streams.add(stream(1));
        }
        runPool();

        hub.committed(2, List.of(put(2)), true);

        assertThat(pool).hasSize(streams.size());
        assertThat(streams).allSatisfy(sent -> assertThat(events(sent)).isEmpty());
        runPool();
        assertThat(streams).allSatisfy(sent -> assertThat(events(sent)).containsExactly(2L));
    }

    @Test
    void theCommittingThreadSendsAFewResponsesOfAStreamAndThePoolTheRestInOrder() {
        int watchers = WatchStream.SEND_HERE + 3;
        List<WatchResponse> sent = stream(watchers);
        runPool();

        hub.committed(2, List.of(put(2)), true);
        assertThat(watchIds(sent)).hasSize(WatchStream.SEND_HERE);
        assertThat(pool).hasSize(1);
        // the pool still owns the stream's sending: the next commit queues behind what is left
        hub.committed(3, List.of(put(3)), true);
        assertThat(watchIds(sent)).hasSize(WatchStream.SEND_HERE);
        runPool();

        assertThat(watchIds(sent)).hasSize(2 * watchers);
        java.util.Map<Long, List<Long>> byWatcher = new java.util.TreeMap<>();
        for (WatchResponse r : sent) {
            if (r.getEventsCount() > 0) {
                byWatcher.computeIfAbsent(r.getWatchId(), id -> new ArrayList<>())
                        .add(r.getEvents(0).getKv().getModRevision());
            }
        }
        assertThat(byWatcher).hasSize(watchers);
        assertThat(byWatcher.values()).allSatisfy(revs -> assertThat(revs).containsExactly(2L, 3L));
    }

    @Test
    void aStreamThatIsNotReadyKeepsItsResponsesForItsReadyCallback() {
        List<WatchResponse> sent = new ArrayList<>();
        boolean[] ready = {false};
        Runnable[] onReady = new Runnable[1];
        WatchStream s = hub.open(new Outbound() {
            @Override
            public boolean isReady() {
                return ready[0];
            }

            @Override
            public void send(WatchResponse response) {
                sent.add(response);
            }

            @Override
            public void onReady(Runnable r) {
                onReady[0] = r;
            }
        }, rev -> ResponseHeader.newBuilder().setRevision(rev).build());
        s.create(WatchCreateRequest.newBuilder().setKey(key).build());
        runPool();

        hub.committed(2, List.of(put(2)), true);
        hub.committed(3, List.of(put(3)), true);
        assertThat(sent).isEmpty();

        ready[0] = true;
        onReady[0].run();
        runPool();
        assertThat(events(sent)).containsExactly(2L, 3L);
    }

    private List<WatchResponse> stream(int watchers) {
        List<WatchResponse> sent = new ArrayList<>();
        WatchStream s = hub.open(WatchStreamSendFailureTest.collecting(sent),
                rev -> ResponseHeader.newBuilder().setRevision(rev).build());
        for (int i = 0; i < watchers; i++) {
            s.create(WatchCreateRequest.newBuilder().setKey(key).build());
        }
        return sent;
    }

    private void runPool() {
        for (Runnable r = pool.poll(); r != null; r = pool.poll()) {
            r.run();
        }
    }

    private static List<Long> events(List<WatchResponse> sent) {
        return sent.stream().filter(r -> r.getEventsCount() > 0)
                .map(r -> r.getEvents(0).getKv().getModRevision()).toList();
    }

    private static List<Long> watchIds(List<WatchResponse> sent) {
        return sent.stream().filter(r -> r.getEventsCount() > 0).map(WatchResponse::getWatchId).toList();
    }

    private Event put(long rev) {
        return Event.newBuilder().setType(Event.EventType.PUT).setKv(KeyValue.newBuilder().setKey(key)
                .setCreateRevision(2).setModRevision(rev).setVersion(rev - 1).build()).build();
    }
}
