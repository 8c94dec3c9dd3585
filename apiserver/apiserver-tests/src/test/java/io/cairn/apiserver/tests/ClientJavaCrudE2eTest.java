package io.cairn.apiserver.tests;

import static io.cairn.apiserver.tests.JavaClients.eventually;
import static io.cairn.apiserver.tests.JavaClients.meta;
import static io.cairn.apiserver.tests.JavaClients.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.CoordinationV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1DeploymentSpec;
import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1Lease;
import io.kubernetes.client.openapi.models.V1LeaseSpec;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import io.kubernetes.client.openapi.models.V1Scale;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Status;
import io.kubernetes.client.util.PatchUtils;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * client-java's typed APIs ({@code CoreV1Api}, {@code AppsV1Api}, {@code CoordinationV1Api}) doing create, read,
 * replace, patch and delete against a real {@code cairn server}.
 *
 * <p>Why: client-java serialises differently from kubectl (microsecond timestamps, empty maps and lists on create,
 * chunked patch bodies); Java operators written against it must work unchanged.
 */
class ClientJavaCrudE2eTest {
    @TempDir
    static Path dir;
    static CairnServer server;
    static ApiClient client;
    static CoreV1Api core;
    static AppsV1Api apps;
    static CoordinationV1Api coordination;
    static final AtomicInteger SEQ = new AtomicInteger();

    @BeforeAll
    static void start() {
        server = CairnServer.start(dir);
        client = JavaClients.of(server);
        core = new CoreV1Api(client);
        apps = new AppsV1Api(client);
        coordination = new CoordinationV1Api(client);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static String namespace() throws ApiException {
        String ns = "crud-" + SEQ.incrementAndGet();
        core.createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name(ns))).execute();
        return ns;
    }

    static V1ConfigMap configMap(String name, Map<String, String> labels, Map<String, String> data) {
        return new V1ConfigMap().metadata(meta(name, labels)).data(data);
    }

    @Test
    void aConfigMapIsCreatedReadReplacedAndDeleted() throws ApiException {
        String ns = namespace();
        V1ConfigMap created = core.createNamespacedConfigMap(ns, configMap("app", Map.of("tier", "web"),
                Map.of("k", "v1"))).execute();
        assertThat(created.getMetadata().getUid()).isNotBlank();
        assertThat(created.getMetadata().getResourceVersion()).isNotBlank();
        assertThat(created.getMetadata().getNamespace()).isEqualTo(ns);

        V1ConfigMap read = core.readNamespacedConfigMap("app", ns).execute();
        assertThat(read.getData()).containsExactly(Map.entry("k", "v1"));
        assertThat(read.getMetadata().getLabels()).containsExactly(Map.entry("tier", "web"));

        read.setData(Map.of("k", "v2"));
        V1ConfigMap replaced = core.replaceNamespacedConfigMap("app", ns, read).execute();
        assertThat(replaced.getData()).containsExactly(Map.entry("k", "v2"));
        assertThat(Long.parseLong(replaced.getMetadata().getResourceVersion()))
                .isGreaterThan(Long.parseLong(created.getMetadata().getResourceVersion()));
        assertThat(replaced.getMetadata().getUid()).isEqualTo(created.getMetadata().getUid());

        V1Status deleted = core.deleteNamespacedConfigMap("app", ns).execute();
        assertThat(deleted.getStatus()).isEqualTo("Success");
        assertThat(deleted.getDetails().getName()).isEqualTo("app");
        ApiException gone = catchThrowableOfType(ApiException.class,
                () -> core.readNamespacedConfigMap("app", ns).execute());
        assertThat(gone.getCode()).isEqualTo(404);
        assertThat(status(gone).getMessage()).isEqualTo("configmaps \"app\" not found");
        assertThat(status(gone).getReason()).isEqualTo("NotFound");
    }

    @Test
    void theEmptyMapsAndMicrosecondTimestampClientJavaSendsRoundTrip() throws ApiException {
        String ns = namespace();
        // client-java's models start with empty maps and lists; they are sent as {} and [] on create
        V1ConfigMap body = new V1ConfigMap().metadata(new V1ObjectMeta().name("empty")
                .labels(new HashMap<>()).annotations(new HashMap<>()).finalizers(new ArrayList<>())
                .ownerReferences(new ArrayList<>())).data(new HashMap<>()).binaryData(new HashMap<>());
        V1ConfigMap created = core.createNamespacedConfigMap(ns, body).execute();
        OffsetDateTime createdAt = created.getMetadata().getCreationTimestamp();
        assertThat(createdAt).isNotNull();

        V1ConfigMap read = core.readNamespacedConfigMap("empty", ns).execute();
        assertThat(read.getMetadata().getFinalizers()).isNullOrEmpty();
        // a replace sends creationTimestamp with microseconds (".000000Z"); the server keeps its own value
        read.getMetadata().setCreationTimestamp(createdAt.withNano(123_456_000));
        read.getMetadata().setAnnotations(new HashMap<>());
        read.getMetadata().setLabels(new HashMap<>());
        read.setData(new HashMap<>(Map.of("added", "yes")));
        V1ConfigMap replaced = core.replaceNamespacedConfigMap("empty", ns, read).execute();
        assertThat(replaced.getData()).containsExactly(Map.entry("added", "yes"));
        assertThat(replaced.getMetadata().getCreationTimestamp()).isEqualTo(createdAt);
        assertThat(core.readNamespacedConfigMap("empty", ns).execute().getMetadata().getCreationTimestamp())
                .isEqualTo(createdAt);
    }

    @Test
    void secretBinaryDataRoundTripsByteForByte() throws ApiException {
        String ns = namespace();
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        V1Secret created = core.createNamespacedSecret(ns, new V1Secret().metadata(new V1ObjectMeta().name("bin"))
                .data(Map.of("blob", all, "empty", new byte[0]))).execute();
        assertThat(created.getType()).isEqualTo("Opaque");

        V1Secret read = core.readNamespacedSecret("bin", ns).execute();
        assertThat(read.getData().get("blob")).isEqualTo(all);
        assertThat(read.getData().get("empty")).isEmpty();

        read.setData(new HashMap<>(Map.of("blob", new byte[] {0, (byte) 0xff, 0x7f})));
        core.replaceNamespacedSecret("bin", ns, read).execute();
        assertThat(core.readNamespacedSecret("bin", ns).execute().getData())
                .containsOnlyKeys("blob")
                .hasEntrySatisfying("blob", v -> assertThat(v).containsExactly(0, 0xff, 0x7f));
    }

    @Test
    void aLeaseKeepsItsMicrosecondRenewTimeAndIsRenewedWithReplace() throws ApiException {
        String ns = namespace();
        OffsetDateTime acquired = OffsetDateTime.of(2026, 3, 1, 12, 0, 0, 123_456_000, ZoneOffset.UTC);
        V1Lease created = coordination.createNamespacedLease(ns, new V1Lease()
                .metadata(new V1ObjectMeta().name("leader"))
                .spec(new V1LeaseSpec().holderIdentity("a").leaseDurationSeconds(15).acquireTime(acquired)
                        .renewTime(acquired).leaseTransitions(0))).execute();
        assertThat(created.getSpec().getHolderIdentity()).isEqualTo("a");

        V1Lease read = coordination.readNamespacedLease("leader", ns).execute();
        assertThat(read.getSpec().getAcquireTime()).isEqualTo(acquired);
        assertThat(read.getSpec().getRenewTime()).isEqualTo(acquired);

        OffsetDateTime renewed = acquired.plusSeconds(5).withNano(654_321_000);
        read.getSpec().setRenewTime(renewed);
        read.getSpec().setHolderIdentity("b");
        read.getSpec().setLeaseTransitions(1);
        coordination.replaceNamespacedLease("leader", ns, read).execute();
        V1Lease after = coordination.readNamespacedLease("leader", ns).execute();
        assertThat(after.getSpec().getRenewTime()).isEqualTo(renewed);
        assertThat(after.getSpec().getHolderIdentity()).isEqualTo("b");
        assertThat(after.getSpec().getLeaseTransitions()).isEqualTo(1);

        coordination.deleteNamespacedLease("leader", ns).execute();
        assertThat(catchThrowableOfType(ApiException.class,
                () -> coordination.readNamespacedLease("leader", ns).execute()).getCode()).isEqualTo(404);
    }

    @Test
    void aDeploymentIsDefaultedScaledAndCountsGenerations() throws ApiException {
        String ns = namespace();
        V1Deployment d = new V1Deployment().metadata(new V1ObjectMeta().name("web"))
                .spec(new V1DeploymentSpec().selector(new V1LabelSelector().matchLabels(Map.of("app", "web")))
                        .template(new V1PodTemplateSpec().metadata(new V1ObjectMeta().labels(Map.of("app", "web")))
                                .spec(new V1PodSpec().containers(List.of(new V1Container().name("c")
                                        .image("nginx:1.27"))))));
        V1Deployment created = apps.createNamespacedDeployment(ns, d).execute();
        assertThat(created.getSpec().getReplicas()).isEqualTo(1);
        assertThat(created.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);

        V1Deployment read = apps.readNamespacedDeployment("web", ns).execute();
        read.getSpec().getTemplate().getSpec().getContainers().getFirst().setImage("nginx:1.28");
        V1Deployment replaced = apps.replaceNamespacedDeployment("web", ns, read).execute();
        assertThat(replaced.getMetadata().getGeneration()).isEqualTo(2L);

        assertThat(apps.readNamespacedDeploymentScale("web", ns).execute().getSpec().getReplicas()).isEqualTo(1);
        V1Scale scaled = PatchUtils.patch(V1Scale.class, () -> apps.patchNamespacedDeploymentScale("web", ns,
                new V1Patch("{\"spec\":{\"replicas\":3}}")).buildCall(null),
                V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, client);
        assertThat(scaled.getSpec().getReplicas()).isEqualTo(3);
        assertThat(apps.readNamespacedDeployment("web", ns).execute().getSpec().getReplicas()).isEqualTo(3);

        apps.deleteNamespacedDeployment("web", ns).execute();
        assertThat(apps.listNamespacedDeployment(ns).execute().getItems()).isEmpty();
    }

    @Test
    void aReplaceWithAStaleResourceVersionFailsWithKubesConflictStatus() throws ApiException {
        String ns = namespace();
        V1ConfigMap first = core.createNamespacedConfigMap(ns, configMap("cm", Map.of(), Map.of("a", "1")))
                .execute();
        V1ConfigMap fresh = core.readNamespacedConfigMap("cm", ns).execute();
        fresh.setData(Map.of("a", "2"));
        core.replaceNamespacedConfigMap("cm", ns, fresh).execute();

        first.setData(Map.of("a", "stale"));
        ApiException e = catchThrowableOfType(ApiException.class,
                () -> core.replaceNamespacedConfigMap("cm", ns, first).execute());
        assertThat(e.getCode()).isEqualTo(409);
        V1Status s = status(e);
        assertThat(s.getReason()).isEqualTo("Conflict");
        assertThat(s.getMessage()).isEqualTo("Operation cannot be fulfilled on configmaps \"cm\": the object has been"
                + " modified; please apply your changes to the latest version and try again");
        assertThat(core.readNamespacedConfigMap("cm", ns).execute().getData()).containsExactly(Map.entry("a", "2"));
    }

    @Test
    void ofTwoUpdatersRacingFromTheSameReadExactlyOneGetsAConflict() throws Exception {
        String ns = namespace();
        core.createNamespacedConfigMap(ns, configMap("race", Map.of(), Map.of("n", "0"))).execute();
        V1ConfigMap base = core.readNamespacedConfigMap("race", ns).execute();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (String writer : List.of("a", "b")) {
                V1ConfigMap mine = new V1ConfigMap().metadata(new V1ObjectMeta().name("race")
                        .resourceVersion(base.getMetadata().getResourceVersion())).data(Map.of("n", writer));
                Callable<Integer> update = () -> {
                    go.await();
                    try {
                        core.replaceNamespacedConfigMap("race", ns, mine).execute();
                        return 200;
                    } catch (ApiException e) {
                        return e.getCode();
                    }
                };
                results.add(pool.submit(update));
            }
            go.countDown();
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> f : results) {
                codes.add(f.get());
            }
            assertThat(codes).containsExactlyInAnyOrder(200, 409);
        } finally {
            pool.shutdownNow();
        }
        assertThat(core.readNamespacedConfigMap("race", ns).execute().getData().get("n")).isIn("a", "b");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {V1Patch.PATCH_FORMAT_JSON_PATCH, V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH,
            V1Patch.PATCH_FORMAT_STRATEGIC_MERGE_PATCH})
    void patchUtilsPatchesAConfigMapWithEachPatchType(String format) throws ApiException {
        String ns = namespace();
        core.createNamespacedConfigMap(ns, configMap("p", Map.of("keep", "yes"), Map.of("a", "1", "b", "2")))
                .execute();
        String body = format.equals(V1Patch.PATCH_FORMAT_JSON_PATCH)
                ? "[{\"op\":\"replace\",\"path\":\"/data/a\",\"value\":\"10\"},{\"op\":\"remove\",\"path\":\"/data/b\"},"
                        + "{\"op\":\"add\",\"path\":\"/metadata/labels/patched\",\"value\":\"true\"}]"
                : "{\"data\":{\"a\":\"10\",\"b\":null},\"metadata\":{\"labels\":{\"patched\":\"true\"}}}";
        V1ConfigMap patched = PatchUtils.patch(V1ConfigMap.class,
                () -> core.patchNamespacedConfigMap("p", ns, new V1Patch(body)).buildCall(null), format, client);
        assertThat(patched.getData()).containsExactly(Map.entry("a", "10"));
        assertThat(patched.getMetadata().getLabels()).containsOnly(Map.entry("keep", "yes"),
                Map.entry("patched", "true"));
        assertThat(core.readNamespacedConfigMap("p", ns).execute().getData()).containsExactly(Map.entry("a", "10"));
    }

    @Test
    void aJsonPatchTestOperationThatFailsLeavesTheObjectAlone() throws ApiException {
        String ns = namespace();
        core.createNamespacedConfigMap(ns, configMap("t", Map.of(), Map.of("a", "1"))).execute();
        ApiException e = catchThrowableOfType(ApiException.class, () -> PatchUtils.patch(V1ConfigMap.class,
                () -> core.patchNamespacedConfigMap("t", ns, new V1Patch(
                        "[{\"op\":\"test\",\"path\":\"/data/a\",\"value\":\"2\"},"
                                + "{\"op\":\"replace\",\"path\":\"/data/a\",\"value\":\"3\"}]")).buildCall(null),
                V1Patch.PATCH_FORMAT_JSON_PATCH, client));
        assertThat(e.getCode()).isEqualTo(422);
        assertThat(core.readNamespacedConfigMap("t", ns).execute().getData()).containsExactly(Map.entry("a", "1"));
    }

    @Test
    void deleteCollectionRemovesOnlyTheObjectsMatchingTheLabelSelector() throws ApiException {
        String ns = namespace();
        for (int i = 0; i < 3; i++) {
            core.createNamespacedConfigMap(ns, configMap("batch-" + i, Map.of("batch", "x"), Map.of())).execute();
        }
        core.createNamespacedConfigMap(ns, configMap("other", Map.of("batch", "y"), Map.of())).execute();
        core.createNamespacedConfigMap(ns, configMap("plain", Map.of(), Map.of())).execute();

        core.deleteCollectionNamespacedConfigMap(ns).labelSelector("batch=x").execute();

        assertThat(core.listNamespacedConfigMap(ns).execute().getItems())
                .extracting(c -> c.getMetadata().getName()).containsExactlyInAnyOrder("other", "plain");
    }

    @Test
    void dryRunCreateReplaceAndDeletePersistNothing() throws ApiException {
        String ns = namespace();
        V1ConfigMap dry = core.createNamespacedConfigMap(ns, configMap("dry", Map.of(), Map.of("a", "1")))
                .dryRun("All").execute();
        assertThat(dry.getMetadata().getName()).isEqualTo("dry");
        assertThat(catchThrowableOfType(ApiException.class,
                () -> core.readNamespacedConfigMap("dry", ns).execute()).getCode()).isEqualTo(404);

        V1ConfigMap real = core.createNamespacedConfigMap(ns, configMap("real", Map.of(), Map.of("a", "1")))
                .execute();
        real.setData(Map.of("a", "changed"));
        V1ConfigMap dryReplaced = core.replaceNamespacedConfigMap("real", ns, real).dryRun("All").execute();
        assertThat(dryReplaced.getData()).containsExactly(Map.entry("a", "changed"));
        V1ConfigMap stored = core.readNamespacedConfigMap("real", ns).execute();
        assertThat(stored.getData()).containsExactly(Map.entry("a", "1"));
        assertThat(stored.getMetadata().getResourceVersion()).isEqualTo(real.getMetadata().getResourceVersion());

        core.deleteNamespacedConfigMap("real", ns).dryRun("All").execute();
        assertThat(core.readNamespacedConfigMap("real", ns).execute().getMetadata().getResourceVersion())
                .isEqualTo(real.getMetadata().getResourceVersion());
    }

    @Test
    void creatingAnExistingNameFailsWithAlreadyExists() throws ApiException {
        String ns = namespace();
        core.createNamespacedConfigMap(ns, configMap("dup", Map.of(), Map.of())).execute();
        ApiException e = catchThrowableOfType(ApiException.class,
                () -> core.createNamespacedConfigMap(ns, configMap("dup", Map.of(), Map.of())).execute());
        assertThat(e.getCode()).isEqualTo(409);
        assertThat(status(e).getReason()).isEqualTo("AlreadyExists");
        assertThat(status(e).getMessage()).isEqualTo("configmaps \"dup\" already exists");
    }

    @Test
    void aNamespaceIsCreatedListedAndOnDeleteTerminatesAndDisappearsWithItsContent() throws ApiException {
        String ns = namespace();
        core.createNamespacedConfigMap(ns, configMap("inside", Map.of(), Map.of())).execute();
        core.createNamespacedSecret(ns, new V1Secret().metadata(new V1ObjectMeta().name("s"))).execute();
        V1Namespace read = core.readNamespace(ns).execute();
        assertThat(read.getStatus().getPhase()).isEqualTo("Active");
        assertThat(read.getMetadata().getLabels()).containsEntry("kubernetes.io/metadata.name", ns);
        assertThat(core.listNamespace().execute().getItems()).extracting(n -> n.getMetadata().getName())
                .contains(ns, "default");

        core.deleteNamespace(ns).execute();
        V1Namespace terminating = core.readNamespace(ns).execute();
        assertThat(terminating.getStatus().getPhase()).isEqualTo("Terminating");
        assertThat(terminating.getMetadata().getDeletionTimestamp()).isNotNull();

        assertThat(eventually(30, () -> notFound(() -> core.readNamespace(ns).execute()))).isTrue();
        assertThat(core.listConfigMapForAllNamespaces().fieldSelector("metadata.namespace=" + ns).execute()
                .getItems()).isEmpty();
        assertThat(core.listSecretForAllNamespaces().fieldSelector("metadata.namespace=" + ns).execute()
                .getItems()).isEmpty();
    }

    @Test
    void creatingInATerminatingNamespaceIsForbiddenWithKubesMessage() throws ApiException {
        String ns = namespace();
        // a finalizer of our own keeps the namespace in Terminating for as long as the test needs
        core.createNamespacedConfigMap(ns, new V1ConfigMap().metadata(new V1ObjectMeta().name("held")
                .finalizers(List.of("example.com/hold")))).execute();
        core.deleteNamespace(ns).execute();

        ApiException e = catchThrowableOfType(ApiException.class,
                () -> core.createNamespacedConfigMap(ns, configMap("late", Map.of(), Map.of())).execute());
        assertThat(e.getCode()).isEqualTo(403);
        assertThat(status(e).getReason()).isEqualTo("Forbidden");
        assertThat(status(e).getMessage()).isEqualTo("configmaps \"late\" is forbidden: unable to create new content"
                + " in namespace " + ns + " because it is being terminated");

        PatchUtils.patch(V1ConfigMap.class, () -> core.patchNamespacedConfigMap("held", ns,
                new V1Patch("{\"metadata\":{\"finalizers\":null}}")).buildCall(null),
                V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, client);
        assertThat(eventually(30, () -> notFound(() -> core.readNamespace(ns).execute()))).isTrue();
    }

    @Test
    void deletingTheDefaultNamespaceIsForbidden() {
        ApiException e = catchThrowableOfType(ApiException.class, () -> core.deleteNamespace("default").execute());
        assertThat(e.getCode()).isEqualTo(403);
        assertThat(status(e).getMessage()).isEqualTo("namespaces \"default\" is forbidden: this namespace may not be"
                + " deleted");
    }

    interface Call {
        void run() throws ApiException;
    }

    static boolean notFound(Call c) {
        try {
            c.run();
            return false;
        } catch (ApiException e) {
            return e.getCode() == 404;
        }
    }

    @Test
    void anUnknownNamespaceOnCreateIsNotFound() {
        assertThatThrownBy(() -> core.createNamespacedConfigMap("no-such-ns", configMap("x", Map.of(), Map.of()))
                .execute()).isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(404);
                    assertThat(status(e).getMessage()).isEqualTo("namespaces \"no-such-ns\" not found");
                });
    }
}
