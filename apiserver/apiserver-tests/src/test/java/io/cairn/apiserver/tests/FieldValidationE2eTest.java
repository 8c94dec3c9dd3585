package io.cairn.apiserver.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Server-side field validation against a running server: {@code fieldValidation=Strict|Warn|Ignore} on create, update
 * and patch answer with kube-apiserver's codes, messages and {@code Warning} headers, and unknown fields are never
 * stored.
 *
 * <p>Why: clients rely on these answers — kubectl prints the warnings and sends {@code Ignore} for
 * {@code --validate=false} — so they are checked over real HTTP, where headers and status codes can be seen.
 */
class FieldValidationE2eTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CMS = "/api/v1/namespaces/default/configmaps";
    @TempDir
    static Path dir;
    static CairnServer server;
    static HttpClient client;

    @BeforeAll
    static void start() throws Exception {
        server = CairnServer.start(dir.resolve("server"));
        client = HttpClient.newBuilder().sslContext(Kubeconfigs.context(server.kubeconfig(),
                Optional.of(Kubeconfigs.admin(server.kubeconfig())))).build();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static HttpResponse<String> send(String method, String path, String contentType, String body)
            throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(server.url() + path))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", contentType).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String configMap(String name, String extra) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\"},"
                + "\"data\":{\"k\":\"v\"}" + extra + "}";
    }

    private static JsonNode json(HttpResponse<String> r) {
        return JSON.readTree(r.body());
    }

    @Test
    void strictCreateWithAnUnknownFieldIsABadRequestAndStoresNothing() throws Exception {
        HttpResponse<String> r = send("POST", CMS + "?fieldValidation=Strict", "application/json",
                configMap("strict", ",\"foo\":1,\"metadata2\":{}"));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).path("reason").asString()).isEqualTo("BadRequest");
        assertThat(json(r).path("message").asString()).isEqualTo("ConfigMap in version \"v1\" cannot be handled as a"
                + " ConfigMap: strict decoding error: unknown field \"foo\", unknown field \"metadata2\"");
        assertThat(send("GET", CMS + "/strict", "application/json", "").statusCode()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"?fieldValidation=Warn", ""})
    void warnAndTheDefaultCreateWithOneWarningHeaderPerProblemAndDropTheFields(String query) throws Exception {
        String name = query.isEmpty() ? "default-warn" : "warn";
        HttpResponse<String> r = send("POST", CMS + query, "application/json",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\",\"bogus\":1},"
                        + "\"foo\":1,\"data\":{\"k\":\"v\"}}");

        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.headers().allValues("Warning")).containsExactly("299 - \"unknown field \\\"metadata.bogus\\\"\"",
                "299 - \"unknown field \\\"foo\\\"\"");
        JsonNode stored = json(send("GET", CMS + "/" + name, "application/json", ""));
        assertThat(stored.has("foo")).isFalse();
        assertThat(stored.path("metadata").has("bogus")).isFalse();
        assertThat(stored.path("data").path("k").asString()).isEqualTo("v");
    }

    @Test
    void ignoreCreatesSilentlyWithoutTheUnknownField() throws Exception {
        HttpResponse<String> r = send("POST", CMS + "?fieldValidation=Ignore", "application/json",
                configMap("ignore", ",\"foo\":1"));

        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.headers().allValues("Warning")).isEmpty();
        assertThat(json(send("GET", CMS + "/ignore", "application/json", "")).has("foo")).isFalse();
    }

    @Test
    void aDuplicateFieldUnderStrictIsRejected() throws Exception {
        HttpResponse<String> r = send("POST", CMS + "?fieldValidation=Strict", "application/json",
                configMap("dup", ",\"data\":{\"a\":\"b\"}"));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).path("message").asString()).isEqualTo("ConfigMap in version \"v1\" cannot be handled as a"
                + " ConfigMap: strict decoding error: duplicate field \"data\"");
        assertThat(send("GET", CMS + "/dup", "application/json", "").statusCode()).isEqualTo(404);
    }

    @Test
    void anUnsupportedFieldValidationValueIsAnInvalidCreateOptionsError() throws Exception {
        HttpResponse<String> r = send("POST", CMS + "?fieldValidation=Loose", "application/json",
                configMap("loose", ""));

        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(json(r).path("message").asString()).isEqualTo("CreateOptions.meta.k8s.io \"\" is invalid:"
                + " fieldValidation: Unsupported value: \"Loose\": supported values: \"\", \"Ignore\", \"Strict\","
                + " \"Warn\"");
    }

    @Test
    void aStrictUpdateWithAnUnknownFieldIsRejectedAndAWarnUpdateDropsIt() throws Exception {
        assertThat(send("POST", CMS, "application/json", configMap("upd", "")).statusCode()).isEqualTo(201);

        HttpResponse<String> strict = send("PUT", CMS + "/upd?fieldValidation=Strict", "application/json",
                configMap("upd", ",\"spec\":{}"));
        HttpResponse<String> warn = send("PUT", CMS + "/upd", "application/json", configMap("upd", ",\"spec\":{}"));

        assertThat(strict.statusCode()).isEqualTo(400);
        assertThat(warn.statusCode()).isEqualTo(200);
        assertThat(warn.headers().allValues("Warning")).containsExactly("299 - \"unknown field \\\"spec\\\"\"");
        assertThat(json(send("GET", CMS + "/upd", "application/json", "")).has("spec")).isFalse();
    }

    @Test
    void aMergePatchAddingAnUnknownFieldUnderStrictIsAnInvalidPatch() throws Exception {
        assertThat(send("POST", CMS, "application/json", configMap("patched", "")).statusCode()).isEqualTo(201);

        HttpResponse<String> strict = send("PATCH", CMS + "/patched?fieldValidation=Strict",
                "application/merge-patch+json", "{\"foo\":\"bar\"}");
        HttpResponse<String> warn = send("PATCH", CMS + "/patched", "application/merge-patch+json",
                "{\"foo\":\"bar\",\"data\":{\"k\":\"w\"}}");

        assertThat(strict.statusCode()).isEqualTo(422);
        assertThat(json(strict).path("reason").asString()).isEqualTo("Invalid");
        assertThat(json(strict).path("message").asString()).startsWith(" \"\" is invalid: patch: Invalid value: \"{")
                .endsWith("\": strict decoding error: unknown field \"foo\"");
        assertThat(warn.statusCode()).isEqualTo(200);
        assertThat(warn.headers().allValues("Warning")).containsExactly("299 - \"unknown field \\\"foo\\\"\"");
        JsonNode stored = json(send("GET", CMS + "/patched", "application/json", ""));
        assertThat(stored.has("foo")).isFalse();
        assertThat(stored.path("data").path("k").asString()).isEqualTo("w");
    }

    @Test
    void kubectlCreateWithValidateFalseSendsIgnoreAndSucceedsSilently() throws Exception {
        Optional<Path> binary = Kubectl.binary();
        assumeTrue(binary.isPresent(), "kubectl is not installed (neither kubectl.1.32 nor kubectl on PATH)");
        Path home = Files.createDirectories(dir.resolve("home"));
        Path manifest = Files.writeString(home.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                + "  name: from-kubectl\n  namespace: default\ndata:\n  k: v\nfoo: bar\n");
        Kubectl kubectl = Kubectl.against(binary.get(), server, home);

        KubectlResult r = kubectl.run("create", "-f", manifest.toString(), "--validate=false");

        assertThat(r).isEqualTo(new KubectlResult(0, "configmap/from-kubectl created\n", ""));
        assertThat(json(send("GET", CMS + "/from-kubectl", "application/json", "")).has("foo")).isFalse();
    }
}
