package io.cairn.apiserver.crd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.apiserver.registry.Keys;
import io.cairn.apiserver.registry.ObjectCodec;
import io.cairn.apiserver.registry.Preconditions;
import io.cairn.apiserver.registry.Registry;
import io.cairn.apiserver.resource.ResourceCatalog;
import io.cairn.apiserver.resource.ResourceType;
import io.cairn.apiserver.status.StatusException;
import io.cairn.apiserver.store.ObjectStore;
import io.cairn.apiserver.store.WatchCache;
import io.cairn.apiserver.testing.StoreMember;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/** Two API servers on one store agree on the custom kinds a definition adds, and a third one loads them at start. */
@Timeout(60)
class CustomResourceDefinitionsTest {
    @TempDir
    static Path dir;
    static StoreMember member;
    static ObjectStore store;
    static final List<AutoCloseable> OPEN = new ArrayList<>();

    /** One API server's CRD machinery over the shared store. */
    record Server(ResourceCatalog catalog, Registry registry) {
        ResourceType definitions() {
            return catalog.find(CustomRules.GROUP, "v1", CustomRules.RESOURCE).orElseThrow();
        }

        Optional<ResourceType> widgets() {
            return catalog.find("example.com", "v1", "widgets");
        }
    }

    @BeforeAll
    static void start() {
        member = StoreMember.start(dir.resolve("store"));
        store = new ObjectStore(member.channel(), Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : OPEN.reversed()) {
            c.close();
        }
        member.close();
    }

    static Server server() {
        ResourceCatalog catalog = ResourceCatalog.builtIn();
        CustomResourceDefinitions crds = CustomResourceDefinitions.create(catalog, Clock.systemUTC());
        Registry registry = new Registry(store, new Keys("/registry"), catalog, Clock.systemUTC(),
                new SplittableRandom(1), crds.rules());
        registry.ensureNamespaces(List.of("default"));
        WatchCache cache = new WatchCache(member.channel(), store, "/registry/", 10_000, ObjectCodec::decode);
        cache.start();
        ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor();
        crds.start(store, registry, cache, background, r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        });
        OPEN.add(cache);
        OPEN.add(background::shutdownNow);
        OPEN.add(crds);
        return new Server(catalog, registry);
    }

    static ObjectNode json(String text) {
        return (ObjectNode) ObjectCodec.JSON.readTree(text);
    }

    static void eventually(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition not met in time").isBefore(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void serversOnOneStoreServeDefineAndCleanUpTogether() throws Exception {
        Server a = server();
        Server b = server();
        a.registry().create(a.definitions(), "", json("""
                {"metadata":{"name":"widgets.example.com"},"spec":{"group":"example.com","scope":"Namespaced",
                 "names":{"plural":"widgets","kind":"Widget"},"versions":[{"name":"v1","served":true,"storage":true,
                 "schema":{"openAPIV3Schema":{"type":"object","properties":{"spec":{"type":"object","properties":{
                 "replicas":{"type":"integer","default":1}}}}}}}]}}
                """), false);
        eventually(() -> a.widgets().isPresent() && b.widgets().isPresent());

        ObjectNode w = b.registry().create(b.widgets().get(), "default",
                json("{\"metadata\":{\"name\":\"w1\"},\"spec\":{\"other\":1}}"), false);
        assertThat(w.get("spec")).isEqualTo(json("{\"replicas\":1}"));
        assertThatThrownBy(() -> a.registry().create(a.widgets().get(), "default",
                json("{\"metadata\":{\"name\":\"w2\"},\"spec\":{\"replicas\":\"x\"}}"), false))
                .isInstanceOfSatisfying(StatusException.class, e -> assertThat(e.getMessage()).isEqualTo(
                        "Widget.example.com \"w2\" is invalid: spec.replicas: Invalid value: \"string\":"
                                + " spec.replicas in body must be of type integer: \"string\""));

        Server c = server();
        assertThat(c.widgets()).as("a server started later loads the definition").isPresent();
        assertThat(c.registry().get(c.widgets().get(), "default", "w1").path("spec").path("replicas").asInt())
                .isEqualTo(1);

        ObjectNode deleting = a.registry().delete(a.definitions(), "", "widgets.example.com", Preconditions.NONE,
                false).object();
        assertThat(deleting.path("metadata").path("finalizers").get(0).asString())
                .isEqualTo("customresourcecleanup.apiextensions.k8s.io");
        eventually(() -> a.widgets().isEmpty() && b.widgets().isEmpty() && c.widgets().isEmpty());
        assertThat(store.list("/registry/example.com/", "/registry/example.com/", 0, 0).entries()).isEmpty();
        assertThat(store.get("/registry/apiextensions.k8s.io/customresourcedefinitions/widgets.example.com"))
                .isEmpty();
    }
}
