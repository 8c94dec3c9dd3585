package io.cairn.apiserver.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.apiserver.resource.ResourceCatalog;
import io.cairn.apiserver.resource.ResourceType;
import io.cairn.apiserver.status.StatusException;
import io.cairn.apiserver.store.ObjectStore;
import io.cairn.apiserver.testing.StoreMember;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

class RegistryTest {
    @TempDir
    static Path dir;
    static StoreMember member;
    static ObjectStore store;
    static Registry registry;
    static NamespaceFinalizer finalizer;
    static final ResourceCatalog CATALOG = ResourceCatalog.builtIn();
    static final ResourceType CM = CATALOG.find("", "v1", "configmaps").orElseThrow();
    static final ResourceType NS = CATALOG.find("", "v1", "namespaces").orElseThrow();
    static final ResourceType DEPLOY = CATALOG.find("apps", "v1", "deployments").orElseThrow();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T10:00:00.750Z"), ZoneOffset.UTC);

    @BeforeAll
    static void start() {
        member = StoreMember.start(dir.resolve("store"));
        store = new ObjectStore(member.channel(), Duration.ofSeconds(10));
        registry = new Registry(store, new Keys("/registry"), CATALOG, CLOCK, new SplittableRandom(7));
        registry.ensureNamespaces(List.of("default", "kube-system", "kube-public"));
        finalizer = new NamespaceFinalizer(store, registry, CATALOG);
    }

    @AfterAll
    static void stop() {
        member.close();
    }

    static ObjectNode configMap(String name) {
        ObjectNode o = ObjectCodec.JSON.createObjectNode();
        o.withObject("metadata").put("name", name);
        o.withObject("data").put("k", "v");
        return o;
    }

    static ObjectNode deployment(String name, int replicas) {
        ObjectNode o = ObjectCodec.JSON.createObjectNode();
        o.withObject("metadata").put("name", name);
        ObjectNode spec = o.withObject("spec");
        spec.put("replicas", replicas);
        spec.withObject("selector").withObject("matchLabels").put("app", name);
        spec.withObject("template").withObject("metadata").withObject("labels").put("app", name);
        spec.withObject("template").withObject("spec").withArray("containers").addObject().put("name", "c")
                .put("image", "nginx:1.27");
        return o;
    }

    static void namespace(String name) {
        ObjectNode ns = ObjectCodec.JSON.createObjectNode();
        ns.withObject("metadata").put("name", name);
        registry.create(NS, "", ns, false);
    }

    @Test
    void createFillsKindUidWholeSecondTimestampAndStoresUnderKubesKey() {
        ObjectNode created = registry.create(CM, "default", configMap("created"), false);

        assertThat(created.path("kind").asString()).isEqualTo("ConfigMap");
        assertThat(created.path("apiVersion").asString()).isEqualTo("v1");
        assertThat(created.path("metadata").path("uid").asString())
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(created.path("metadata").path("creationTimestamp").asString()).isEqualTo("2026-11-28T10:00:00Z");
        assertThat(created.path("metadata").has("generation")).isFalse();
        assertThat(store.get("/registry/configmaps/default/created")).hasValueSatisfying(e ->
                assertThat(Long.toString(e.modRevision()))
                        .isEqualTo(created.path("metadata").path("resourceVersion").asString()));
    }

    @Test
    void generateNameAppendsFiveCharactersOfKubesAlphabet() {
        ObjectNode o = ObjectCodec.JSON.createObjectNode();
        o.withObject("metadata").put("generateName", "job-");

        String name = registry.create(CM, "default", o, false).path("metadata").path("name").asString();

        assertThat(name).matches("job-[bcdfghjklmnpqrstvwxz2456789]{5}");
    }

    @Test
    void creatingAnExistingNameIsAlreadyExists() {
        registry.create(CM, "default", configMap("twice"), false);

        assertThatThrownBy(() -> registry.create(CM, "default", configMap("twice"), false))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(409);
                    assertThat(e.reason()).isEqualTo("AlreadyExists");
                    assertThat(e.getMessage()).isEqualTo("configmaps \"twice\" already exists");
                });
    }

    @Test
    void anInvalidNameIsRejectedWithAFieldCause() {
        assertThatThrownBy(() -> registry.create(CM, "default", configMap("Bad_Name"), false))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(422);
                    assertThat(e.getMessage()).startsWith("ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid"
                            + " value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of");
                    assertThat(e.causes()).singleElement().satisfies(c -> assertThat(c.field())
                            .isEqualTo("metadata.name"));
                });
    }

    @Test
    void creatingInAMissingNamespaceIsNotFound() {
        assertThatThrownBy(() -> registry.create(CM, "nowhere", configMap("x"), false))
                .isInstanceOfSatisfying(StatusException.class, e ->
                        assertThat(e.getMessage()).isEqualTo("namespaces \"nowhere\" not found"));
    }

    @Test
    void aWrongTypeInTheBodyIsABadRequest() {
        ObjectNode o = configMap("typed");
        o.put("data", 5);

        assertThatThrownBy(() -> registry.create(CM, "default", o, false))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.getMessage()).startsWith("ConfigMap in version \"v1\" cannot be handled as a"
                            + " ConfigMap: ");
                });
    }

    @Test
    void anUpdateWithAStaleResourceVersionIsAConflictAndWithoutOneIsUnconditional() {
        ObjectNode first = registry.create(CM, "default", configMap("raced"), false);
        ObjectNode second = first.deepCopy();
        second.withObject("data").put("k", "second");
        registry.update(CM, "default", "raced", "", second, false);

        ObjectNode stale = first.deepCopy();
        stale.withObject("data").put("k", "stale");
        assertThatThrownBy(() -> registry.update(CM, "default", "raced", "", stale, false))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(409);
                    assertThat(e.getMessage()).isEqualTo("Operation cannot be fulfilled on configmaps \"raced\": the"
                            + " object has been modified; please apply your changes to the latest version and try"
                            + " again");
                });

        stale.withObject("metadata").remove("resourceVersion");
        ObjectNode forced = registry.update(CM, "default", "raced", "", stale, false);
        assertThat(forced.path("data").path("k").asString()).isEqualTo("stale");
        assertThat(forced.path("metadata").path("uid")).isEqualTo(first.path("metadata").path("uid"));
    }

    @Test
    void specChangesBumpGenerationAndLabelChangesDoNot() {
        ObjectNode d = registry.create(DEPLOY, "default", deployment("gen", 1), false);
        assertThat(d.path("metadata").path("generation").asLong()).isEqualTo(1);

        ObjectNode labelled = registry.patch(DEPLOY, "default", "gen", "", o -> {
            o.withObject("metadata").withObject("labels").put("tier", "web");
            return o;
        }, false);
        assertThat(labelled.path("metadata").path("generation").asLong()).isEqualTo(1);

        ObjectNode scaled = registry.patch(DEPLOY, "default", "gen", "", o -> {
            o.withObject("spec").put("replicas", 3);
            return o;
        }, false);
        assertThat(scaled.path("metadata").path("generation").asLong()).isEqualTo(2);
    }

    @Test
    void theMainResourceKeepsStatusAndTheStatusSubresourceKeepsSpec() {
        registry.create(DEPLOY, "default", deployment("split", 2), false);

        ObjectNode withStatus = registry.patch(DEPLOY, "default", "split", "status", o -> {
            o.withObject("status").put("replicas", 2);
            o.withObject("spec").put("replicas", 9);
            return o;
        }, false);
        assertThat(withStatus.path("status").path("replicas").asInt()).isEqualTo(2);
        assertThat(withStatus.path("spec").path("replicas").asInt()).isEqualTo(2);

        ObjectNode viaMain = registry.patch(DEPLOY, "default", "split", "", o -> {
            o.withObject("status").put("replicas", 7);
            return o;
        }, false);
        assertThat(viaMain.path("status").path("replicas").asInt()).isEqualTo(2);
    }

    @Test
    void aFinalizerHoldsADeletedObjectUntilItIsRemoved() {
        ObjectNode o = configMap("held");
        o.withObject("metadata").withArray("finalizers").add("example.com/hold");
        registry.create(CM, "default", o, false);

        DeleteOutcome first = registry.delete(CM, "default", "held", Preconditions.NONE, false);
        assertThat(first.removed()).isFalse();
        assertThat(first.object().path("metadata").path("deletionTimestamp").asString())
                .isEqualTo("2026-11-28T10:00:00Z");
        assertThat(registry.get(CM, "default", "held").path("metadata").has("deletionTimestamp")).isTrue();

        registry.patch(CM, "default", "held", "", c -> {
            c.withObject("metadata").remove("finalizers");
            return c;
        }, false);
        assertThatThrownBy(() -> registry.get(CM, "default", "held"))
                .isInstanceOfSatisfying(StatusException.class, e -> assertThat(e.code()).isEqualTo(404));
    }

    @Test
    void aDeletedNamespaceTerminatesRefusesNewContentAndIsRemovedWithItsContent() {
        namespace("doomed");
        registry.create(CM, "doomed", configMap("inside"), false);

        DeleteOutcome out = registry.delete(NS, "", "doomed", Preconditions.NONE, false);
        assertThat(out.removed()).isFalse();
        assertThat(out.object().path("status").path("phase").asString()).isEqualTo("Terminating");
        assertThatThrownBy(() -> registry.create(CM, "doomed", configMap("late"), false))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(403);
                    assertThat(e.getMessage()).isEqualTo("configmaps \"late\" is forbidden: unable to create new"
                            + " content in namespace doomed because it is being terminated");
                });

        finalizer.runOnce();
        finalizer.runOnce();

        assertThat(store.get("/registry/configmaps/doomed/inside")).isEmpty();
        assertThat(store.get("/registry/namespaces/doomed")).isEmpty();
    }

    @Test
    void theDefaultNamespaceCannotBeDeleted() {
        assertThatThrownBy(() -> registry.delete(NS, "", "default", Preconditions.NONE, false))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(403);
                    assertThat(e.getMessage()).isEqualTo("namespaces \"default\" is forbidden: this namespace may"
                            + " not be deleted");
                });
    }

    @Test
    void aDeletePreconditionOnUidMustMatch() {
        registry.create(CM, "default", configMap("pre"), false);

        assertThatThrownBy(() -> registry.delete(CM, "default", "pre", new Preconditions("other", ""), false))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("Precondition failed: UID in precondition: other");
                });
    }

    @Test
    void aDryRunCreatePersistsNothing() {
        ObjectNode o = registry.create(CM, "default", configMap("dry"), true);

        assertThat(o.path("metadata").path("uid").asString()).isNotEmpty();
        assertThat(store.get("/registry/configmaps/default/dry")).isEmpty();
    }

    @Test
    void pagesAreServedAtTheFirstPagesRevision() {
        namespace("paged");
        for (int i = 0; i < 5; i++) {
            registry.create(CM, "paged", configMap("cm-" + i), false);
        }

        ListResult first = registry.list(CM, "paged", o -> true, false, 2, Optional.empty(), 0);
        assertThat(names(first)).containsExactly("cm-0", "cm-1");
        assertThat(first.remaining()).contains(3L);
        registry.create(CM, "paged", configMap("cm-9"), false);
        ListResult second = registry.list(CM, "paged", o -> true, false, 2, first.continueToken(), 0);
        ListResult third = registry.list(CM, "paged", o -> true, false, 2, second.continueToken(), 0);

        assertThat(names(second)).containsExactly("cm-2", "cm-3");
        assertThat(names(third)).containsExactly("cm-4");
        assertThat(third.continueToken()).isEmpty();
        assertThat(second.revision()).isEqualTo(first.revision());
    }

    @Test
    void aFilteredPageStillFillsItsLimit() {
        namespace("sparse");
        for (int i = 0; i < 6; i++) {
            ObjectNode o = configMap("s-" + i);
            o.withObject("metadata").withObject("labels").put("even", Boolean.toString(i % 2 == 0));
            registry.create(CM, "sparse", o, false);
        }

        ListResult page = registry.list(CM, "sparse",
                o -> o.path("metadata").path("labels").path("even").asString().equals("true"), true, 2,
                Optional.empty(), 0);

        assertThat(names(page)).containsExactly("s-0", "s-2");
        assertThat(page.remaining()).isEmpty();
    }

    @Test
    void aContinueTokenOlderThanTheCompactedHistoryIsGone() {
        namespace("compacted");
        for (int i = 0; i < 3; i++) {
            registry.create(CM, "compacted", configMap("c-" + i), false);
        }
        ListResult first = registry.list(CM, "compacted", o -> true, false, 1, Optional.empty(), 0);
        registry.create(CM, "compacted", configMap("c-9"), false);
        member.compact(store.currentRevision());

        assertThatThrownBy(() -> registry.list(CM, "compacted", o -> true, false, 1, first.continueToken(), 0))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(410);
                    assertThat(e.reason()).isEqualTo("Expired");
                    assertThat(e.getMessage()).startsWith("The provided continue parameter is too old");
                });
    }

    @Test
    void concurrentPatchesNeverLoseAnUpdate() throws Exception {
        ObjectNode o = configMap("counter");
        o.withObject("data").put("n", "0");
        registry.create(CM, "default", o, false);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            done.add(pool.submit(() -> registry.patch(CM, "default", "counter", "", c -> {
                int n = Integer.parseInt(c.path("data").path("n").asString());
                c.withObject("data").put("n", Integer.toString(n + 1));
                return c;
            }, false)));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        assertThat(registry.get(CM, "default", "counter").path("data").path("n").asString()).isEqualTo("40");
    }

    private static List<String> names(ListResult r) {
        return r.items().stream().map(o -> o.path("metadata").path("name").asString()).toList();
    }
}
