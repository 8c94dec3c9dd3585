package io.cairn.apiserver.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests a real {@code cairn server} must refuse, sent as raw HTTPS: missing or wrong credentials, bodies that do
 * not decode or do not fit the URL, unknown paths, oversize bodies, unknown media types, bad selectors. Each must be
 * answered with the Status kube-apiserver 1.32 gives, word for word, and leave the server serving.
 *
 * <p>Why: clients show these messages to users and some match on them; and a request a client gets wrong must never
 * be able to hurt the server.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthAndBadInputE2eTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TOKEN = "7c1f0e4b-cairn-test-token";
    private static final String CONFIG_MAPS = "/api/v1/namespaces/default/configmaps";
    @TempDir
    static Path dir;
    static CairnServer server;
    static HttpClient admin;
    static HttpClient anonymous;

    @BeforeAll
    static void start() throws Exception {
        Path tokens = dir.resolve("tokens.csv");
        Files.writeString(tokens, TOKEN + ",alice,alice-uid,\"developers,testers\"\n", StandardCharsets.UTF_8);
        server = CairnServer.start(dir.resolve("server"), "--token-auth-file", tokens.toString());
        admin = HttpClient.newBuilder().sslContext(Kubeconfigs.context(server.kubeconfig(),
                Optional.of(Kubeconfigs.admin(server.kubeconfig())))).connectTimeout(Duration.ofSeconds(10)).build();
        anonymous = HttpClient.newBuilder().sslContext(Kubeconfigs.context(server.kubeconfig(), Optional.empty()))
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(20));
    }

    static HttpResponse<String> send(HttpClient client, HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
        return send(admin, request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    static HttpResponse<String> postJson(String path, String body) throws Exception {
        return post(path, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    /** Asserts a Status body with this code, reason and message. */
    static void assertStatus(HttpResponse<String> r, int code, String reason, String message) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(code);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode s = JSON.readTree(r.body());
        assertThat(s.path("kind").asString()).isEqualTo("Status");
        assertThat(s.path("apiVersion").asString()).isEqualTo("v1");
        assertThat(s.path("status").asString()).isEqualTo("Failure");
        assertThat(s.path("reason").asString()).isEqualTo(reason);
        assertThat(s.path("message").asString()).isEqualTo(message);
        assertThat(s.path("code").asInt()).isEqualTo(code);
    }

    static String configMap(String name) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name
                + "\"},\"data\":{\"k\":\"v\"}}";
    }

    @Test
    void aRequestWithoutCredentialsGetsKubesUnauthorizedStatus() throws Exception {
        HttpResponse<String> r = send(anonymous, request("/api/v1/namespaces").GET().build());

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(r.body())).isEqualTo(JSON.readTree("{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                + "\"metadata\":{},\"status\":\"Failure\",\"message\":\"Unauthorized\",\"reason\":\"Unauthorized\","
                + "\"code\":401}"));
    }

    @Test
    void aBearerTokenNotInTheTokenFileIsUnauthorized() throws Exception {
        HttpResponse<String> r = send(anonymous, request("/api/v1/namespaces")
                .header("Authorization", "Bearer not-" + TOKEN).GET().build());

        assertStatus(r, 401, "Unauthorized", "Unauthorized");
    }

    @Test
    void aBearerTokenFromTheTokenFileCanCreateAndReadObjects() throws Exception {
        HttpResponse<String> created = send(anonymous, request(CONFIG_MAPS).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(configMap("by-token"))).build());
        HttpResponse<String> read = send(anonymous, request(CONFIG_MAPS + "/by-token")
                .header("Authorization", "Bearer " + TOKEN).GET().build());

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(read.body()).path("data").path("k").asString()).isEqualTo("v");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{not json     | invalid character 'n' looking for beginning of object key string ({not json)",
        "{\"a\":        | unexpected end of JSON input ({\"a\":)",
        "[1,]          | invalid character ']' looking for beginning of value ([1,])",
        "{\"a\":1}x     | invalid character 'x' after top-level value ({\"a\":1}x)",
    })
    void aMalformedJsonBodyIsABadRequestWithGosParseError(String body, String detail) throws Exception {
        HttpResponse<String> r = postJson(CONFIG_MAPS, body);

        assertStatus(r, 400, "BadRequest", "the object provided is unrecognized (must be of type ConfigMap):"
                + " couldn't get version/kind; json parse error: " + detail);
    }

    @Test
    void aBodyOfAnotherKindThanTheUrlIsABadRequest() throws Exception {
        HttpResponse<String> r = postJson(CONFIG_MAPS,
                "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"wrong-kind\"}}");

        assertStatus(r, 400, "BadRequest", "Secret in version \"v1\" cannot be handled as a ConfigMap: converting"
                + " (v1.Secret) to (core.ConfigMap): unknown conversion");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "/api/v1/namespaces/default/widgets",
        "/api/v1/widgets",
        "/apis/widgets.example.com/v1/namespaces/default/widgets",
        "/apis/apps/v1/namespaces/default/configmaps",
    })
    void anUnknownResourceOrGroupIsNotFound(String path) throws Exception {
        HttpResponse<String> r = send(admin, request(path).GET().build());

        assertStatus(r, 404, "NotFound", "the server could not find the requested resource");
    }

    @Test
    void aBodyOverThreeMebibytesIsTooLarge() throws Exception {
        byte[] big = new byte[3 * 1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) ' ');

        HttpResponse<String> r = post(CONFIG_MAPS, "application/json", big);

        assertStatus(r, 413, "RequestEntityTooLarge", "Request entity too large: limit is 3145728");
    }

    @Test
    void anUnknownContentTypeIsUnsupported() throws Exception {
        HttpResponse<String> r = post(CONFIG_MAPS, "text/plain", configMap("plain").getBytes(StandardCharsets.UTF_8));

        assertStatus(r, 415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted"
                + " media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf");
    }

    @Test
    void aProtobufBodyWithoutTheMagicIsABadRequest() throws Exception {
        HttpResponse<String> r = post(CONFIG_MAPS, "application/vnd.kubernetes.protobuf",
                "not-a-protobuf-body".getBytes(StandardCharsets.UTF_8));

        assertStatus(r, 400, "BadRequest", "the object provided is unrecognized (must be of type ConfigMap):"
                + " provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]"
                + " (not-a-protobuf-body)");
    }

    @Test
    void anInvalidLabelSelectorIsABadRequest() throws Exception {
        HttpResponse<String> r = send(admin, request(CONFIG_MAPS + "?labelSelector=x%20in%20(a").GET().build());

        assertStatus(r, 400, "BadRequest", "unable to parse requirement: found '', expected: ',' or ')'");
    }

    @Test
    void aPutWhoseBodyNamesAnotherObjectIsABadRequest() throws Exception {
        assertThat(postJson(CONFIG_MAPS, configMap("put-target")).statusCode()).isEqualTo(201);

        HttpResponse<String> r = send(admin, request(CONFIG_MAPS + "/put-target")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(configMap("someone-else"))).build());

        assertStatus(r, 400, "BadRequest",
                "the name of the object (someone-else) does not match the name on the URL (put-target)");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void afterAllThatTheServerStillServesAndLoggedNoStackTrace() throws Exception {
        assertThat(postJson(CONFIG_MAPS, configMap("still-fine")).statusCode()).isEqualTo(201);
        HttpResponse<String> r = send(admin, request(CONFIG_MAPS + "/still-fine").GET().build());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).path("metadata").path("name").asString()).isEqualTo("still-fine");
        assertThat(server.logText()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
