package io.cairn.kv.server.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A send that fails must not leave its watch stream unable to send the next responses, nor reach the committer. */
class WatchStreamSendFailureTest {

    @TempDir
    Path dir;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<Throwable> senderErrors = new ArrayList<>();
    private Backend backend;
    private WatchHub hub;
    private final ByteString key = ByteString.copyFromUtf8("k");

    @BeforeEach
    void open() {
        backend = Backend.open(dir);
        MvccStore store = MvccStore.open(backend, Runnable::run);
        hub = new WatchHub(store, scheduler, r -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                senderErrors.add(e); // what a pool thread would log
            }
        }, 1 << 20, Duration.ofMinutes(10));
    }

    @AfterEach
    void close() {
        scheduler.shutdownNow();
        backend.close();
    }

    @Test
    void aFailedSendOnTheCommittingThreadDoesNotStopTheStreamNorEscape() {
        List<WatchResponse> sent = new ArrayList<>();
        watch(failingOnce(sent));

        // one stream: sent from the committing thread, whose failure is logged there, not thrown at the committer
        assertThatCode(() -> hub.committed(2, List.of(put(2)), true)).doesNotThrowAnyException();
        hub.committed(3, List.of(put(3)), true);

        assertThat(senderErrors).isEmpty();
        assertThat(sent).filteredOn(r -> r.getEventsCount() > 0)
                .extracting(r -> r.getEvents(0).getKv().getModRevision()).containsExactly(3L);
    }

    @Test
    void aFailedSendFromThePoolDoesNotStopTheStream() {
        List<WatchResponse> sent = new ArrayList<>();
        watch(failingOnce(sent));
        // more streams than are sent from the committing thread: every stream goes through the pool
        for (int i = 0; i < WatchHub.SEND_HERE_STREAMS; i++) {
            watch(collecting(new ArrayList<>()));
        }

        hub.committed(2, List.of(put(2)), true);
        hub.committed(3, List.of(put(3)), true);

        assertThat(senderErrors).hasSize(1);
        assertThat(sent).filteredOn(r -> r.getEventsCount() > 0)
                .extracting(r -> r.getEvents(0).getKv().getModRevision()).containsExactly(3L);
    }

    private void watch(Outbound out) {
        WatchStream stream = hub.open(out, rev -> ResponseHeader.newBuilder().setRevision(rev).build());
        stream.create(WatchCreateRequest.newBuilder().setKey(key).build());
    }

    private static Outbound failingOnce(List<WatchResponse> sent) {
        List<Runnable> failures = new ArrayList<>(List.of(() -> {
            throw new IllegalStateException("transport went away mid-send");
        }));
        return new Outbound() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void send(WatchResponse response) {
                if (response.getEventsCount() > 0 && !failures.isEmpty()) {
                    failures.removeFirst().run();
                }
                sent.add(response);
            }

            @Override
            public void onReady(Runnable r) {
            }
        };
    }

    static Outbound collecting(List<WatchResponse> sent) {
        return new Outbound() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void send(WatchResponse response) {
                sent.add(response);
            }

            @Override
            public void onReady(Runnable r) {
            }
        };
    }

    private Event put(long rev) {
        return Event.newBuilder().setType(Event.EventType.PUT).setKv(KeyValue.newBuilder().setKey(key)
                .setCreateRevision(2).setModRevision(rev).setVersion(rev - 1).build()).build();
    }
}
