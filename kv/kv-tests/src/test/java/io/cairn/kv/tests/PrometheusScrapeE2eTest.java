package io.cairn.kv.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Debian's real Prometheus scrapes a member twice — on its client URL (where etcd serves {@code /metrics} next to
 * gRPC) and on its {@code --listen-metrics-urls} listener — and answers {@code up} and
 * {@code etcd_server_has_leader} through its HTTP API. etcd runs the same test as a control.
 */
class PrometheusScrapeE2eTest {

    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private static final Duration SCRAPE_DEADLINE = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    void prometheusScrapesTheClientUrlAndTheMetricsListenerAndSeesALeader(ServerKind kind) throws Exception {
        assumeTrue(Files.isExecutable(PROMETHEUS), "Debian's prometheus package is not installed");
        int[] ports = FreePorts.allocate(2);
        String metricsTarget = "127.0.0.1:" + ports[0];
        try (ServerProcess server = kind.create(List.of("--listen-metrics-urls", "http://" + metricsTarget))) {
            server.start();
            String clientTarget = server.endpoint().getHost() + ":" + server.endpoint().getPort();
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, """
                    global:
                      scrape_interval: 1s
                      scrape_timeout: 1s
                    scrape_configs:
                      - job_name: client-url
                        static_configs:
                          - targets: ['%s']
                      - job_name: metrics-url
                        static_configs:
                          - targets: ['%s']
                    """.formatted(clientTarget, metricsTarget));
            String api = "http://127.0.0.1:" + ports[1];
            Process prometheus = new ProcessBuilder(PROMETHEUS.toString(),
                    "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("tsdb"),
                    "--web.listen-address=127.0.0.1:" + ports[1])
                    .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
            try {
                String up = awaitQuery(api, "up", List.of("client-url", "metrics-url"), "1");
                assertThat(up).as("both targets are up").isNotNull();

                String leader = awaitQuery(api, "etcd_server_has_leader", List.of("client-url", "metrics-url"), "1");
                assertThat(leader).as("etcd_server_has_leader through Prometheus").isNotNull();
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\nprometheus log:\n"
                        + Files.readString(dir.resolve("prometheus.log")) + "\n" + server.name() + " log:\n"
                        + server.logTail(30), e);
            } finally {
                prometheus.destroy();
                if (!prometheus.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    prometheus.destroyForcibly();
                }
            }
        }
    }

    /**
     * Queries Prometheus until the query returns {@code value} for every job (bounded by {@link #SCRAPE_DEADLINE});
     * returns the last answer that did, or {@code null}.
     */
    private static String awaitQuery(String api, String query, List<String> jobs, String value)
            throws InterruptedException {
        long deadline = System.nanoTime() + SCRAPE_DEADLINE.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = query(api, query);
            boolean all = true;
            for (String job : jobs) {
                all &= Pattern.compile("\"job\":\"" + job + "\"},\"value\":\\[[0-9.e+]+,\"" + value + "\"]")
                        .matcher(last).find();
            }
            if (all) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Prometheus never answered " + query + " = " + value + " for " + jobs
                + "; last answer: " + last);
    }

    private static String query(String api, String query) throws InterruptedException {
        URI uri = URI.create(api + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "(not answering yet: " + e + ")";
        }
    }
}
