package io.cairn.kv.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every {@code cairn bench} subcommand, in short runs of the real command line against a real Cairn member over its
 * client port: each run succeeds, sends what it was asked to, and (for the watch runs) sees every event exactly once
 * and in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BenchAgainstServerTest {
    private static final long TIMEOUT_SECONDS = 120;

    private Path dir;
    private CairnProcess server;
    private String endpoint;

    @BeforeAll
    void startServer() throws Exception {
        dir = Files.createTempDirectory("cairn-bench-test-");
        server = CairnProcess.create(dir, List.of());
        server.start();
        endpoint = server.endpoint().getHost() + ":" + server.endpoint().getPort();
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
        LocalServerProcess.deleteRecursively(dir);
    }

    @Test
    void put() throws Exception {
        Report r = run("--conns", "2", "--clients", "10", "put", "--total", "300", "--val-size", "64",
                "--key-space-size", "50");
        assertThat(r.number("succeeded")).isEqualTo(300);
        assertThat(r.number("failed")).isZero();
    }

    @Test
    void rangeLinearizableAndSerializable() throws Exception {
        for (String consistency : List.of("l", "s")) {
            Report r = run("--clients", "5", "range", "bench-range-key", "--consistency", consistency,
                    "--total", "200");
            assertThat(r.number("succeeded")).as(consistency).isEqualTo(200);
        }
    }

    @Test
    void txnPutAndTxnMixed() throws Exception {
        assertThat(run("--clients", "5", "txn-put", "--total", "100", "--txn-ops", "4", "--key-space-size", "100")
                .number("succeeded")).isEqualTo(100);
        assertThat(run("--clients", "5", "txn-mixed", "--total", "200", "--key-space-size", "100")
                .number("succeeded")).isEqualTo(200);
    }

    @Test
    void watchDeliversEveryEventOnceAfterAWarmUpOfWatchedPuts() throws Exception {
        Report r = run("--conns", "2", "--clients", "5", "--warmup", "300ms", "watch", "--watchers", "40",
                "--streams", "4", "--watched-key-total", "20", "--put-total", "200", "--put-rate", "400");
                // each put reaches the two watchers of its key
        // the warm-up rehearses the run: as many watchers, then the measured run's own
        assertThat(r.number("warmup_watchers")).isEqualTo(40);
        assertThat(r.number("events_expected")).isEqualTo(400);
        assertThat(r.number("events_received")).isEqualTo(400);
        for (String problem : List.of("missing", "duplicate", "out_of_order", "revision_mismatch", "unexpected",
                "canceled")) {
            assertThat(r.number(problem)).as(problem).isZero();
        }
    }

    @Test
    void watchWritesEveryMeasuredEventToTheDeliveryLog() throws Exception {
        Path file = dir.resolve("deliveries.txt");
        Report r = run("--clients", "5", "--warmup", "0", "watch", "--watchers", "10", "--streams", "2",
                "--watched-key-total", "10", "--put-total", "100", "--put-rate", "400", "--delivery-log",
                file.toString());
        assertThat(r.number("events_received")).isEqualTo(100);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(100);
        for (String line : lines) {
            String[] fields = line.split(" ");
            assertThat(fields).as(line).hasSize(2);
            assertThat(Long.parseLong(fields[0])).as(line).isNotNegative();
            assertThat(Long.parseLong(fields[1])).as(line).isPositive();
        }
    }

    @Test
    void watchLatency() throws Exception {
        Report r = run("--clients", "2", "watch-latency", "--streams", "2", "--watchers-per-stream", "5",
                "--put-total", "100", "--put-rate", "200");
        assertThat(r.number("missing")).as(r.json()).isZero();
    }

    @Test
    void leaseKeepalive() throws Exception {
        Report r = run("--clients", "5", "lease-keepalive", "--total", "200");
        assertThat(r.number("succeeded")).isEqualTo(200);
    }

    /** A run's JSON report. */
    private record Report(String json) {
        /** The number in field {@code name} (a top-level field or a counter). */
        long number(String name) {
            Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*(-?\\d+)").matcher(json);
            assertThat(m.find()).as(name + " in " + json).isTrue();
            return Long.parseLong(m.group(1));
        }
    }

    /** Runs {@code cairn bench --endpoints <member> --json <args>} and returns its report. */
    private Report run(String... args) throws Exception {
        List<String> command = CairnProcess.cliCommand(CairnProcess.root(), List.of("-Xmx256m"));
        command.addAll(List.of("bench", "--endpoints", endpoint, "--json"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "bench-", ".json");
        Path err = Files.createTempFile(dir, "bench-", ".err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("cairn bench did not finish: " + String.join(" ", command));
        }
        String json = Files.readString(out);
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + Files.readString(err) + json).isZero();
        assertThat(Pattern.compile("\"ok\"\\s*:\\s*true").matcher(json).find()).as(json).isTrue();
        return new Report(json);
    }
}
