package io.cairn.bench.kube;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The three phases of {@code cairn kube-bench}, each returning one report row.
 *
 * <p>Why: each phase measures one thing a platform team feels: bulk creation (controllers creating objects),
 * a full paginated list (an informer's relist), and watch delivery under steady writes (every informer).
 */
final class KubeLoad {
    private final KubeClient client;
    private final String ns;
    private final String value;

    KubeLoad(KubeClient client, String ns, int valueSize) {
        this.client = client;
        this.ns = ns;
        this.value = "x".repeat(valueSize);
    }

    /** One row of the report. */
    record Result(String phase, String what, String result, Histogram latencyMicros, int errors) {
        String row() {
            return "| " + phase + " | " + what + " | " + result + " | "
                    + String.format("%.1f", latencyMicros.getValueAtPercentile(50) / 1000.0) + " | "
                    + String.format("%.1f", latencyMicros.getValueAtPercentile(99) / 1000.0) + " | " + errors + " |";
        }
    }

    void prepare() throws Exception {
        KubeClient.Answer a = client.send("POST", "/api/v1/namespaces", "{\"metadata\":{\"name\":\"" + ns + "\"}}");
        if (a.status() != 201 && a.status() != 409) {
            throw new IllegalStateException("cannot create namespace " + ns + ": " + a.status() + " " + a.body());
        }
    }

    Result create(int objects, int clients) throws Exception {
        Histogram h = new ConcurrentHistogram(3);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        long start = System.nanoTime();
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            done.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < objects; i = next.getAndIncrement()) {
                    long t0 = System.nanoTime();
                    KubeClient.Answer a = client.send("POST", "/api/v1/namespaces/" + ns + "/configmaps",
                            "{\"metadata\":{\"name\":\"" + name(i) + "\",\"labels\":{\"bench\":\"kube\"}},"
                                    + "\"data\":{\"v\":\"" + value + "\"}}");
                    h.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
                    if (a.status() != 201) {
                        errors.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (var f : done) {
            f.get();
        }
        double secs = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return new Result("create", objects + " ConfigMaps, " + clients + " clients",
                String.format("%.0f objects/s", objects / secs), h, errors.get());
    }

    Result list(int pageSize) throws Exception {
        Histogram h = new ConcurrentHistogram(3);
        int errors = 0;
        long best = Long.MAX_VALUE;
        int items = 0;
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            String cont = "";
            items = 0;
            do {
                long t0 = System.nanoTime();
                KubeClient.Answer a = client.send("GET", "/api/v1/namespaces/" + ns + "/configmaps?limit=" + pageSize
                        + (cont.isEmpty() ? "" : "&continue=" + java.net.URLEncoder.encode(cont,
                        java.nio.charset.StandardCharsets.UTF_8)), "");
                h.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
                if (a.status() != 200) {
                    errors++;
                    break;
                }
                items += a.body().path("items").size();
                cont = a.body().path("metadata").path("continue").asText("");
            } while (!cont.isEmpty());
            best = Math.min(best, System.nanoTime() - start);
        }
        return new Result("list", items + " objects, pages of " + pageSize + " (best of 3)",
                String.format("%.0f ms", best / 1e6), h, errors);
    }

    Result watch(int watchers, int rate, int seconds, int keys, int writerCount) throws Exception {
        String rv = client.send("GET", "/api/v1/namespaces/" + ns + "/configmaps?limit=1", "").body()
                .path("metadata").path("resourceVersion").asText();
        Histogram h = new ConcurrentHistogram(3);
        AtomicLong delivered = new AtomicLong();
        List<HttpResponse<Stream<String>>> streams = new ArrayList<>();
        for (int w = 0; w < watchers; w++) {
            streams.add(client.watch("/api/v1/namespaces/" + ns + "/configmaps?watch=true&resourceVersion=" + rv));
        }
        ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();
        for (HttpResponse<Stream<String>> s : streams) {
            readers.submit(() -> {
                Iterator<String> lines = s.body().iterator();
                while (lines.hasNext()) {
                    long sent = stamp(lines.next());
                    if (sent > 0) {
                        h.recordValue(Math.max(1, (System.nanoTime() - sent) / 1000));
                        delivered.incrementAndGet();
                    }
                }
                return null;
            });
        }
        int total = rate * seconds;
        AtomicInteger errors = new AtomicInteger();
        // a bounded set of writers (connections), as real clients have; if the server cannot keep up, the
        // achieved update rate is reported lower rather than opening thousands of connections
        ExecutorService writers = Executors.newFixedThreadPool(writerCount);
        CountDownLatch allSent = new CountDownLatch(total);
        AtomicLong sentAt = new AtomicLong(System.nanoTime());
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + (long) (i * (1e9 / rate));
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int key = i % keys;
            writers.submit(() -> {
                try {
                    KubeClient.Answer a = client.send("PATCH", "/api/v1/namespaces/" + ns + "/configmaps/" + name(key),
                            "{\"data\":{\"t\":\"" + System.nanoTime() + "\"}}");
                    if (a.status() != 200) {
                        errors.incrementAndGet();
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                } finally {
                    sentAt.set(System.nanoTime());
                    allSent.countDown();
                }
            });
        }
        allSent.await(120, TimeUnit.SECONDS);
        long expected = (long) total * watchers;
        for (int i = 0; i < 300 && delivered.get() < expected; i++) {
            Thread.sleep(100);
        }
        double secs = (System.nanoTime() - start) / 1e9;
        double sendSecs = (sentAt.get() - start) / 1e9;
        for (HttpResponse<Stream<String>> s : streams) {
            s.body().close();
        }
        readers.shutdownNow();
        writers.shutdown();
        int missing = (int) Math.max(0, expected - delivered.get());
        return new Result("watch", watchers + " watchers, " + rate + " updates/s asked for " + seconds + " s",
                String.format("%.0f updates/s done, %.0f events/s delivered (%d of %d)", total / sendSecs,
                        delivered.get() / secs, delivered.get(), expected), h, errors.get() + missing);
    }

    /** The send time a writer put in {@code data.t}, or 0 (a cheap scan instead of parsing every event). */
    static long stamp(String line) {
        int at = line.indexOf("\"t\":\"");
        if (at < 0) {
            return 0;
        }
        int from = at + 5;
        int to = line.indexOf('"', from);
        try {
            return Long.parseLong(line, from, to, 10);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static String name(int i) {
        return String.format("cm-%06d", i);
    }
}
