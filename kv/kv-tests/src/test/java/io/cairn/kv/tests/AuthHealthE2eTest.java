package io.cairn.kv.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With auth enabled, {@code /health} and {@code /metrics} stay reachable without credentials, as etcd keeps them
 * (its health check counts "permission denied" as healthy), on the client port and on the plain
 * {@code --listen-metrics-urls} listener; and no password given to the member ever reaches its log.
 */
class AuthHealthE2eTest {
    private static final String ROOT_PASSWORD = "health-root-pw-7f3a";
    private static final String USER_PASSWORD = "health-user-pw-91c2";

    static Path dir;

    @BeforeAll
    static void scratch() throws IOException {
        Etcdctl.requireBinary();
        dir = Files.createTempDirectory("cairn-auth-health-");
    }

    @AfterAll
    static void clean() {
        LocalServerProcess.deleteRecursively(dir);
    }

    @Test
    void healthAndMetricsAnswerWithoutCredentialsOnEtcdAndCairnAndNoPasswordIsLogged() throws Exception {
        int metricsPort = FreePorts.allocate(1)[0];
        List<String> flags = List.of("--listen-metrics-urls", "http://127.0.0.1:" + metricsPort);
        String etcdHealth;
        try (EtcdProcess etcd = EtcdProcess.create(Files.createDirectories(dir.resolve("etcd")), flags)) {
            etcd.start();
            enableAuth(etcd.endpoint(), "etcd");
            etcdHealth = get(etcd.endpoint().resolve("/health")).body();
            assertThat(get(URI.create("http://127.0.0.1:" + metricsPort + "/health")).statusCode()).isEqualTo(200);
        }
        try (CairnProcess cairn = CairnProcess.create(Files.createDirectories(dir.resolve("cairn")), flags)) {
            cairn.start();
            enableAuth(cairn.endpoint(), "cairn");

            HttpResponse<String> health = get(cairn.endpoint().resolve("/health"));
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"health\":\"true\"");
            assertThat(etcdHealth).contains("\"health\":\"true\"");
            assertThat(get(cairn.endpoint().resolve("/metrics")).body()).contains("# TYPE");
            URI metricsListener = URI.create("http://127.0.0.1:" + metricsPort);
            assertThat(get(metricsListener.resolve("/health")).statusCode()).isEqualTo(200);
            assertThat(get(metricsListener.resolve("/metrics")).body()).contains("# TYPE");

            String log = Files.readString(cairn.logFile());
            assertThat(log).as("the member's log").isNotEmpty().doesNotContain(ROOT_PASSWORD)
                    .doesNotContain(USER_PASSWORD);
        }
    }

    /** root with the root role, a second user, auth on, and one request per user (one with a wrong password). */
    private static void enableAuth(URI endpoint, String name) throws IOException {
        Etcdctl etcdctl = new Etcdctl(endpoint, Files.createDirectories(dir.resolve("etcdctl-" + name)));
        for (List<String> step : List.of(
                List.of("user", "add", "root:" + ROOT_PASSWORD),
                List.of("user", "grant-role", "root", "root"),
                List.of("user", "add", "someone:" + USER_PASSWORD),
                List.of("auth", "enable"))) {
            Etcdctl.Output out = etcdctl.run(step, null);
            assertThat(out.exitCode()).as(name + ": " + String.join(" ", step) + "\n" + out.render()).isZero();
        }
        assertThat(etcdctl.run(List.of("--user", "root:" + ROOT_PASSWORD, "put", "k", "v"), null).exitCode()).isZero();
        assertThat(etcdctl.run(List.of("--user", "someone:wrong-" + USER_PASSWORD, "get", "k"), null).exitCode())
                .isNotZero();
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }
}
