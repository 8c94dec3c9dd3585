package io.cairn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Audit records and spans of writes against Cairn, with the headers the proxy saw. */
class AuditTracingTest {
    @TempDir
    static Path dir;
    static TestCluster cluster;
    static FaultProxy proxy;

    @BeforeAll
    static void start() {
        cluster = TestCluster.start(dir);
        proxy = new FaultProxy(cluster::transport);
    }

    @AfterAll
    static void stop() {
        proxy.close();
        cluster.close();
    }

    @BeforeEach
    void clear() {
        proxy.clearRecorded();
    }

    @Test
    void writesAreAuditedAndTracedWithTheTraceIdTheServerReceives() {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        List<AuditRecord> audit = new CopyOnWriteArrayList<>();
        try (SdkTracerProvider tracer = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
             ClusterClient kube = ClusterClient.create(ClientConfig.builder("audited", proxy.clientTransport())
                     .operator("alice@example.com", true).audit(audit::add)
                     .openTelemetry(OpenTelemetrySdk.builder().setTracerProvider(tracer).build())
                     .schemaValidation(false, Duration.ofMinutes(1)).build())) {
            ConfigMap created = kube.create(ResourceType.CONFIG_MAPS, new ConfigMapBuilder().withNewMetadata()
                    .withName("audited").withNamespace("default").endMetadata().addToData("a", "1").build(),
                    Deadline.after(Duration.ofSeconds(10)));

            assertThat(audit).hasSize(1);
            AuditRecord r = audit.get(0);
            assertThat(r.cluster()).isEqualTo("audited");
            assertThat(r.verb()).isEqualTo("create");
            assertThat(r.resource()).isEqualTo("configmaps");
            assertThat(r.namespace()).isEqualTo("default");
            assertThat(r.name()).isEqualTo("audited");
            assertThat(r.resourceVersion()).isEqualTo(created.getMetadata().getResourceVersion()).isNotEmpty();
            assertThat(r.outcome()).isEqualTo("success");
            assertThat(r.operator()).isEqualTo("alice@example.com");
            assertThat(r.attempts()).isEqualTo(1);

            SpanData span = spans.getFinishedSpanItems().get(0);
            assertThat(span.getName()).isEqualTo("kube create configmaps");
            assertThat(r.traceId()).isEqualTo(span.getTraceId());
            FaultProxy.Recorded post = proxy.recorded().stream().filter(x -> x.method().equals("POST"))
                    .findFirst().orElseThrow();
            assertThat(post.header("traceparent")).startsWith("00-" + span.getTraceId() + "-" + span.getSpanId());
            assertThat(post.header("Impersonate-User")).isEqualTo("alice@example.com");
            assertThat(post.path()).contains("fieldValidation=Strict");

            // a failed write is audited with its reason
            assertThatThrownBy(() -> kube.create(ResourceType.CONFIG_MAPS, created.toBuilder().editMetadata()
                    .withResourceVersion(null).endMetadata().build(), Deadline.after(Duration.ofSeconds(10))))
                    .isInstanceOf(ClientException.Status.class);
            assertThat(audit.get(1).outcome()).isEqualTo("AlreadyExists");
            assertThat(audit.get(1).resourceVersion()).isEmpty();

            // an update that met a conflict counts both writes under one trace
            proxy.respond("PUT", "/api/v1/namespaces/default/configmaps/audited", 1, 409, null);
            kube.update(ResourceType.CONFIG_MAPS.ref("default", "audited"), ConfigMap.class, c -> {
                c.getData().put("b", "2");
                return c;
            }, Deadline.after(Duration.ofSeconds(10)));
            AuditRecord update = audit.get(2);
            assertThat(update.verb()).isEqualTo("update");
            assertThat(update.attempts()).isEqualTo(2);
            assertThat(proxy.recorded().stream().filter(x -> x.method().equals("PUT"))
                    .map(x -> x.header("traceparent").split("-")[1]).distinct()).containsExactly(update.traceId());
        }
    }

    @Test
    void aServerWithoutOpenApiIsAskedForItOnlyOnce() {
        proxy.respond("GET", "/openapi/v3", 100, 404, null);
        try (ClusterClient kube = ClusterClient.create(ClientConfig.builder("no-openapi", proxy.clientTransport())
                .audit(r -> { }).build())) {
            for (int i = 0; i < 3; i++) {
                kube.create(ResourceType.CONFIG_MAPS, new ConfigMapBuilder().withNewMetadata().withName("unchecked-" + i)
                        .withNamespace("default").endMetadata().build(), Deadline.after(Duration.ofSeconds(10)));
            }
        } finally {
            proxy.clearRules();
        }
        assertThat(proxy.count("GET", "/openapi/v3")).isEqualTo(1);
        assertThat(proxy.count("POST", "/api/v1/namespaces/default/configmaps")).isEqualTo(3);
    }

    @Test
    void withoutATracerATraceIdIsStillSentAndAudited() {
        List<AuditRecord> audit = new CopyOnWriteArrayList<>();
        try (ClusterClient kube = ClusterClient.create(ClientConfig.builder("plain", proxy.clientTransport())
                .audit(audit::add).schemaValidation(false, Duration.ofMinutes(1)).build())) {
            kube.create(ResourceType.CONFIG_MAPS, new ConfigMapBuilder().withNewMetadata().withName("untraced")
                    .withNamespace("default").endMetadata().build(), Deadline.after(Duration.ofSeconds(10)));
            kube.delete(ResourceType.CONFIG_MAPS.ref("default", "untraced"), Deadline.after(Duration.ofSeconds(10)));
        }
        FaultProxy.Recorded del = proxy.recorded().stream().filter(x -> x.method().equals("DELETE")).findFirst()
                .orElseThrow();
        AuditRecord deleted = audit.get(1);
        assertThat(deleted.verb()).isEqualTo("delete");
        assertThat(deleted.traceId()).hasSize(32).isNotEqualTo("0".repeat(32)).isNotEqualTo(audit.get(0).traceId());
        assertThat(del.header("traceparent")).startsWith("00-" + deleted.traceId() + "-");
        assertThat(del.header("Impersonate-User")).isNull();
        assertThat(deleted.operator()).isEmpty();
    }
}
