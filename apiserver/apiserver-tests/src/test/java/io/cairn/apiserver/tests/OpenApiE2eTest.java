package io.cairn.apiserver.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /openapi/v3} answers as kube-apiserver's does (hash-addressed documents, ETags, caching headers and the
 * redirect of a stale hash), and {@code kubectl explain} 1.32 prints kinds and fields from it.
 *
 * <p>Why end to end: kubectl's OpenAPI client caches by the index's URLs and parses the documents with its own
 * OpenAPI types; only the real binary shows that what Cairn serves is read the way Kubernetes' documents are.
 */
class OpenApiE2eTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dir;
    private static CairnServer server;
    private static Kubectl kubectl;
    private static HttpClient http;

    @BeforeAll
    static void startServer() throws Exception {
        KubectlServer run = KubectlServer.start(dir);
        server = run.server();
        kubectl = run.kubectl();
        http = HttpClient.newBuilder().sslContext(Kubeconfigs.context(server.kubeconfig(),
                Optional.of(Kubeconfigs.admin(server.kubeconfig())))).connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String sha512(byte[] body) throws Exception {
        return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-512").digest(body));
    }

    private static String url(String groupVersion) throws Exception {
        JsonNode index = JSON.readTree(get("/openapi/v3").body());
        return index.path("paths").path(groupVersion).path("serverRelativeURL").asString();
    }

    @Test
    void theIndexListsEveryServedGroupVersionAndAnswersItsETag() throws Exception {
        HttpResponse<byte[]> r = get("/openapi/v3", "Accept", "application/json, */*");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(r.headers().firstValue("ETag")).contains("\"" + sha512(r.body()) + "\"");
        JsonNode index = JSON.readTree(r.body());
        assertThat(index.path("paths").propertyNames()).contains("api/v1", "apis/apps/v1",
                "apis/coordination.k8s.io/v1");
        assertThat(index.path("paths").path("api/v1").path("serverRelativeURL").asString())
                .matches("/openapi/v3/api/v1\\?hash=[0-9A-F]{128}");
        assertThat(get("/openapi/v3", "If-None-Match", r.headers().firstValue("ETag").orElseThrow()).statusCode())
                .isEqualTo(304);
    }

    @Test
    void aDocumentAtItsCurrentHashIsImmutableAndHashedAsItsUrlSays() throws Exception {
        String url = url("apis/apps/v1");
        String hash = url.substring(url.indexOf("hash=") + 5);

        HttpResponse<byte[]> r = get(url + "&timeout=32s", "Accept", "application/json");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(sha512(r.body())).isEqualTo(hash);
        assertThat(r.headers().firstValue("ETag")).contains("\"" + hash + "\"");
        assertThat(r.headers().firstValue("Cache-Control")).contains("public, immutable");
        assertThat(r.headers().firstValue("Expires")).isPresent();
        assertThat(r.headers().firstValue("Vary")).contains("Accept");
        JsonNode doc = JSON.readTree(r.body());
        assertThat(doc.path("openapi").asString()).isEqualTo("3.0.0");
        assertThat(doc.path("components").path("schemas").has("io.k8s.api.apps.v1.Deployment")).isTrue();
    }

    @Test
    void aStaleHashIsRedirectedAndNoHashIsServedWithoutCachingHeaders() throws Exception {
        String url = url("api/v1");

        HttpResponse<byte[]> stale = get("/openapi/v3/api/v1?hash=0123", "Accept", "application/json");
        HttpResponse<byte[]> plain = get("/openapi/v3/api/v1", "Accept", "application/json");

        assertThat(stale.statusCode()).isEqualTo(301);
        assertThat(stale.headers().firstValue("Location")).contains(url);
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Cache-Control")).isEmpty();
        assertThat("/openapi/v3/api/v1?hash=" + sha512(plain.body())).isEqualTo(url);
    }

    @Test
    void anUnservedGroupVersionIsNotFoundAndAProtobufOnlyAcceptIsNotAcceptable() throws Exception {
        assertThat(get("/openapi/v3/apis/batch/v1").statusCode()).isEqualTo(404);
        assertThat(get("/openapi/v3/api/v1", "Accept", "application/com.github.proto-openapi.spec.v3.v1.0+protobuf")
                .statusCode()).isEqualTo(406);
    }

    @Test
    void anAnonymousRequestIsUnauthorized() throws Exception {
        HttpClient anonymous = HttpClient.newBuilder().sslContext(Kubeconfigs.context(server.kubeconfig(),
                Optional.empty())).connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> r = anonymous.send(HttpRequest.newBuilder(URI.create(server.url() + "/openapi/v3"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
    }

    @Test
    void explainPrintsAConfigMapFieldWithItsTypeAndDescription() {
        KubectlResult r = kubectl.run("explain", "configmap.data");

        assertThat(r.stderr()).isEmpty();
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).startsWith("""
                KIND:       ConfigMap
                VERSION:    v1

                FIELD: data <map[string]string>


                DESCRIPTION:
                    Data contains the configuration data.""");
    }

    @Test
    void explainPrintsTheContainersOfADeploymentWithTheirFieldsAndTypes() {
        KubectlResult r = kubectl.run("explain", "deployment.spec.template.spec.containers");

        assertThat(r.stderr()).isEmpty();
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).startsWith("""
                GROUP:      apps
                KIND:       Deployment
                VERSION:    v1

                FIELD: containers <[]Container>


                DESCRIPTION:
                    List of containers belonging to the pod.""");
        assertThat(r.stdout()).contains("\nFIELDS:\n  args\t<[]string>\n",
                "\n  env\t<[]EnvVar>\n",
                "\n  image\t<string>\n",
                "\n  name\t<string> -required-\n",
                "\n  ports\t<[]ContainerPort>\n",
                "\n  resources\t<ResourceRequirements>\n");
    }

    @Test
    void explainOfAKindListsItsTopLevelFields() {
        KubectlResult r = kubectl.run("explain", "deployments");

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).startsWith("""
                GROUP:      apps
                KIND:       Deployment
                VERSION:    v1

                DESCRIPTION:
                    Deployment enables declarative updates for Pods and ReplicaSets.
                """);
        assertThat(r.stdout()).contains("\nFIELDS:\n  apiVersion\t<string>\n", "\n  metadata\t<ObjectMeta>\n",
                "\n  spec\t<DeploymentSpec>\n", "\n  status\t<DeploymentStatus>\n");
    }
}
