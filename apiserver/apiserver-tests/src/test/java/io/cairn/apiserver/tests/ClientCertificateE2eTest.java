package io.cairn.apiserver.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Client certificates against a real server: the written kubeconfig's admin certificate is accepted, a
 * certificate from another authority with the same names is refused with kube's 401 Status (not a TLS alert), as
 * is a request with no credentials.
 */
class ClientCertificateE2eTest {
    @TempDir
    static Path dir;
    static CairnServer server;

    @BeforeAll
    static void start() {
        server = CairnServer.start(dir.resolve("server"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> get(SSLContext tls, String path) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
        return client.send(HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theKubeconfigsAdminCertificateIsAccepted() throws Exception {
        SSLContext admin = Kubeconfigs.context(server.kubeconfig(), Optional.of(Kubeconfigs.admin(server.kubeconfig())));

        HttpResponse<String> r = get(admin, "/api/v1/namespaces/default");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JsonMapper.builder().build().readTree(r.body()).path("metadata").path("name").asString())
                .isEqualTo("default");
    }

    @Test
    void aCertificateFromAnotherAuthorityIsUnauthorized() throws Exception {
        SSLContext impostor = Kubeconfigs.context(server.kubeconfig(), Optional.of(Kubeconfigs.impostor(dir)));

        HttpResponse<String> r = get(impostor, "/api/v1/namespaces");

        assertUnauthorized(r);
    }

    @Test
    void aRequestWithoutCredentialsIsUnauthorized() throws Exception {
        HttpResponse<String> r = get(Kubeconfigs.context(server.kubeconfig(), Optional.empty()), "/version");

        assertUnauthorized(r);
    }

    private static void assertUnauthorized(HttpResponse<String> r) {
        assertThat(r.statusCode()).isEqualTo(401);
        JsonNode s = JsonMapper.builder().build().readTree(r.body());
        assertThat(s.path("kind").asString()).isEqualTo("Status");
        assertThat(s.path("status").asString()).isEqualTo("Failure");
        assertThat(s.path("reason").asString()).isEqualTo("Unauthorized");
        assertThat(s.path("message").asString()).isEqualTo("Unauthorized");
        assertThat(s.path("code").asInt()).isEqualTo(401);
    }
}
