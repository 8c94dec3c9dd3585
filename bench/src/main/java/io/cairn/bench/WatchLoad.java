package io.cairn.bench;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.PutResponse;
import io.etcd.jetcd.api.WatchGrpc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * The watch workload behind {@code watch} and {@code watch-latency}: creates watchers over several streams, writes
 * stamped puts at a steady rate, and measures and checks every event every watcher receives.
 *
 * <p>Why: watch fan-out is where an etcd replacement for Kubernetes is tested hardest, and a fast watch that drops
 * or repeats events is worse than a slow one. Steps: an unmeasured warm-up of watched puts (see
 * {@link #warmUpDelivery}); all watchers created (and acknowledged) before the first measured put, so each must
 * see every put to its key; puts paced by {@code --put-rate} with {@code --clients} in flight; then a wait until every expected event has arrived, or
 * until none has for {@link #QUIET}. Keys live under a per-run prefix, so runs against the same server do not see
 * each other's events.
 */
final class WatchLoad {

    /** How long the run waits for more events (or watch creations) before it stops waiting. */
    static final Duration QUIET = Duration.ofSeconds(10);

    private final RunContext context;
    private final Spec spec;
    private final LongSupplier clock;
    /** Watchers the warm-up created (its {@code created} responses), 0 without a warm-up. */
    private long warmUpWatchers;

    /**
     * What to run.
     *
     * @param command  the subcommand, for the report
     * @param watchers watchers in all
     * @param streams  Watch streams the watchers are spread over (watcher {@code w} on stream {@code w % streams})
     * @param keys     keys watched (watcher {@code w} on key {@code w % keys}; put {@code i} to key {@code i % keys})
     * @param puts     measured puts
     * @param putRate  puts per second, 0 for no limit
     * @param valSize  value size (at least the 16 bytes of the stamp)
     * @param deliveryLog where to write every measured event's send time and latency, or null
     */
    record Spec(String command, int watchers, int streams, int keys, int puts, double putRate, int valSize,
            Path deliveryLog) {
        Spec {
            if (watchers < 1 || streams < 1 || keys < 1 || puts < 0 || putRate < 0) {
                throw new IllegalArgumentException("watchers, streams and keys must be at least 1; puts and rate "
                        + "not negative");
            }
        }
    }

    WatchLoad(RunContext context, Spec spec) {
        this.context = context;
        this.spec = spec;
        this.clock = context.nanoClock();
    }

    /** Runs the workload and reports delivery (headline), watch creation and puts. */
    Report run() throws InterruptedException {
        String prefix = "/cairn-bench/" + Long.toHexString(context.seed() >>> 32) + "/";
        List<ByteString> keys = keys(prefix, spec.keys());
        ValuePool padding = context.values(spec.valSize());
        KVGrpc.KVStub[] kv = context.kvStubs();
        // what the measured run records into is made before the warm-up, so that the generator's collector has
        // promoted it before anything is measured (copying it later would pause the generator mid-run)
        DeliveryChecker checker = new DeliveryChecker(spec.watchers(), spec.keys(), spec.puts());
        // at most every put reaching every watcher of its key (keys have the same number of watchers, give or take one)
        long mostEvents = (long) spec.puts() * ((spec.watchers() + spec.keys() - 1) / spec.keys());
        DeliveryLog log = spec.deliveryLog() == null ? DeliveryLog.NONE
                : new DeliveryLog((int) Math.min(Integer.MAX_VALUE / 2, mostEvents));
        WatchStreamHandler.Latencies latencies = WatchStreamHandler.Latencies.create(log);
        if (context.warmsUp()) {
            warmUpDelivery(prefix + "warmup/", padding, kv);
        }

        CountDownLatch created = new CountDownLatch(spec.watchers());
        WatchStreamHandler[] streams = openStreams(checker, keys, created, latencies);
        long createStart = clock.getAsLong();
        for (int w = 0; w < spec.watchers(); w++) {
            streams[w % streams.length].create(w);
        }
        awaitCreated(created);
        long createNanos = clock.getAsLong() - createStart;

        Summary puts = Summary.empty("put", "requests");
        long putStart = clock.getAsLong();
        if (created.getCount() == 0) {
            puts = context.measure("put", (client, seq, done) -> kv[client % kv.length].put(PutRequest.newBuilder()
                    .setKey(keys.get(checker.keyOfPut(seq)))
                    .setValue(StampedValue.encode(clock.getAsLong(), seq, spec.valSize(), padding)).build(),
                    Unary.completing(done, (PutResponse r) -> checker.acknowledged(seq, r.getHeader().getRevision()))),
                    spec.puts(), spec.putRate());
        }
        long expected = checker.expectedEvents();
        awaitEvents(streams, expected);

        WatchStreamHandler.Totals totals = new WatchStreamHandler.Totals();
        for (WatchStreamHandler stream : streams) {
            stream.close();
            stream.drainInto(totals);
        }
        List<Histogram> recorded = latencies.histograms();
        if (spec.deliveryLog() != null) {
            try {
                log.writeTo(spec.deliveryLog(), putStart);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the delivery log " + spec.deliveryLog(), e);
            }
        }
        Histogram creates = recorded.get(0);
        Histogram deliveries = recorded.get(1);
        DeliveryChecker.Tally tally = checker.tally();
        long eventNanos = totals.lastEventNanos == Long.MIN_VALUE ? 0 : totals.lastEventNanos - putStart;
        Summary events = new Summary("watch-events", "events", totals.events, totals.errors.snapshot(), eventNanos,
                deliveries);
        Summary creation = new Summary("watch-create", "watchers", creates.getTotalCount(), Map.of(), createNanos,
                creates);
        return new Report(spec.command(), events, List.of(creation, puts),
                counters(puts, expected, totals, tally), problems(creates.getTotalCount(), totals, tally));
    }

    /**
     * The warm-up, a rehearsal of the measured run: as many watchers on as many keys over as many streams, created
     * the same way, then puts to those keys at the run's rate for the warm-up's length, every event received and
     * parsed like the measured ones and then forgotten, and at the end the streams closed. So the measured run's
     * watchers are created, and its events delivered, by code a JVM server has already compiled for that shape: a
     * JVM compiles a workload's hot code in its first seconds, and when the shape changes (a hundred watchers
     * become ten thousand, streams close and open) it throws compiled code away and compiles it again, which took
     * a Cairn member's compiler about five seconds of a core after a warm-up with one watcher per stream.
     */
    private void warmUpDelivery(String prefix, ValuePool padding, KVGrpc.KVStub[] kv) throws InterruptedException {
        List<ByteString> keys = keys(prefix, spec.keys());
        CountDownLatch created = new CountDownLatch(spec.watchers());
        WatchStreamHandler[] streams = openStreams(new DeliveryChecker(spec.watchers(), spec.keys(), 0), keys,
                created, WatchStreamHandler.Latencies.create());
        for (int w = 0; w < spec.watchers(); w++) {
            streams[w % streams.length].create(w);
        }
        awaitCreated(created);
        warmUpWatchers = spec.watchers() - created.getCount();
        context.warmUp((client, seq, done) -> kv[client % kv.length].put(PutRequest.newBuilder()
                .setKey(keys.get((int) (seq % keys.size())))
                .setValue(StampedValue.encode(clock.getAsLong(), seq, spec.valSize(), padding)).build(),
                Unary.completing(done)), spec.putRate());
        for (WatchStreamHandler stream : streams) {
            stream.close();
        }
    }

    private static List<ByteString> keys(String prefix, int count) {
        List<ByteString> keys = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            keys.add(ByteString.copyFromUtf8(prefix + String.format("%06d", k)));
        }
        return keys;
    }

    /** Opens the run's Watch streams ({@code --streams}), stream {@code s} on the pool's channel {@code s}. */
    private WatchStreamHandler[] openStreams(DeliveryChecker checker, List<ByteString> keys, CountDownLatch created,
            WatchStreamHandler.Latencies latencies) {
        WatchStreamHandler[] streams = new WatchStreamHandler[spec.streams()];
        for (int s = 0; s < streams.length; s++) {
            streams[s] = new WatchStreamHandler(checker, keys, clock, created, latencies);
            WatchGrpc.newStub(context.pool().channel(s)).watch(streams[s]);
        }
        return streams;
    }

    private Map<String, Long> counters(Summary puts, long expected, WatchStreamHandler.Totals totals,
            DeliveryChecker.Tally tally) {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("watchers", (long) spec.watchers());
        counters.put("warmup_watchers", warmUpWatchers);
        counters.put("streams", (long) spec.streams());
        counters.put("watched_keys", (long) spec.keys());
        counters.put("puts_acknowledged", puts.succeeded());
        counters.put("events_expected", expected);
        counters.put("events_received", totals.events);
        counters.put("missing", tally.missing());
        counters.put("duplicate", tally.duplicate());
        counters.put("out_of_order", tally.outOfOrder());
        counters.put("revision_mismatch", tally.revisionMismatch());
        counters.put("unexpected", tally.unexpected() + totals.unexpected);
        counters.put("unacknowledged_delivered", tally.unacknowledged());
        counters.put("canceled", totals.canceled);
        return counters;
    }

    private List<String> problems(long watchersCreated, WatchStreamHandler.Totals totals,
            DeliveryChecker.Tally tally) {
        List<String> problems = new ArrayList<>();
        if (watchersCreated < spec.watchers()) {
            problems.add("only " + watchersCreated + " of " + spec.watchers() + " watchers were created");
        }
        addIfAny(problems, tally.missing(), "events missing (acknowledged puts a watcher never saw)");
        addIfAny(problems, tally.duplicate(), "events delivered more than once");
        addIfAny(problems, tally.outOfOrder(), "events out of revision order");
        addIfAny(problems, tally.revisionMismatch(), "events at a revision other than the put's");
        addIfAny(problems, tally.unexpected() + totals.unexpected, "unexpected events (wrong key, type or value)");
        addIfAny(problems, totals.canceled, "watchers canceled by the server");
        return problems;
    }

    private static void addIfAny(List<String> problems, long count, String what) {
        if (count > 0) {
            problems.add(count + " " + what);
        }
    }

    private void awaitCreated(CountDownLatch created) throws InterruptedException {
        long seen = -1;
        long lastProgress = clock.getAsLong();
        while (!created.await(50, TimeUnit.MILLISECONDS)) {
            long left = created.getCount();
            if (left != seen) {
                seen = left;
                lastProgress = clock.getAsLong();
            } else if (clock.getAsLong() - lastProgress > QUIET.toNanos()) {
                return;
            }
        }
    }

    private void awaitEvents(WatchStreamHandler[] streams, long expected) throws InterruptedException {
        long seen = -1;
        long lastProgress = clock.getAsLong();
        while (true) {
            long events = 0;
            for (WatchStreamHandler stream : streams) {
                events += stream.events();
            }
            if (events >= expected) {
                return;
            }
            if (events != seen) {
                seen = events;
                lastProgress = clock.getAsLong();
            } else if (clock.getAsLong() - lastProgress > QUIET.toNanos()) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }
}
