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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A send that fails must not leave its watch stream unable to send the next responses. */
class WatchStreamSendFailureTest {

    @TempDir
    Path dir;

    @Test
    void aFailedSendDoesNotStopTheStream() {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (Backend backend = Backend.open(dir)) {
            MvccStore store = MvccStore.open(backend, Runnable::run);
            List<Runnable> failingOnce = new ArrayList<>(List.of(() -> {
                throw new IllegalStateException("transport went away mid-send");
            }));
            List<WatchResponse> sent = new ArrayList<>();
            Outbound out = new Outbound() {
                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void send(WatchResponse response) {
                    if (response.getEventsCount() > 0 && !failingOnce.isEmpty()) {
                        failingOnce.removeFirst().run();
                    }
                    sent.add(response);
                }

                @Override
                public void onReady(Runnable r) {
                }
            };
            List<Throwable> senderErrors = new ArrayList<>();
            WatchHub hub = new WatchHub(store, scheduler, r -> {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    senderErrors.add(e); // what a pool thread would log
                }
            }, 1 << 20, Duration.ofMinutes(10));
            WatchStream stream = hub.open(out, rev -> ResponseHeader.newBuilder().setRevision(rev).build());
            ByteString key = ByteString.copyFromUtf8("k");
            stream.create(WatchCreateRequest.newBuilder().setKey(key).build());

            hub.committed(2, List.of(put(key, 2)), true);
            hub.committed(3, List.of(put(key, 3)), true);

            assertThat(senderErrors).hasSize(1);
            assertThat(sent).filteredOn(r -> r.getEventsCount() > 0)
                    .extracting(r -> r.getEvents(0).getKv().getModRevision()).containsExactly(3L);
        } finally {
            scheduler.shutdownNow();
        }
    }

    private static Event put(ByteString key, long rev) {
        return Event.newBuilder().setType(Event.EventType.PUT).setKv(KeyValue.newBuilder().setKey(key)
                .setCreateRevision(2).setModRevision(rev).setVersion(rev - 1).build()).build();
    }
}
