package io.cairn.kv.server.watch;

import com.google.protobuf.ByteString;
import io.cairn.kv.server.backend.Backend;
import io.cairn.kv.server.mvcc.MvccStore;
import io.etcd.jetcd.api.Event;
import io.etcd.jetcd.api.KeyValue;
import io.etcd.jetcd.api.ResponseHeader;
import io.etcd.jetcd.api.WatchCreateRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** A watch hub over a fresh store for tests, with the sender pool the test gives, watching one key. */
final class WatchHubHarness implements AutoCloseable {
    static final ByteString KEY = ByteString.copyFromUtf8("k");

    final WatchHub hub;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final Backend backend;

    WatchHubHarness(Path dir, Executor senderPool) {
        backend = Backend.open(dir);
        hub = new WatchHub(MvccStore.open(backend, Runnable::run), scheduler, senderPool, 1 << 20,
                Duration.ofMinutes(10));
    }

    /** Opens a stream to {@code out} with {@code watchers} watchers on {@link #KEY}. */
    WatchStream stream(Outbound out, int watchers) {
        WatchStream s = hub.open(out, rev -> ResponseHeader.newBuilder().setRevision(rev).build());
        for (int i = 0; i < watchers; i++) {
            s.create(WatchCreateRequest.newBuilder().setKey(KEY).build());
        }
        return s;
    }

    /** Commits a put of {@link #KEY} at {@code rev}, as the store would announce it. */
    void commitPut(long rev) {
        hub.committed(rev, java.util.List.of(Event.newBuilder().setType(Event.EventType.PUT)
                .setKv(KeyValue.newBuilder().setKey(KEY).setCreateRevision(2).setModRevision(rev)
                        .setVersion(rev - 1).build()).build()), true);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        backend.close();
    }
}
