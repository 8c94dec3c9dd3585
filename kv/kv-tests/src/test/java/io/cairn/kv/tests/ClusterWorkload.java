package io.cairn.kv.tests;

import io.cairn.kv.tests.linearizability.Compare;
import io.cairn.kv.tests.linearizability.History;
import io.cairn.kv.tests.linearizability.HistoryRecorder;
import io.cairn.kv.tests.linearizability.Request;
import io.cairn.kv.tests.linearizability.Response;
import io.cairn.kv.tests.linearizability.Result;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Concurrent clients that write and read a small set of keys of a cluster while a fault happens, each bound to one
 * member, recording every call into one {@link HistoryRecorder}: puts, linearizable gets, deletes, and txns that
 * compare a key's value or mod revision with what the client last saw.
 *
 * <p>Why a small key set: operations on the same keys are what collide, so a store that loses or reorders a write is
 * seen by a later read. Every value written is unique, so a read names the write it saw.
 *
 * <p>A client whose calls fail backs off (up to half a second), which keeps the number of in-doubt writes — the
 * checker's search grows with them — small while a member is down.
 */
final class ClusterWorkload implements AutoCloseable {

    static final Duration CALL_DEADLINE = Duration.ofSeconds(5);
    private static final Duration PACE = Duration.ofMillis(25);
    private static final Duration MAX_BACKOFF = Duration.ofMillis(500);

    private final HistoryRecorder recorder;
    private final List<String> keys;
    private final List<Client> clients = new ArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();

    private ClusterWorkload(HistoryRecorder recorder, List<String> keys) {
        this.recorder = recorder;
        this.keys = keys;
    }

    /**
     * Starts {@code perMember} clients on each member of {@code members}; the keys are {@code prefix + "k" + i} and
     * must be absent, and {@code startRevision} the store's revision now.
     */
    static ClusterWorkload start(List<CairnCluster.Member> members, int perMember, String prefix, int keyCount,
                                 long startRevision, long seed) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < keyCount; i++) {
            keys.add(prefix + "k" + i);
        }
        ClusterWorkload w = new ClusterWorkload(HistoryRecorder.create(System::nanoTime, startRevision), keys);
        int id = 0;
        for (int round = 0; round < perMember; round++) {
            for (CairnCluster.Member m : members) {
                Client c = w.new Client(id, m, new Random(seed * 1000 + id));
                w.clients.add(c);
                id++;
            }
        }
        w.clients.forEach(Client::start);
        return w;
    }

    /** Points the clients bound to {@code from} at {@code to} (e.g. a member that replaced a removed one). */
    void rebind(CairnCluster.Member from, CairnCluster.Member to) {
        for (Client c : clients) {
            c.rebind(from, to);
        }
    }

    /** Stops the clients and waits for them; calls still in flight end as unknown after their deadline. */
    void stop() {
        stop.set(true);
        for (Client c : clients) {
            try {
                c.thread.join(CALL_DEADLINE.plusSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (c.thread.isAlive()) {
                throw new IllegalStateException(c.thread.getName() + " did not stop");
            }
        }
    }

    /**
     * After {@link #stop()}: a linearizable get of every key through every member of {@code members}, recorded,
     * retried until each member answers (bounded by {@code timeout}); this is what makes a lost acknowledged write
     * visible to the checker.
     */
    void readEveryKeyThrough(List<CairnCluster.Member> members, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int client = clients.size();
        for (CairnCluster.Member m : members) {
            try (RecordingKvClient kv = new RecordingKvClient(m, Duration.ofSeconds(2))) {
                for (String key : keys) {
                    while (kv.execute(recorder.invokeGet(client, key)).isEmpty()) {
                        if (System.nanoTime() - deadline > 0) {
                            throw new IllegalStateException("final read of " + key + " through " + m
                                    + " did not succeed within " + timeout);
                        }
                        sleep(Duration.ofMillis(200));
                    }
                }
            }
            client++;
        }
    }

    History history() {
        return recorder.history();
    }

    /** Errors the clients did not expect (not a gRPC status: a malformed answer, a bug in the test). */
    List<Throwable> unexpected() {
        return List.copyOf(unexpected);
    }

    @Override
    public void close() {
        stop.set(true);
        clients.forEach(c -> c.client.get().close());
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One client thread, bound to one member. */
    private final class Client {
        private final int id;
        private final Random random;
        private final AtomicReference<RecordingKvClient> client = new AtomicReference<>();
        private final AtomicReference<CairnCluster.Member> member = new AtomicReference<>();
        /** What this client last saw of each key: its value and mod revision (absent: never seen, or deleted). */
        private final Map<String, Seen> seen = new HashMap<>();
        private final Thread thread;
        private int seq;

        Client(int id, CairnCluster.Member member, Random random) {
            this.id = id;
            this.random = random;
            this.member.set(member);
            this.client.set(new RecordingKvClient(member, CALL_DEADLINE));
            this.thread = Thread.ofPlatform().name("client-" + id + "-" + member.name).unstarted(this::run);
        }

        void start() {
            thread.start();
        }

        void rebind(CairnCluster.Member from, CairnCluster.Member to) {
            if (member.compareAndSet(from, to)) {
                client.getAndSet(new RecordingKvClient(to, CALL_DEADLINE)).close();
            }
        }

        private void run() {
            Duration backoff = PACE;
            while (!stop.get()) {
                try {
                    Request request = next();
                    Optional<Response> response = client.get().execute(recorder.invoke(id, request));
                    if (response.isPresent()) {
                        learn(request, response.get());
                        backoff = PACE;
                    } else {
                        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF
                                : backoff.multipliedBy(2);
                    }
                } catch (RuntimeException e) {
                    unexpected.add(e);
                }
                sleep(backoff.plusMillis(random.nextInt(10)));
            }
        }

        private Request next() {
            String key = keys.get(random.nextInt(keys.size()));
            String value = "c" + id + "-" + seq++;
            int dice = random.nextInt(100);
            if (dice < 35) {
                return Request.put(key, value);
            } else if (dice < 65) {
                return Request.get(key);
            } else if (dice < 75) {
                return Request.delete(key);
            }
            Seen last = seen.get(key);
            Compare guard = last != null && random.nextBoolean()
                    ? Compare.value(key, Compare.Relation.EQUAL, last.value())
                    : Compare.modRevision(key, Compare.Relation.EQUAL, last == null ? 0 : last.modRevision());
            String other = keys.get(random.nextInt(keys.size()));
            List<Request.TxnOp> success = other.equals(key) ? List.of(Request.put(key, value))
                    : List.of(Request.put(key, value), Request.put(other, value + "'"));
            return Request.txn(List.of(guard), success, List.of(Request.get(key)));
        }

        /** Remembers what a successful call showed of its key. */
        private void learn(Request request, Response response) {
            switch (request) {
                case Request.Put put -> seen.put(put.key().toString(),
                        new Seen(put.value().toString(), response.revision()));
                case Request.Get get when response.result() instanceof Result.Get r -> remember(get, r);
                case Request.Delete delete -> seen.remove(delete.key().toString());
                case Request.Txn txn when response.result() instanceof Result.Txn r -> {
                    if (!r.succeeded() && r.results().getFirst() instanceof Result.Get g) {
                        remember((Request.Get) txn.failure().getFirst(), g);
                    } else if (r.succeeded() && txn.success().getFirst() instanceof Request.Put put) {
                        seen.put(put.key().toString(), new Seen(put.value().toString(), response.revision()));
                    }
                }
                default -> { }
            }
        }

        private void remember(Request.Get get, Result.Get r) {
            if (r.kv().isPresent()) {
                seen.put(get.key().toString(), new Seen(r.kv().get().value().toString(), r.kv().get().modRevision()));
            } else {
                seen.remove(get.key().toString());
            }
        }
    }

    /** A key's value and mod revision as a client last saw them. */
    private record Seen(String value, long modRevision) {
    }
}
