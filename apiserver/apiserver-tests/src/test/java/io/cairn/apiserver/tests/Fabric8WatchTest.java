package io.cairn.apiserver.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
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
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * fabric8 watches and informers against a real {@code cairn server}: event order, resuming from a resourceVersion,
 * and an informer's list-then-watch.
 *
 * <p>Why: fabric8 opens every watch with a WebSocket upgrade and falls back to a plain HTTP watch only when the
 * handshake is answered in a way it recognises; operators are built on its informers, which list, watch from the
 * list's resourceVersion and must see every later change exactly once.
 */
@Timeout(90)
class Fabric8WatchTest {
    @TempDir
    static Path dir;
    static CairnServer server;
    static KubernetesClient client;
    private static final java.util.concurrent.atomic.AtomicInteger NAMESPACES =
            new java.util.concurrent.atomic.AtomicInteger();

    @BeforeAll
    static void start() {
        server = CairnServer.start(dir);
        client = Fabric8Clients.of(server);
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

    /** A fresh namespace per test, so that one test's objects never show up in another's watch. */
    private static String namespace(TestInfo info) {
        String method = info.getTestMethod().orElseThrow().getName().toLowerCase(java.util.Locale.ROOT);
        String name = "w" + NAMESPACES.incrementAndGet() + "-" + method.substring(0, Math.min(20, method.length()));
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                .create();
        return name;
    }

    private static ConfigMap create(String ns, String name) {
        return client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName(name)
                .endMetadata().addToData("v", "0").build()).create();
    }

    private static ConfigMap change(String ns, String name, String value) {
        return client.configMaps().inNamespace(ns).withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"v\":\"" + value + "\"}}");
    }

    @Test
    void aWatchReceivesAddedModifiedAndDeletedInOrder(TestInfo info) throws Exception {
        String ns = namespace(info);
        RecordingWatcher<ConfigMap> w = new RecordingWatcher<>();
        try (Watch watch = client.configMaps().inNamespace(ns).watch(w)) {
            ConfigMap created = create(ns, "a");
            ConfigMap modified = change(ns, "a", "1");
            client.configMaps().inNamespace(ns).withName("a").delete();

            RecordingWatcher.Event added = w.next();
            RecordingWatcher.Event changed = w.next();
            RecordingWatcher.Event deleted = w.next();

            assertThat(List.of(added.summary(), changed.summary(), deleted.summary()))
                    .containsExactly("ADDED a", "MODIFIED a", "DELETED a");
            assertThat(added.resourceVersion()).isEqualTo(created.getMetadata().getResourceVersion());
            assertThat(changed.resourceVersion()).isEqualTo(modified.getMetadata().getResourceVersion());
            assertThat(Long.parseLong(deleted.resourceVersion()))
                    .isGreaterThan(Long.parseLong(changed.resourceVersion()));
        }
    }

    @Test
    void aWatchWithoutAResourceVersionFirstReportsTheExistingObjectsAsAdded(TestInfo info) throws Exception {
        String ns = namespace(info);
        create(ns, "old-1");
        create(ns, "old-2");
        RecordingWatcher<ConfigMap> w = new RecordingWatcher<>();
        try (Watch watch = client.configMaps().inNamespace(ns).watch(w)) {
            RecordingWatcher.Event first = w.next();
            RecordingWatcher.Event second = w.next();
            create(ns, "new");

            assertThat(List.of(first.summary(), second.summary())).containsExactlyInAnyOrder("ADDED old-1",
                    "ADDED old-2");
            assertThat(w.next().summary()).isEqualTo("ADDED new");
        }
    }

    @Test
    void aWatchResumedFromAResourceVersionSeesOnlyLaterEvents(TestInfo info) throws Exception {
        String ns = namespace(info);
        create(ns, "before-1");
        String resumeAt = change(ns, "before-1", "1").getMetadata().getResourceVersion();
        create(ns, "after");
        change(ns, "before-1", "2");
        client.configMaps().inNamespace(ns).withName("after").delete();

        RecordingWatcher<ConfigMap> w = new RecordingWatcher<>();
        try (Watch watch = client.configMaps().inNamespace(ns).withResourceVersion(resumeAt).watch(w)) {
            List<String> seen = List.of(w.next().summary(), w.next().summary(), w.next().summary());
            create(ns, "sentinel");

            assertThat(seen).containsExactly("ADDED after", "MODIFIED before-1", "DELETED after");
            assertThat(w.next().summary()).isEqualTo("ADDED sentinel");
        }
    }

    @Test
    void aWatchWithALabelSelectorSeesObjectsEnterAndLeaveTheSelection(TestInfo info) throws Exception {
        String ns = namespace(info);
        RecordingWatcher<ConfigMap> w = new RecordingWatcher<>();
        try (Watch watch = client.configMaps().inNamespace(ns).withLabel("team", "blue").watch(w)) {
            create(ns, "plain");
            client.configMaps().inNamespace(ns).withName("plain")
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"team\":\"blue\"}}}");
            client.configMaps().inNamespace(ns).withName("plain")
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"team\":\"red\"}}}");

            assertThat(List.of(w.next().summary(), w.next().summary())).containsExactly("ADDED plain",
                    "DELETED plain");
        }
    }

    @Test
    void anInformerListsExistingObjectsThenDeliversUpdatesAndDeletes(TestInfo info) throws Exception {
        String ns = namespace(info);
        create(ns, "existing-1");
        create(ns, "existing-2");
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        ResourceEventHandler<ConfigMap> handler = new ResourceEventHandler<>() {
            @Override
            public void onAdd(ConfigMap obj) {
                events.add("add " + obj.getMetadata().getName());
            }

            @Override
            public void onUpdate(ConfigMap oldObj, ConfigMap newObj) {
                if (!oldObj.getMetadata().getResourceVersion().equals(newObj.getMetadata().getResourceVersion())) {
                    events.add("update " + newObj.getMetadata().getName() + " " + oldObj.getData().get("v") + "->"
                            + newObj.getData().get("v"));
                }
            }

            @Override
            public void onDelete(ConfigMap obj, boolean deletedFinalStateUnknown) {
                events.add("delete " + obj.getMetadata().getName() + (deletedFinalStateUnknown ? " (unknown)" : ""));
            }
        };
        try (SharedIndexInformer<ConfigMap> informer = client.configMaps().inNamespace(ns).inform(handler, 0)) {
            List<String> initial = List.of(take(events), take(events));
            assertThat(initial).containsExactlyInAnyOrder("add existing-1", "add existing-2");
            assertThat(informer.hasSynced()).isTrue();

            change(ns, "existing-1", "1");
            client.configMaps().inNamespace(ns).withName("existing-2").delete();
            create(ns, "created");

            assertThat(List.of(take(events), take(events), take(events)))
                    .containsExactly("update existing-1 0->1", "delete existing-2", "add created");
            assertThat(informer.getStore().listKeys()).containsExactlyInAnyOrder(ns + "/existing-1", ns + "/created");
            assertThat(informer.getStore().getByKey(ns + "/existing-1").getData()).isEqualTo(Map.of("v", "1"));
        }
    }

    private static String take(BlockingQueue<String> events) throws InterruptedException {
        String e = events.poll(20, TimeUnit.SECONDS);
        if (e == null) {
            throw new AssertionError("no informer event within 20 s");
        }
        return e;
    }
}
