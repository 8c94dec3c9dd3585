package io.cairn.apiserver.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.informer.cache.Lister;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ConfigMapList;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client-java shared informer on the ConfigMaps of one namespace, against a real {@code cairn server} that is
 * killed and restarted under it.
 *
 * <p>Why: controllers keep their state in an informer's cache. It must fill from the initial list, follow every
 * change through the watch, and, when the server is killed and comes back without the informer's resourceVersion in
 * its window, relist, after which its cache must match the server again: nothing lost, nothing stale.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClientJavaInformerE2eTest {
    private static final String NS = "informed";
    @TempDir
    static Path dir;
    static CairnServer server;
    static CoreV1Api core;
    static SharedInformerFactory factory;
    static SharedIndexInformer<V1ConfigMap> informer;
    static final List<String> EVENTS = new CopyOnWriteArrayList<>();
    static final AtomicInteger LISTS = new AtomicInteger();
    static final AtomicInteger WATCHES = new AtomicInteger();
    static final List<String> REQUESTS = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws ApiException {
        server = CairnServer.start(dir);
        core = new CoreV1Api(JavaClients.of(server));
        core.createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name(NS))).execute();
        core.createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name("elsewhere"))).execute();
        create("a");
        create("b");

        ApiClient watching = JavaClients.of(server);
        watching.setHttpClient(watching.getHttpClient().newBuilder().readTimeout(0, TimeUnit.SECONDS)
                .addInterceptor(ClientJavaInformerE2eTest::count).build());
        CoreV1Api informerApi = new CoreV1Api(watching);
        factory = new SharedInformerFactory(watching);
        informer = factory.sharedIndexInformerFor(params -> informerApi.listNamespacedConfigMap(NS)
                .resourceVersion(params.resourceVersion).timeoutSeconds(params.timeoutSeconds)
                .watch(params.watch).buildCall(null), V1ConfigMap.class, V1ConfigMapList.class);
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(V1ConfigMap obj) {
                EVENTS.add("add " + obj.getMetadata().getName());
            }

            @Override
            public void onUpdate(V1ConfigMap oldObj, V1ConfigMap newObj) {
                EVENTS.add("update " + newObj.getMetadata().getName() + " " + newObj.getData().get("v"));
            }

            @Override
            public void onDelete(V1ConfigMap obj, boolean deletedFinalStateUnknown) {
                EVENTS.add("delete " + obj.getMetadata().getName());
            }
        });
        factory.startAllRegisteredInformers();
    }

    @AfterAll
    static void stop() {
        if (factory != null) {
            factory.stopAllRegisteredInformers();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Counts the informer's lists and watches and notes the resourceVersion each asks for. */
    private static Response count(Interceptor.Chain chain) throws IOException {
        String url = chain.request().url().toString();
        if (!url.contains("/namespaces/" + NS + "/configmaps")) {
            return chain.proceed(chain.request());
        }
        if (!url.contains("watch=true")) {
            LISTS.incrementAndGet();
            REQUESTS.add("list " + chain.request().url().queryParameter("resourceVersion"));
            return chain.proceed(chain.request());
        }
        WATCHES.incrementAndGet();
        REQUESTS.add("watch " + chain.request().url().queryParameter("resourceVersion"));
        return chain.proceed(chain.request());
    }

    static V1ConfigMap create(String name) throws ApiException {
        return create(NS, name);
    }

    static V1ConfigMap create(String ns, String name) throws ApiException {
        return core.createNamespacedConfigMap(ns, new V1ConfigMap().metadata(new V1ObjectMeta().name(name))
                .data(Map.of("v", "1"))).execute();
    }

    /** Name → resourceVersion of what the server lists now. */
    static Map<String, String> serverState() throws ApiException {
        return core.listNamespacedConfigMap(NS).execute().getItems().stream().collect(Collectors.toMap(
                c -> c.getMetadata().getName(), c -> c.getMetadata().getResourceVersion(), (x, y) -> x, TreeMap::new));
    }

    /** Name → resourceVersion of what the informer's cache holds now. */
    static Map<String, String> cacheState() {
        Lister<V1ConfigMap> lister = new Lister<>(informer.getIndexer(), NS);
        return lister.list().stream().collect(Collectors.toMap(c -> c.getMetadata().getName(),
                c -> c.getMetadata().getResourceVersion(), (x, y) -> x, TreeMap::new));
    }

    static boolean cacheMatchesServer() {
        try {
            return cacheState().equals(serverState());
        } catch (ApiException e) {
            return false;
        }
    }

    @Test
    @Order(1)
    void theInitialListDeliversAnAddForEveryExistingObject() throws ApiException {
        assertThat(JavaClients.eventually(30, informer::hasSynced)).isTrue();

        assertThat(EVENTS).containsExactlyInAnyOrder("add a", "add b");
        assertThat(cacheState()).isEqualTo(serverState());
        assertThat(LISTS.get()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void laterChangesArriveThroughTheWatchAsAddUpdateAndDelete() throws ApiException {
        assertThat(JavaClients.eventually(30, () -> WATCHES.get() >= 1)).isTrue();
        EVENTS.clear();

        create("c");
        V1ConfigMap b = core.readNamespacedConfigMap("b", NS).execute();
        core.replaceNamespacedConfigMap("b", NS, b.data(Map.of("v", "2"))).execute();
        core.deleteNamespacedConfigMap("a", NS).execute();

        assertThat(JavaClients.eventually(30, () -> EVENTS.size() >= 3)).isTrue();
        assertThat(EVENTS).containsExactly("add c", "update b 2", "delete a");
        assertThat(JavaClients.eventually(30, ClientJavaInformerE2eTest::cacheMatchesServer)).isTrue();
        assertThat(cacheState().keySet()).containsExactly("b", "c");
        assertThat(LISTS.get()).as("changes come through the watch, not relists").isEqualTo(1);
    }

    @Test
    @Order(3)
    void afterAKillAndRestartTheInformerRelistsAndItsCacheEndsEqualToTheServer() throws ApiException {
        // a change the informer does not watch moves the store past the informer's last resourceVersion, so the
        // restarted server's watch window starts after it: resuming the old watch is impossible
        create("elsewhere", "unrelated");
        int listsBefore = LISTS.get();
        EVENTS.clear();
        REQUESTS.clear();

        server.kill();
        server.restart();
        core.deleteNamespacedConfigMap("c", NS).execute();
        create("d");
        V1ConfigMap b = core.readNamespacedConfigMap("b", NS).execute();
        core.replaceNamespacedConfigMap("b", NS, b.data(Map.of("v", "3"))).execute();

        assertThat(JavaClients.eventually(60, () -> LISTS.get() > listsBefore
                && cacheMatchesServer())).as("informer cache %s, server %s", cacheState(), serverState()).isTrue();
        assertThat(cacheState().keySet()).containsExactly("b", "d");
        assertThat(server.logText()).doesNotContain("Exception");
        assertThat(EVENTS).contains("delete c", "add d", "update b 3");
        // the informer found out by relisting (client-java relists whenever its watch stream breaks), then
        // went back to watching from the relisted resourceVersion
        assertThat(REQUESTS).last().asString().startsWith("watch ");
    }
}
