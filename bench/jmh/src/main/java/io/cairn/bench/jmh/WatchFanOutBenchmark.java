package io.cairn.bench.jmh;

import com.google.protobuf.ByteString;
import io.cairn.kv.server.watch.Outbound;
import io.cairn.kv.server.watch.WatchHub;
import io.cairn.kv.server.watch.WatchStream;
import io.etcd.jetcd.api.Event;
import io.etcd.jetcd.api.KeyValue;
import io.etcd.jetcd.api.ResponseHeader;
import io.etcd.jetcd.api.WatchCreateRequest;
import io.etcd.jetcd.api.WatchResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The watch fan-out of one committed revision: {@link WatchHub#committed} with one put event, 1,000 or 10,000
 * synced watchers on 100 streams, until every matching watcher's response has been handed to its stream's
 * {@link Outbound}.
 *
 * <p>Streams drain on the calling thread (a direct send executor) into an {@code Outbound} that is always ready
 * and hands each response to a blackhole, so the figure covers matching, queueing and building the
 * {@code WatchResponse}s, and nothing of gRPC or the network. Shapes:
 * <ul>
 *   <li>{@code sameKey}: every watcher watches the written key, so every one gets a response;</li>
 *   <li>{@code ownKey}: each watcher watches a key of its own, and one of them is written (the lookup by key);</li>
 *   <li>{@code ownPrefix}: each watcher watches a prefix of its own, and one of them is written (range watchers are
 *       matched one by one).</li>
 * </ul>
 * The event is built once with mod revision 2 (every watcher's first revision) and committed at ever higher
 * revisions; the hub does not cross-check the two.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WatchFanOutBenchmark {

    static final int STREAMS = 100;

    @Param({"1000", "10000"})
    int watchers;

    @Param({"sameKey", "ownKey", "ownPrefix"})
    String shape;

    TempStore fixture;
    ScheduledExecutorService scheduler;
    WatchHub hub;
    final List<WatchStream> streams = new ArrayList<>();
    List<Event> events;
    long revision;

    @Setup
    public void setup(Blackhole sink) {
        fixture = TempStore.create();
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "watch-scheduler");
            t.setDaemon(true);
            return t;
        });
        hub = new WatchHub(fixture.store(), scheduler, Runnable::run, 1_572_864, Duration.ofMinutes(10));
        Outbound out = new Outbound() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void send(WatchResponse response) {
                sink.consume(response);
            }

            @Override
            public void onReady(Runnable r) {
            }
        };
        for (int s = 0; s < STREAMS; s++) {
            streams.add(hub.open(out, rev -> ResponseHeader.newBuilder()
                    .setClusterId(0x1234).setMemberId(0x5678).setRevision(rev).setRaftTerm(2).build()));
        }
        for (int w = 0; w < watchers; w++) {
            ByteString prefix = Keys.prefix(w);
            WatchCreateRequest.Builder create = WatchCreateRequest.newBuilder();
            switch (shape) {
                case "sameKey" -> create.setKey(Keys.key(0));
                case "ownKey" -> create.setKey(prefix.concat(ByteString.copyFromUtf8("0")));
                case "ownPrefix" -> create.setKey(prefix).setRangeEnd(Keys.prefixEnd(prefix));
                default -> throw new IllegalArgumentException("unknown shape " + shape);
            }
            streams.get(w % STREAMS).create(create.build());
        }
        if (hub.watcherCount() != watchers) {
            throw new IllegalStateException("expected " + watchers + " watchers, hub has " + hub.watcherCount());
        }
        // key 0 is /bench/00000/0: watched by every watcher (sameKey) or by watcher 0 alone (ownKey, ownPrefix)
        events = List.of(Event.newBuilder().setType(Event.EventType.PUT)
                .setKv(KeyValue.newBuilder().setKey(Keys.key(0)).setValue(Keys.value(0))
                        .setCreateRevision(2).setModRevision(2).setVersion(1))
                .build());
        revision = fixture.store().currentRevision();
    }

    @TearDown
    public void tearDown() {
        if (hub.slowWatcherCount() != 0) {
            throw new IllegalStateException(hub.slowWatcherCount() + " watchers fell behind: the figures are not "
                    + "of the live fan-out");
        }
        for (WatchStream s : streams) {
            s.close();
        }
        hub.close();
        fixture.close();
    }

    /** One revision with one put event, fanned out to every synced watcher that matches. */
    @Benchmark
    public void commit() {
        hub.committed(++revision, events, true);
    }
}
