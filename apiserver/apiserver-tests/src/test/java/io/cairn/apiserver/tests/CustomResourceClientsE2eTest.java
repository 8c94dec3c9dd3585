package io.cairn.apiserver.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * fabric8 (a typed {@code CustomResource} class and {@code GenericKubernetesResource}) and client-java's
 * {@code DynamicKubernetesApi} with custom resources against a real {@code cairn server}.
 *
 * <p>Why: operators are written with these clients against custom kinds; they create, list, watch and update the
 * status of custom resources and rely on the server's schema defaults and errors.
 */
@Timeout(120)
class CustomResourceClientsE2eTest {
    @TempDir
    static Path dir;
    static CairnServer server;
    static KubernetesClient fabric8;
    static ApiClient java;

    /** The widget spec as an operator's typed model declares it. */
    public static class WidgetSpec {
        private Integer replicas;
        private String size;
        private String color;

        public Integer getReplicas() {
            return replicas;
        }

        public void setReplicas(Integer replicas) {
            this.replicas = replicas;
        }

        public String getSize() {
            return size;
        }

        public void setSize(String size) {
            this.size = size;
        }

        public String getColor() {
            return color;
        }

        public void setColor(String color) {
            this.color = color;
        }
    }

    /** The widget status. */
    public static class WidgetStatus {
        private Integer replicas;

        public Integer getReplicas() {
            return replicas;
        }

        public void setReplicas(Integer replicas) {
            this.replicas = replicas;
        }
    }

    /** A typed fabric8 custom resource. */
    @Group("example.com")
    @Version("v1")
    public static class Widget extends CustomResource<WidgetSpec, WidgetStatus> implements Namespaced {
    }

    @BeforeAll
    static void start() throws Exception {
        server = CairnServer.start(dir);
        fabric8 = Fabric8Clients.of(server);
        java = JavaClients.of(server);
        CustomResourceDefinition crd = fabric8.apiextensions().v1().customResourceDefinitions()
                .load(new ByteArrayInputStream(CrdManifests.WIDGETS.getBytes(StandardCharsets.UTF_8))).item();
        fabric8.apiextensions().v1().customResourceDefinitions().resource(crd).create();
        CustomResourceDefinition established = fabric8.apiextensions().v1().customResourceDefinitions()
                .withName("widgets.example.com").waitUntilCondition(c -> c != null && c.getStatus() != null
                        && c.getStatus().getConditions().stream().anyMatch(k -> k.getType().equals("Established")
                        && k.getStatus().equals("True")), 30, TimeUnit.SECONDS);
        assertThat(established.getStatus().getAcceptedNames().getShortNames()).containsExactly("wd");
        assertThat(established.getStatus().getStoredVersions()).containsExactly("v1");
        // the watch that makes the kind served may trail the write by a moment
        assertThat(JavaClients.eventually(10, () -> {
            try {
                fabric8.genericKubernetesResources("example.com/v1", "Widget").inNamespace("default").list();
                return true;
            } catch (KubernetesClientException e) {
                return false;
            }
        })).isTrue();
        for (String ns : List.of("typed", "generic", "dynamic")) {
            fabric8.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata()
                    .build()).create();
        }
    }

    @AfterAll
    static void stop() {
        if (fabric8 != null) {
            fabric8.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void fabric8TypedResourcesAreCreatedDefaultedListedAndGetTheirStatus() {
        var widgets = fabric8.resources(Widget.class).inNamespace("typed");
        Widget w = new Widget();
        w.setMetadata(new ObjectMetaBuilder().withName("t1").build());
        WidgetSpec spec = new WidgetSpec();
        spec.setReplicas(2);
        spec.setColor("red");
        w.setSpec(spec);
        Widget created = widgets.resource(w).create();
        assertThat(created.getSpec().getSize()).isEqualTo("small");
        assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);

        WidgetStatus status = new WidgetStatus();
        status.setReplicas(2);
        created.setStatus(status);
        created.getSpec().setReplicas(9);
        Widget updated = widgets.resource(created).updateStatus();
        assertThat(updated.getStatus().getReplicas()).isEqualTo(2);
        assertThat(updated.getSpec().getReplicas()).as("a status write ignores the spec").isEqualTo(2);
        assertThat(updated.getMetadata().getGeneration()).isEqualTo(1L);
        Widget edited = widgets.withName("t1").edit(x -> {
            x.getSpec().setReplicas(3);
            x.setStatus(null);
            return x;
        });
        assertThat(edited.getMetadata().getGeneration()).isEqualTo(2L);
        assertThat(edited.getStatus().getReplicas()).as("a main write keeps the status").isEqualTo(2);
        assertThat(widgets.list().getItems()).extracting(x -> x.getMetadata().getName()).containsExactly("t1");

        Widget bad = new Widget();
        bad.setMetadata(new ObjectMetaBuilder().withName("t2").build());
        WidgetSpec badSpec = new WidgetSpec();
        badSpec.setReplicas(20);
        badSpec.setColor("red");
        bad.setSpec(badSpec);
        assertThatThrownBy(() -> widgets.resource(bad).create()).isInstanceOfSatisfying(
                KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getStatus().getMessage()).isEqualTo("Widget.example.com \"t2\" is invalid:"
                            + " spec.replicas: Invalid value: 20: spec.replicas in body should be less than or equal"
                            + " to 10");
                });
    }

    @Test
    void fabric8GenericResourcesAreWatchedAndReadAtEveryServedVersion() throws Exception {
        var generic = fabric8.genericKubernetesResources("example.com/v1", "Widget").inNamespace("generic");
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        try (Watch watch = generic.watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, GenericKubernetesResource resource) {
                if (action != Action.BOOKMARK) {
                    events.add(action + " " + resource.getMetadata().getName() + " " + resource.getApiVersion());
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        })) {
            GenericKubernetesResource g = new GenericKubernetesResourceBuilder().withApiVersion("example.com/v1")
                    .withKind("Widget").withNewMetadata().withName("g1").endMetadata()
                    .withAdditionalProperties(Map.of("spec", Map.of("color", "blue", "typo", 1))).build();
            GenericKubernetesResource created = generic.resource(g).create();
            assertThat(created.getAdditionalProperties().get("spec")).isEqualTo(Map.of("color", "blue", "size",
                    "small"));
            assertThat(events.poll(20, TimeUnit.SECONDS)).isEqualTo("ADDED g1 example.com/v1");
        }
        GenericKubernetesResource beta = fabric8.genericKubernetesResources("example.com/v1beta1", "Widget")
                .inNamespace("generic").withName("g1").get();
        assertThat(beta.getApiVersion()).isEqualTo("example.com/v1beta1");
    }

    @Test
    void clientJavaDynamicApiCreatesListsAndUpdatesStatus() throws Exception {
        DynamicKubernetesApi api = new DynamicKubernetesApi("example.com", "v1", "widgets", java);
        JsonObject raw = JsonParser.parseString("""
                {"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"d1","namespace":"dynamic"},
                 "spec":{"color":"green","replicas":1}}
                """).getAsJsonObject();
        DynamicKubernetesObject created = api.create(new DynamicKubernetesObject(raw)).throwsApiException()
                .getObject();
        assertThat(created.getRaw().getAsJsonObject("spec").get("size").getAsString()).isEqualTo("small");
        created.getRaw().add("status", JsonParser.parseString("{\"replicas\":1}"));
        DynamicKubernetesObject withStatus = api.updateStatus(created, o -> o.getRaw().get("status"))
                .throwsApiException().getObject();
        assertThat(withStatus.getRaw().getAsJsonObject("status").get("replicas").getAsInt()).isEqualTo(1);
        assertThat(api.list("dynamic").throwsApiException().getObject().getItems())
                .extracting(o -> o.getMetadata().getName()).containsExactly("d1");
    }
}
