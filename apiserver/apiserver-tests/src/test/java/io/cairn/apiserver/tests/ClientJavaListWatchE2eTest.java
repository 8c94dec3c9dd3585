package io.cairn.apiserver.tests;

import static io.cairn.apiserver.tests.JavaClients.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.reflect.TypeToken;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ConfigMapList;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.util.PatchUtils;
import io.kubernetes.client.util.Watch;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * client-java listing (selectors, {@code limit}/{@code _continue}) and watching ({@code Watch.createWatch}) against
 * a real {@code cairn server}, including the 410 answers that make clients relist.
 *
 * <p>Why: controllers written with client-java page through lists, resume watches from a resourceVersion and
 * must be told, in kube's words, when a version is gone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClientJavaListWatchE2eTest {
    private static final Type CONFIG_MAP_EVENT = new TypeToken<Watch.Response<V1ConfigMap>>() { }.getType();
    @TempDir
    static Path dir;
    static CairnServer server;
    static ApiClient client;
    static CoreV1Api core;
    static final AtomicInteger SEQ = new AtomicInteger();

    @BeforeAll
    static void start() {
        server = CairnServer.start(dir);
        client = JavaClients.of(server);
        core = new CoreV1Api(client);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static String namespace() throws ApiException {
        String ns = "lw-" + SEQ.incrementAndGet();
        core.createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name(ns))).execute();
        return ns;
    }

    static V1ConfigMap create(String ns, String name, Map<String, String> labels) throws ApiException {
        return core.createNamespacedConfigMap(ns, new V1ConfigMap()
                .metadata(new V1ObjectMeta().name(name).labels(labels)).data(Map.of("n", name))).execute();
    }

    static Watch<V1ConfigMap> watch(String ns, String resourceVersion) throws ApiException {
        return Watch.createWatch(client, core.listNamespacedConfigMap(ns).watch(true)
                .resourceVersion(resourceVersion).timeoutSeconds(30).buildCall(null), CONFIG_MAP_EVENT);
    }

    static List<String> names(V1ConfigMapList list) {
        return list.getItems().stream().map(c -> c.getMetadata().getName()).toList();
    }

    @ParameterizedTest(name = "label {0} field {1}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "tier=web         | -                     | a,b",
        "tier!=web        | -                     | c,d",
        "tier in (db,web) | -                     | a,b,c",
        "!tier            | -                     | d",
        "tier             | metadata.name!=a      | b,c",
        "-                | metadata.name=c       | c",
        "tier=web         | metadata.name=b       | b",
    })
    @Order(1)
    void listHonoursLabelAndFieldSelectors(String label, String field, String expected) throws ApiException {
        String ns = namespace();
        create(ns, "a", Map.of("tier", "web"));
        create(ns, "b", Map.of("tier", "web"));
        create(ns, "c", Map.of("tier", "db"));
        create(ns, "d", Map.of());
        var request = core.listNamespacedConfigMap(ns);
        if (label != null) {
            request.labelSelector(label);
        }
        if (field != null) {
            request.fieldSelector(field);
        }
        assertThat(names(request.execute())).containsExactlyInAnyOrder(expected.split(","));
    }

    @Test
    @Order(1)
    void pagesAreServedAtTheFirstPagesResourceVersionWithRemainingItemCount() throws ApiException {
        String ns = namespace();
        for (int i = 0; i < 5; i++) {
            create(ns, "item-" + i, Map.of());
        }
        V1ConfigMapList first = core.listNamespacedConfigMap(ns).limit(2).execute();
        assertThat(names(first)).containsExactly("item-0", "item-1");
        assertThat(first.getMetadata().getContinue()).isNotBlank();
        assertThat(first.getMetadata().getRemainingItemCount()).isEqualTo(3L);

        // changes after the first page are not part of this list
        create(ns, "item-5", Map.of());
        core.deleteNamespacedConfigMap("item-4", ns).execute();

        List<String> all = new ArrayList<>(names(first));
        String token = first.getMetadata().getContinue();
        List<Long> remaining = new ArrayList<>();
        while (token != null && !token.isEmpty()) {
            V1ConfigMapList page = core.listNamespacedConfigMap(ns).limit(2)._continue(token).execute();
            assertThat(page.getMetadata().getResourceVersion()).isEqualTo(first.getMetadata().getResourceVersion());
            all.addAll(names(page));
            remaining.add(page.getMetadata().getRemainingItemCount());
            token = page.getMetadata().getContinue();
        }
        assertThat(all).containsExactly("item-0", "item-1", "item-2", "item-3", "item-4");
        assertThat(remaining).containsExactly(1L, null);
        assertThat(names(core.listNamespacedConfigMap(ns).execute()))
                .containsExactly("item-0", "item-1", "item-2", "item-3", "item-5");
    }

    @Test
    @Order(1)
    void aWatchDeliversOneEventPerChangeAndResumesFromAResourceVersion() throws Exception {
        String ns = namespace();
        V1ConfigMapList empty = core.listNamespacedConfigMap(ns).execute();
        String listRv = empty.getMetadata().getResourceVersion();
        V1ConfigMap a = create(ns, "a", Map.of());
        PatchUtils.patch(V1ConfigMap.class, () -> core.patchNamespacedConfigMap("a", ns,
                new V1Patch("{\"data\":{\"n\":\"changed\"}}")).buildCall(null),
                V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, client);
        core.deleteNamespacedConfigMap("a", ns).execute();

        List<String> seen = new ArrayList<>();
        String lastRv;
        try (Watch<V1ConfigMap> w = watch(ns, listRv)) {
            for (int i = 0; i < 3; i++) {
                Watch.Response<V1ConfigMap> ev = w.next();
                seen.add(ev.type + " " + ev.object.getMetadata().getName() + " "
                        + ev.object.getData().get("n"));
            }
            lastRv = null;
        }
        assertThat(seen).containsExactly("ADDED a a", "MODIFIED a changed", "DELETED a changed");

        // resume after the ADDED event: only the later two arrive
        try (Watch<V1ConfigMap> w = watch(ns, a.getMetadata().getResourceVersion())) {
            Watch.Response<V1ConfigMap> first = w.next();
            Watch.Response<V1ConfigMap> second = w.next();
            assertThat(List.of(first.type, second.type)).containsExactly("MODIFIED", "DELETED");
            lastRv = second.object.getMetadata().getResourceVersion();
        }
        assertThat(Long.parseLong(lastRv)).isGreaterThan(Long.parseLong(a.getMetadata().getResourceVersion()));
    }

    @Test
    @Order(1)
    void aWatchWithoutResourceVersionStartsWithTheCurrentObjectsAsAdded() throws Exception {
        String ns = namespace();
        create(ns, "x", Map.of());
        create(ns, "y", Map.of());
        try (Watch<V1ConfigMap> w = Watch.createWatch(client, core.listNamespacedConfigMap(ns).watch(true)
                .timeoutSeconds(30).buildCall(null), CONFIG_MAP_EVENT)) {
            List<String> initial = List.of(w.next(), w.next()).stream()
                    .map(e -> e.type + " " + e.object.getMetadata().getName()).toList();
            assertThat(initial).containsExactlyInAnyOrder("ADDED x", "ADDED y");
            create(ns, "z", Map.of());
            Watch.Response<V1ConfigMap> next = w.next();
            assertThat(next.type + " " + next.object.getMetadata().getName()).isEqualTo("ADDED z");
        }
    }

    @Test
    @Order(1)
    void aWatchWithALabelSelectorSeesObjectsEnterAndLeaveTheSelection() throws Exception {
        String ns = namespace();
        String rv = core.listNamespacedConfigMap(ns).execute().getMetadata().getResourceVersion();
        create(ns, "m", Map.of("pick", "no"));
        PatchUtils.patch(V1ConfigMap.class, () -> core.patchNamespacedConfigMap("m", ns,
                new V1Patch("{\"metadata\":{\"labels\":{\"pick\":\"yes\"}}}")).buildCall(null),
                V1Patch.PATCH_FORMAT_STRATEGIC_MERGE_PATCH, client);
        PatchUtils.patch(V1ConfigMap.class, () -> core.patchNamespacedConfigMap("m", ns,
                new V1Patch("{\"metadata\":{\"labels\":{\"pick\":\"no\"}}}")).buildCall(null),
                V1Patch.PATCH_FORMAT_STRATEGIC_MERGE_PATCH, client);
        try (Watch<V1ConfigMap> w = Watch.createWatch(client, core.listNamespacedConfigMap(ns).watch(true)
                .labelSelector("pick=yes").resourceVersion(rv).timeoutSeconds(30).buildCall(null),
                CONFIG_MAP_EVENT)) {
            assertThat(List.of(w.next().type, w.next().type)).containsExactly("ADDED", "DELETED");
        }
    }

    @Test
    @Order(1)
    void deletingAnObjectWithAFinalizerMarksItAndRemovingTheFinalizerDeletesIt() throws Exception {
        String ns = namespace();
        V1ConfigMap held = core.createNamespacedConfigMap(ns, new V1ConfigMap().metadata(new V1ObjectMeta()
                .name("held").finalizers(List.of("example.com/hold")))).execute();

        // kube answers such a delete with the object itself; client-java's V1Status type cannot hold it, so the
        // call is made raw
        try (okhttp3.Response r = core.deleteNamespacedConfigMap("held", ns).buildCall(null).execute()) {
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.body().string()).contains("\"deletionTimestamp\"");
        }
        V1ConfigMap marked = core.readNamespacedConfigMap("held", ns).execute();
        assertThat(marked.getMetadata().getDeletionTimestamp()).isNotNull();
        assertThat(marked.getMetadata().getFinalizers()).containsExactly("example.com/hold");

        try (Watch<V1ConfigMap> w = watch(ns, held.getMetadata().getResourceVersion())) {
            assertThat(w.next().type).isEqualTo("MODIFIED");
            PatchUtils.patch(V1ConfigMap.class, () -> core.patchNamespacedConfigMap("held", ns,
                    new V1Patch("[{\"op\":\"remove\",\"path\":\"/metadata/finalizers\"}]")).buildCall(null),
                    V1Patch.PATCH_FORMAT_JSON_PATCH, client);
            Watch.Response<V1ConfigMap> deleted = w.next();
            assertThat(deleted.type).isEqualTo("DELETED");
            assertThat(deleted.object.getMetadata().getName()).isEqualTo("held");
        }
        assertThat(catchThrowableOfType(ApiException.class,
                () -> core.readNamespacedConfigMap("held", ns).execute()).getCode()).isEqualTo(404);
    }

    @Test
    @Order(2)
    void aContinueTokenOlderThanTheCompactedRevisionIsExpired() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/etcdctl")) || onPath("etcdctl"), "etcdctl not installed");
        String ns = namespace();
        for (int i = 0; i < 3; i++) {
            create(ns, "c" + i, Map.of());
        }
        V1ConfigMapList first = core.listNamespacedConfigMap(ns).limit(1).execute();
        V1ConfigMap later = create(ns, "after", Map.of());
        etcdctl("compact", later.getMetadata().getResourceVersion());

        ApiException e = catchThrowableOfType(ApiException.class, () -> core.listNamespacedConfigMap(ns).limit(1)
                ._continue(first.getMetadata().getContinue()).execute());
        assertThat(e.getCode()).isEqualTo(410);
        assertThat(status(e).getReason()).isEqualTo("Expired");
        assertThat(status(e).getMessage()).startsWith("The provided continue parameter is too old to display a"
                + " consistent list result.");
        // a fresh list still works
        assertThat(names(core.listNamespacedConfigMap(ns).execute())).containsExactly("after", "c0", "c1", "c2");
    }

    @Test
    @Order(3)
    void afterARestartAWatchFromAnOlderResourceVersionGetsAn410ErrorEvent() throws Exception {
        String ns = namespace();
        V1ConfigMap old = create(ns, "old", Map.of());
        V1ConfigMap newer = create(ns, "newer", Map.of());
        server.kill();
        server.restart();
        String current = core.listNamespacedConfigMap(ns).execute().getMetadata().getResourceVersion();
        assertThat(Long.parseLong(current)).isGreaterThanOrEqualTo(Long.parseLong(newer.getMetadata()
                .getResourceVersion()));

        String rv = old.getMetadata().getResourceVersion();
        try (Watch<V1ConfigMap> w = watch(ns, rv)) {
            Watch.Response<V1ConfigMap> ev = w.next();
            assertThat(ev.type).isEqualTo("ERROR");
            assertThat(ev.status.getCode()).isEqualTo(410);
            assertThat(ev.status.getReason()).isEqualTo("Expired");
            assertThat(ev.status.getStatus()).isEqualTo("Failure");
            assertThat(ev.status.getMessage()).matches("too old resource version: " + rv + " \\((\\d+)\\)");
            long oldest = Long.parseLong(ev.status.getMessage().replaceAll(".*\\((\\d+)\\)", "$1"));
            assertThat(oldest).isGreaterThan(Long.parseLong(rv));
        }
        // a watch from the current revision works after the restart
        V1ConfigMap fresh = create(ns, "fresh", Map.of());
        try (Watch<V1ConfigMap> w = watch(ns, current)) {
            Watch.Response<V1ConfigMap> ev = w.next();
            assertThat(ev.type + " " + ev.object.getMetadata().getName()).isEqualTo("ADDED fresh");
            assertThat(ev.object.getMetadata().getResourceVersion())
                    .isEqualTo(fresh.getMetadata().getResourceVersion());
        }
    }

    @Test
    @Order(1)
    void aWatchWithNothingPendingAnswersAtOnceSoTheClientCanReturnFromCreateWatch() throws Exception {
        String ns = namespace();
        String rv = core.listNamespacedConfigMap(ns).execute().getMetadata().getResourceVersion();
        try (Watch<V1ConfigMap> w = watch(ns, rv)) {
            create(ns, "later", Map.of());
            assertThat(w.next().object.getMetadata().getName()).isEqualTo("later");
        }
    }

    private static boolean onPath(String exe) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, exe))) {
                return true;
            }
        }
        return false;
    }

    private static void etcdctl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("etcdctl", "--endpoints", server.storeEndpoint()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("ETCDCTL_API", "3");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("etcdctl %s: %s", cmd, out).isZero();
    }
}
