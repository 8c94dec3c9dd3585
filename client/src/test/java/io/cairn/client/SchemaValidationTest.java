package io.cairn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client-side schema checks against Cairn, with the OpenAPI v3 documents served by the proxy from fixtures in
 * kube-apiserver 1.32's format (trimmed to the kinds used here), and the server's own strict validation when no
 * document is published.
 */
class SchemaValidationTest {
    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    @TempDir
    static Path dir;
    static TestCluster cluster;
    static FaultProxy proxy;

    @BeforeAll
    static void start() {
        cluster = TestCluster.start(dir);
        proxy = new FaultProxy(cluster::transport);
        proxy.serve("/openapi/v3", fixture("index.json"));
        proxy.serve("/openapi/v3/api/v1?hash=A1", fixture("api-v1.json"));
        proxy.serve("/openapi/v3/apis/apps/v1?hash=B1", fixture("apis-apps-v1.json"));
    }

    @AfterAll
    static void stop() {
        proxy.close();
        cluster.close();
    }

    static String fixture(String name) {
        try (InputStream in = SchemaValidationTest.class.getResourceAsStream("/openapi/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static GenericKubernetesResource deployment(String name, String extraSpec, String extraContainer) {
        return JSON.unmarshal("""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"%s","namespace":"default"},
                 "spec":{%s"selector":{"matchLabels":{"app":"web"}},
                  "template":{"metadata":{"labels":{"app":"web"}},
                   "spec":{"containers":[{"name":"web","image":"nginx"%s}]}}}}
                """.formatted(name, extraSpec, extraContainer), GenericKubernetesResource.class);
    }

    private static ClusterClient client() {
        return ClusterClient.create(ClientConfig.builder("schemas", proxy.clientTransport()).audit(r -> { })
                .rateLimit(1000, 1000).build());
    }

    @Test
    void anInvalidObjectIsRejectedBeforeSubmitWithItsFieldPaths() {
        try (ClusterClient kube = client()) {
            assertThatThrownBy(() -> kube.create(ResourceType.DEPLOYMENTS,
                    deployment("bad", "\"replicas\":\"three\",", ",\"foo\":1,\"ports\":[{\"protocol\":\"HTTP\"}]"),
                    Deadline.after(Duration.ofSeconds(10))))
                    .isInstanceOfSatisfying(ClientException.Invalid.class, e -> assertThat(e.errors())
                            .extracting(ClientException.FieldError::path)
                            .containsExactlyInAnyOrder("spec.replicas", "spec.template.spec.containers[0].foo",
                                    "spec.template.spec.containers[0].ports[0].protocol",
                                    "spec.template.spec.containers[0].ports[0].containerPort"));
            assertThat(proxy.count("POST", "/apis/apps/v1")).isZero();
        }
    }

    @Test
    void aValidObjectPassesAndIsCreated() {
        try (ClusterClient kube = client()) {
            GenericKubernetesResource d = kube.create(ResourceType.DEPLOYMENTS, deployment("good", "\"replicas\":2,",
                    ",\"ports\":[{\"containerPort\":80}]"), Deadline.after(Duration.ofSeconds(10)));
            assertThat(d.getMetadata().getUid()).isNotEmpty();
            // updates are checked too: the server's defaults must pass the same schema
            assertThatThrownBy(() -> kube.update(ResourceType.DEPLOYMENTS.ref("default", "good"),
                    GenericKubernetesResource.class, g -> {
                        g.getAdditionalProperties().put("bogus", true);
                        return g;
                    }, Deadline.after(Duration.ofSeconds(10))))
                    .isInstanceOfSatisfying(ClientException.Invalid.class, e -> assertThat(e.errors())
                            .extracting(ClientException.FieldError::path).containsExactly("bogus"));
        }
    }

    @Test
    void aConfigMapWithAWrongTypeIsRejected() {
        try (ClusterClient kube = client()) {
            GenericKubernetesResource cm = JSON.unmarshal("""
                    {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"typed","namespace":"default"},
                     "immutable":"yes","data":{"a":"x","b":true}}""", GenericKubernetesResource.class);
            assertThatThrownBy(() -> kube.validate(ResourceType.CONFIG_MAPS, cm, Deadline.after(Duration.ofSeconds(5))))
                    .isInstanceOfSatisfying(ClientException.Invalid.class, e -> assertThat(e.errors())
                            .extracting(ClientException.FieldError::path)
                            .containsExactlyInAnyOrder("immutable", "data.b"));
        }
    }

    @Test
    void aChangedDocumentHashIsFetchedAnew() {
        try (ClusterClient kube = ClusterClient.create(ClientConfig.builder("refresh", proxy.clientTransport())
                .audit(r -> { }).rateLimit(1000, 1000).schemaValidation(true, Duration.ZERO).build())) {
            GenericKubernetesResource cm = JSON.unmarshal("""
                    {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"r","namespace":"default"},
                     "immutable":true}""", GenericKubernetesResource.class);
            kube.validate(ResourceType.CONFIG_MAPS, cm, Deadline.after(Duration.ofSeconds(5)));
            // the API changes: a new hash in the index names a document without the field
            proxy.serve("/openapi/v3/api/v1?hash=A2", fixture("api-v1.json")
                    .replace("\"immutable\": {\"type\": \"boolean\"},", ""));
            proxy.serve("/openapi/v3", fixture("index.json").replace("hash=A1", "hash=A2"));
            try {
                assertThatThrownBy(() -> kube.validate(ResourceType.CONFIG_MAPS, cm,
                        Deadline.after(Duration.ofSeconds(5))))
                        .isInstanceOfSatisfying(ClientException.Invalid.class, e -> assertThat(e.errors())
                                .extracting(ClientException.FieldError::path).containsExactly("immutable"));
            } finally {
                proxy.serve("/openapi/v3", fixture("index.json"));
            }
        }
    }

    @Test
    void withoutPublishedSchemasTheServerValidatesStrictly() {
        try (FaultProxy bare = new FaultProxy(cluster::transport)) {
            bare.respond("GET", "/openapi/v3", Integer.MAX_VALUE, 404, null);
            try (ClusterClient kube = ClusterClient.create(ClientConfig.builder("bare", bare.clientTransport())
                    .audit(r -> { }).rateLimit(1000, 1000).build())) {
                GenericKubernetesResource cm = JSON.unmarshal("""
                        {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"strict","namespace":"default"},
                         "data":{"a":"x"},"bogus":1}""", GenericKubernetesResource.class);
                assertThatThrownBy(() -> kube.create(ResourceType.CONFIG_MAPS, cm,
                        Deadline.after(Duration.ofSeconds(10))))
                        .isInstanceOfSatisfying(ClientException.Status.class, s -> {
                            assertThat(s.code()).isEqualTo(400);
                            assertThat(s.getMessage()).contains("bogus");
                        });
                assertThat(bare.count("POST", "/api/v1/namespaces/default/configmaps")).isOne();
                assertThat(kube.create(ResourceType.CONFIG_MAPS, new ConfigMapBuilder().withNewMetadata()
                        .withName("fine").withNamespace("default").endMetadata().build(),
                        Deadline.after(Duration.ofSeconds(10))).getMetadata().getName()).isEqualTo("fine");
            }
        }
    }

    @Test
    void cairnsOwnDocumentsRejectAnInvalidObjectBeforeItIsSent() {
        try (FaultProxy live = new FaultProxy(cluster::transport);
             ClusterClient kube = ClusterClient.create(ClientConfig.builder("live", live.clientTransport())
                     .audit(r -> { }).rateLimit(1000, 1000).build())) {
            assertThatThrownBy(() -> kube.create(ResourceType.DEPLOYMENTS,
                    deployment("live-bad", "\"replicas\":\"three\",", ",\"foo\":1"),
                    Deadline.after(Duration.ofSeconds(20))))
                    .isInstanceOfSatisfying(ClientException.Invalid.class, e -> assertThat(e.errors())
                            .extracting(ClientException.FieldError::path)
                            .containsExactlyInAnyOrder("spec.replicas", "spec.template.spec.containers[0].foo"));
            assertThat(live.count("GET", "/openapi/v3/apis/apps/v1")).isPositive();
            assertThat(live.count("POST", "/apis/apps/v1")).isZero();

            GenericKubernetesResource good = kube.create(ResourceType.DEPLOYMENTS, deployment("live-good",
                    "\"replicas\":2,", ",\"ports\":[{\"containerPort\":80}]"), Deadline.after(Duration.ofSeconds(20)));
            assertThat(good.getMetadata().getUid()).isNotEmpty();
        }
    }
}
