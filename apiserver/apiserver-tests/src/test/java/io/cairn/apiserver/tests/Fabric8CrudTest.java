package io.cairn.apiserver.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * fabric8's create, read, update, edit, patch and delete of ConfigMaps, Secrets, Deployments and Namespaces, its
 * optimistic-concurrency errors, and the scale and status subresources, against a real {@code cairn server}.
 *
 * <p>Why: fabric8 is the Java client most operators are written with; each of its verbs maps to one HTTP shape
 * (PUT with a resourceVersion, GET plus JSON patch, merge patch, DeleteOptions body) that Cairn must answer exactly
 * as kube-apiserver does, or the client throws or silently loses writes.
 */
@Timeout(90)
class Fabric8CrudTest {
    private static final String NS = "fabric8-crud";

    @TempDir
    static Path dir;
    static CairnServer server;
    static KubernetesClient client;

    @BeforeAll
    static void start() {
        server = CairnServer.start(dir);
        client = Fabric8Clients.of(server);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
                .create();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static ConfigMap configMap(String name, Map<String, String> data) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withData(data).build();
    }

    private static Deployment deployment(String name, int replicas) {
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage("nginx:1.27").endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    @Test
    void aCreatedConfigMapIsReadBackWithServerFilledMetadata() {
        ConfigMap created = client.configMaps().inNamespace(NS).resource(configMap("read-back", Map.of("k", "v")))
                .create();

        ConfigMap read = client.configMaps().inNamespace(NS).withName("read-back").get();

        assertThat(created.getMetadata().getUid()).isNotBlank();
        assertThat(created.getMetadata().getResourceVersion()).isNotBlank();
        assertThat(created.getMetadata().getCreationTimestamp()).isNotBlank();
        assertThat(read.getData()).containsExactlyEntriesOf(Map.of("k", "v"));
        assertThat(read.getMetadata().getUid()).isEqualTo(created.getMetadata().getUid());
        assertThat(read.getMetadata().getResourceVersion()).isEqualTo(created.getMetadata().getResourceVersion());
    }

    @Test
    void creatingAnExistingNameFailsWithAlreadyExists() {
        client.configMaps().inNamespace(NS).resource(configMap("twice", Map.of())).create();

        assertThatThrownBy(() -> client.configMaps().inNamespace(NS).resource(configMap("twice", Map.of())).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getStatus().getReason()).isEqualTo("AlreadyExists");
                    assertThat(e.getStatus().getMessage()).isEqualTo("configmaps \"twice\" already exists");
                });
    }

    @Test
    void getOfAMissingObjectIsNullAndNotAnError() {
        assertThat(client.configMaps().inNamespace(NS).withName("never-created").get()).isNull();
    }

    @Test
    void updateWithTheCurrentResourceVersionSucceedsAndAdvancesIt() {
        ConfigMap created = client.configMaps().inNamespace(NS).resource(configMap("update-ok", Map.of("a", "1")))
                .create();
        created.setData(Map.of("a", "2"));

        ConfigMap updated = client.configMaps().inNamespace(NS).resource(created).update();

        assertThat(updated.getData()).containsExactlyEntriesOf(Map.of("a", "2"));
        assertThat(Long.parseLong(updated.getMetadata().getResourceVersion()))
                .isGreaterThan(Long.parseLong(created.getMetadata().getResourceVersion()));
        assertThat(client.configMaps().inNamespace(NS).withName("update-ok").get().getData())
                .containsExactlyEntriesOf(Map.of("a", "2"));
    }

    @Test
    void updateWithAStaleResourceVersionFailsWithConflictAndChangesNothing() {
        ConfigMap created = client.configMaps().inNamespace(NS).resource(configMap("stale", Map.of("a", "1")))
                .create();
        ConfigMap first = new ConfigMapBuilder(created).withData(Map.of("a", "first")).build();
        client.configMaps().inNamespace(NS).resource(first).update();
        ConfigMap second = new ConfigMapBuilder(created).withData(Map.of("a", "second")).build();

        assertThatThrownBy(() -> client.configMaps().inNamespace(NS).resource(second).update())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getStatus().getReason()).isEqualTo("Conflict");
                    assertThat(e.getStatus().getMessage()).isEqualTo("Operation cannot be fulfilled on configmaps"
                            + " \"stale\": the object has been modified; please apply your changes to the latest"
                            + " version and try again");
                });
        assertThat(client.configMaps().inNamespace(NS).withName("stale").get().getData())
                .containsExactlyEntriesOf(Map.of("a", "first"));
    }

    @Test
    void editReadsPatchesWithTheResourceVersionAndKeepsOtherFields() {
        client.configMaps().inNamespace(NS).resource(configMap("edited", Map.of("keep", "yes", "change", "old")))
                .create();

        ConfigMap edited = client.configMaps().inNamespace(NS).withName("edited")
                .edit(cm -> new ConfigMapBuilder(cm).addToData("change", "new").addToData("added", "1")
                        .editMetadata().addToLabels("edited", "true").endMetadata().build());

        assertThat(edited.getData()).containsExactlyInAnyOrderEntriesOf(
                Map.of("keep", "yes", "change", "new", "added", "1"));
        assertThat(client.configMaps().inNamespace(NS).withName("edited").get().getMetadata().getLabels())
                .containsEntry("edited", "true");
    }

    @Test
    void editOfAnObjectChangedSinceTheClientReadItFailsWithConflict() {
        client.configMaps().inNamespace(NS).resource(configMap("edit-race", Map.of("a", "1"))).create();

        assertThatThrownBy(() -> client.configMaps().inNamespace(NS).withName("edit-race").edit(cm -> {
            // another writer changes the object between fabric8's GET and its PATCH
            client.configMaps().inNamespace(NS).withName("edit-race")
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"a\":\"other\"}}");
            return new ConfigMapBuilder(cm).addToData("a", "mine").build();
        })).isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
        assertThat(client.configMaps().inNamespace(NS).withName("edit-race").get().getData())
                .containsExactlyEntriesOf(Map.of("a", "other"));
    }

    @Test
    void jsonMergePatchSetsAndRemovesKeys() {
        client.configMaps().inNamespace(NS).resource(configMap("merge", Map.of("a", "1", "b", "2"))).create();

        ConfigMap patched = client.configMaps().inNamespace(NS).withName("merge")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"a\":null,\"c\":\"3\"}}");

        assertThat(patched.getData()).containsExactlyInAnyOrderEntriesOf(Map.of("b", "2", "c", "3"));
        assertThat(client.configMaps().inNamespace(NS).withName("merge").get().getData())
                .containsExactlyInAnyOrderEntriesOf(Map.of("b", "2", "c", "3"));
    }

    @Test
    void jsonPatchAppliesItsOperationsInOrder() {
        client.configMaps().inNamespace(NS).resource(configMap("json-patch", Map.of("a", "1"))).create();

        ConfigMap patched = client.configMaps().inNamespace(NS).withName("json-patch")
                .patch(PatchContext.of(PatchType.JSON), "[{\"op\":\"test\",\"path\":\"/data/a\",\"value\":\"1\"},"
                        + "{\"op\":\"replace\",\"path\":\"/data/a\",\"value\":\"2\"},"
                        + "{\"op\":\"add\",\"path\":\"/data/b\",\"value\":\"3\"}]");

        assertThat(patched.getData()).containsExactlyInAnyOrderEntriesOf(Map.of("a", "2", "b", "3"));
    }

    @Test
    void aJsonPatchWhoseTestFailsIsRejectedAndChangesNothing() {
        client.configMaps().inNamespace(NS).resource(configMap("json-test", Map.of("a", "1"))).create();

        assertThatThrownBy(() -> client.configMaps().inNamespace(NS).withName("json-test")
                .patch(PatchContext.of(PatchType.JSON), "[{\"op\":\"test\",\"path\":\"/data/a\",\"value\":\"9\"},"
                        + "{\"op\":\"replace\",\"path\":\"/data/a\",\"value\":\"2\"}]"))
                .isInstanceOfSatisfying(KubernetesClientException.class,
                        e -> assertThat(e.getCode()).isEqualTo(422));
        assertThat(client.configMaps().inNamespace(NS).withName("json-test").get().getData())
                .containsExactlyEntriesOf(Map.of("a", "1"));
    }

    @Test
    void deleteRemovesTheObjectAndReportsWhatWasDeleted() {
        client.configMaps().inNamespace(NS).resource(configMap("doomed", Map.of())).create();

        List<StatusDetails> deleted = client.configMaps().inNamespace(NS).withName("doomed").delete();

        assertThat(deleted).singleElement().satisfies(d -> {
            assertThat(d.getName()).isEqualTo("doomed");
            assertThat(d.getKind()).isEqualTo("configmaps");
        });
        assertThat(client.configMaps().inNamespace(NS).withName("doomed").get()).isNull();
        assertThat(client.configMaps().inNamespace(NS).withName("doomed").delete()).isEmpty();
    }

    @Test
    void secretDataRoundTripsAndStringDataIsFoldedIntoData() {
        String encoded = Base64.getEncoder().encodeToString("s3cr3t".getBytes(StandardCharsets.UTF_8));
        Secret created = client.secrets().inNamespace(NS).resource(new SecretBuilder()
                .withNewMetadata().withName("creds").withNamespace(NS).endMetadata()
                .withType("Opaque").addToData("password", encoded).addToStringData("user", "admin").build())
                .create();

        Secret read = client.secrets().inNamespace(NS).withName("creds").get();

        assertThat(created.getStringData()).isNullOrEmpty();
        assertThat(read.getType()).isEqualTo("Opaque");
        assertThat(read.getData()).containsExactlyInAnyOrderEntriesOf(Map.of("password", encoded,
                "user", Base64.getEncoder().encodeToString("admin".getBytes(StandardCharsets.UTF_8))));

        Secret patched = client.secrets().inNamespace(NS).withName("creds")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"user\":null}}");
        assertThat(patched.getData()).containsOnlyKeys("password");
        client.secrets().inNamespace(NS).withName("creds").delete();
        assertThat(client.secrets().inNamespace(NS).withName("creds").get()).isNull();
    }

    @Test
    void deploymentSpecChangesBumpTheGeneration() {
        Deployment created = client.apps().deployments().inNamespace(NS).resource(deployment("gen", 1)).create();

        Deployment edited = client.apps().deployments().inNamespace(NS).withName("gen")
                .edit(d -> new DeploymentBuilder(d).editSpec().editTemplate().editSpec().editFirstContainer()
                        .withImage("nginx:1.28").endContainer().endSpec().endTemplate().endSpec().build());
        Deployment labelled = client.apps().deployments().inNamespace(NS).withName("gen")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"tier\":\"web\"}}}");

        assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);
        assertThat(edited.getMetadata().getGeneration()).isEqualTo(2L);
        assertThat(edited.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("nginx:1.28");
        assertThat(labelled.getMetadata().getGeneration()).isEqualTo(2L);
        assertThat(labelled.getMetadata().getLabels()).containsEntry("tier", "web");
    }

    @Test
    void scaleReadsAndWritesTheReplicaCountThroughTheScaleSubresource() {
        client.apps().deployments().inNamespace(NS).resource(deployment("scaled", 1)).create();

        Scale before = client.apps().deployments().inNamespace(NS).withName("scaled").scale();
        Deployment scaled = client.apps().deployments().inNamespace(NS).withName("scaled").scale(4);

        assertThat(before.getSpec().getReplicas()).isEqualTo(1);
        assertThat(before.getMetadata().getName()).isEqualTo("scaled");
        assertThat(scaled.getSpec().getReplicas()).isEqualTo(4);
        assertThat(client.apps().deployments().inNamespace(NS).withName("scaled").get().getSpec().getReplicas())
                .isEqualTo(4);
        assertThat(client.apps().deployments().inNamespace(NS).withName("scaled").scale().getSpec().getReplicas())
                .isEqualTo(4);
    }

    @Test
    void updateStatusChangesOnlyTheStatus() {
        Deployment created = client.apps().deployments().inNamespace(NS).resource(deployment("status", 2)).create();
        Deployment withStatus = new DeploymentBuilder(created)
                .withStatus(new DeploymentStatusBuilder().withReplicas(2).withReadyReplicas(1)
                        .withObservedGeneration(1L).build())
                .editSpec().withReplicas(7).endSpec().build();

        Deployment updated = client.apps().deployments().inNamespace(NS).resource(withStatus).updateStatus();

        assertThat(updated.getStatus().getReadyReplicas()).isEqualTo(1);
        Deployment read = client.apps().deployments().inNamespace(NS).withName("status").get();
        assertThat(read.getStatus().getReplicas()).isEqualTo(2);
        assertThat(read.getStatus().getReadyReplicas()).isEqualTo(1);
        assertThat(read.getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void editStatusPatchesTheStatusSubresource() {
        client.apps().deployments().inNamespace(NS).resource(deployment("edit-status", 1)).create();

        Deployment edited = client.apps().deployments().inNamespace(NS).withName("edit-status")
                .editStatus(d -> new DeploymentBuilder(d).withStatus(new DeploymentStatusBuilder()
                        .withReplicas(1).withAvailableReplicas(1).build()).build());

        assertThat(edited.getStatus().getAvailableReplicas()).isEqualTo(1);
        assertThat(client.apps().deployments().inNamespace(NS).withName("edit-status").get().getStatus()
                .getAvailableReplicas()).isEqualTo(1);
    }

    @Test
    void ofTwoClientsUpdatingTheSameReadExactlyOneWinsAndTheOtherGetsConflict() throws Exception {
        client.configMaps().inNamespace(NS).resource(configMap("contended", Map.of("owner", "none"))).create();
        try (KubernetesClient other = Fabric8Clients.of(server);
             ExecutorService pool = Executors.newFixedThreadPool(2)) {
            ConfigMap readByA = client.configMaps().inNamespace(NS).withName("contended").get();
            ConfigMap readByB = other.configMaps().inNamespace(NS).withName("contended").get();
            assertThat(readByA.getMetadata().getResourceVersion())
                    .isEqualTo(readByB.getMetadata().getResourceVersion());
            CountDownLatch go = new CountDownLatch(1);
            List<Callable<String>> writers = List.of(
                    () -> write(go, client, new ConfigMapBuilder(readByA).withData(Map.of("owner", "a")).build()),
                    () -> write(go, other, new ConfigMapBuilder(readByB).withData(Map.of("owner", "b")).build()));
            List<Future<String>> results = new ArrayList<>();
            for (Callable<String> w : writers) {
                results.add(pool.submit(w));
            }
            go.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> f : results) {
                outcomes.add(f.get());
            }

            assertThat(outcomes).containsExactlyInAnyOrder("won", "409");
            String winner = outcomes.get(0).equals("won") ? "a" : "b";
            assertThat(client.configMaps().inNamespace(NS).withName("contended").get().getData())
                    .containsExactlyEntriesOf(Map.of("owner", winner));
        }
    }

    private static String write(CountDownLatch go, KubernetesClient c, ConfigMap cm) throws InterruptedException {
        go.await();
        try {
            c.configMaps().inNamespace(NS).resource(cm).update();
            return "won";
        } catch (KubernetesClientException e) {
            return Integer.toString(e.getCode());
        }
    }

    @Test
    void aNamespaceIsCreatedListedAndOnDeleteEmptiedAndRemoved() {
        Namespace created = client.namespaces().resource(new NamespaceBuilder().withNewMetadata()
                .withName("fabric8-short-lived").addToLabels("purpose", "test").endMetadata().build()).create();
        client.configMaps().inNamespace("fabric8-short-lived").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("inside").endMetadata().build()).create();

        assertThat(created.getStatus().getPhase()).isEqualTo("Active");
        assertThat(client.namespaces().withLabel("purpose", "test").list().getItems())
                .extracting(n -> n.getMetadata().getName()).containsExactly("fabric8-short-lived");

        client.namespaces().withName("fabric8-short-lived").delete();
        client.namespaces().withName("fabric8-short-lived").waitUntilCondition(n -> n == null,
                30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(client.configMaps().inNamespace("fabric8-short-lived").list().getItems()).isEmpty();
    }

    @Test
    void theDefaultNamespaceCannotBeDeleted() {
        assertThatThrownBy(() -> client.namespaces().withName("default").delete())
                .isInstanceOfSatisfying(KubernetesClientException.class,
                        e -> assertThat(e.getCode()).isEqualTo(403));
        assertThat(client.namespaces().withName("default").get().getStatus().getPhase()).isEqualTo("Active");
    }

    @Test
    void creatingInATerminatingNamespaceIsForbidden() {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("fabric8-held").endMetadata()
                .build()).create();
        client.configMaps().inNamespace("fabric8-held").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("pinned").addToFinalizers("cairn.io/test-hold").endMetadata().build()).create();
        client.namespaces().withName("fabric8-held").delete();
        Namespace terminating = client.namespaces().withName("fabric8-held").get();

        assertThat(terminating.getStatus().getPhase()).isEqualTo("Terminating");
        assertThat(terminating.getMetadata().getDeletionTimestamp()).isNotBlank();
        assertThatThrownBy(() -> client.configMaps().inNamespace("fabric8-held").resource(new ConfigMapBuilder()
                .withNewMetadata().withName("late").endMetadata().build()).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(403);
                    assertThat(e.getStatus().getMessage()).isEqualTo("configmaps \"late\" is forbidden: unable to"
                            + " create new content in namespace fabric8-held because it is being terminated");
                });

        // the namespace's finalizer marks the held object for deletion in its next pass; editing before that pass
        // would race it (a 409, as on Kubernetes, where the namespace controller runs just as asynchronously)
        Instant marked = Instant.now().plus(Duration.ofSeconds(30));
        while (client.configMaps().inNamespace("fabric8-held").withName("pinned").get().getMetadata()
                .getDeletionTimestamp() == null && Instant.now().isBefore(marked)) {
            sleep(100);
        }
        assertThat(client.configMaps().inNamespace("fabric8-held").withName("pinned").get().getMetadata()
                .getDeletionTimestamp()).isNotBlank();
        client.configMaps().inNamespace("fabric8-held").withName("pinned")
                .edit(cm -> new ConfigMapBuilder(cm).editMetadata().withFinalizers(List.of()).endMetadata().build());
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (client.namespaces().withName("fabric8-held").get() != null && Instant.now().isBefore(deadline)) {
            sleep(100);
        }
        assertThat(client.namespaces().withName("fabric8-held").get()).isNull();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
