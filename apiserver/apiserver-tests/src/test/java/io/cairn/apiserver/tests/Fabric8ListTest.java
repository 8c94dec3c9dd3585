package io.cairn.apiserver.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * fabric8 lists with label and field selectors and limit/continue pagination against a real {@code cairn server}.
 *
 * <p>Why: fabric8 turns {@code withLabel}, {@code withLabelIn}, {@code withoutLabel} and {@code withField} into
 * selector query strings of its own spelling, and pages with {@code limit}/{@code continue}; every later page must
 * come from the first page's snapshot, or a controller's full resync misses or duplicates objects.
 */
@Timeout(90)
class Fabric8ListTest {
    private static final String NS = "fabric8-list";

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
        create(NS, "web-prod", Map.of("app", "web", "env", "prod"));
        create(NS, "web-dev", Map.of("app", "web", "env", "dev"));
        create(NS, "db-prod", Map.of("app", "db", "env", "prod"));
        create(NS, "cache", Map.of("app", "cache"));
        create(NS, "plain", Map.of());
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

    private static ConfigMap create(String ns, String name, Map<String, String> labels) {
        return client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName(name)
                .withLabels(labels).endMetadata().build()).create();
    }

    private static List<String> names(ConfigMapList list) {
        return list.getItems().stream().map(cm -> cm.getMetadata().getName()).toList();
    }

    static Stream<Arguments> selections() {
        return Stream.of(
                Arguments.of("withLabel app=web", selection(s -> s.withLabel("app", "web")),
                        List.of("web-dev", "web-prod")),
                Arguments.of("withLabel app (exists)", selection(s -> s.withLabel("app")),
                        List.of("cache", "db-prod", "web-dev", "web-prod")),
                Arguments.of("withLabels app=web,env=prod", selection(s -> s.withLabels(Map.of("app", "web",
                        "env", "prod"))), List.of("web-prod")),
                Arguments.of("withLabelIn env in (prod)", selection(s -> s.withLabelIn("env", "prod")),
                        List.of("db-prod", "web-prod")),
                Arguments.of("withLabelNotIn app notin (web,db)", selection(s -> s.withLabelNotIn("app", "web",
                        "db")), List.of("cache", "plain")),
                Arguments.of("withoutLabel env=prod", selection(s -> s.withoutLabel("env", "prod")),
                        List.of("cache", "plain", "web-dev")),
                Arguments.of("withoutLabel env (does not exist)", selection(s -> s.withoutLabel("env")),
                        List.of("cache", "plain")),
                Arguments.of("withField metadata.name", selection(s -> s.withField("metadata.name", "db-prod")),
                        List.of("db-prod")),
                Arguments.of("withoutField metadata.name", selection(s -> s.withoutField("metadata.name",
                        "plain")), List.of("cache", "db-prod", "web-dev", "web-prod")),
                Arguments.of("withField metadata.namespace and withLabel",
                        selection(s -> s.withField("metadata.namespace", NS).withLabel("app", "cache")),
                        List.of("cache")));
    }

    private static UnaryOperator<FilterWatchListDeletable<ConfigMap, ConfigMapList, Resource<ConfigMap>>> selection(
            UnaryOperator<FilterWatchListDeletable<ConfigMap, ConfigMapList, Resource<ConfigMap>>> s) {
        return s;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("selections")
    void aSelectorListsExactlyTheMatchingObjects(String description,
            UnaryOperator<FilterWatchListDeletable<ConfigMap, ConfigMapList, Resource<ConfigMap>>> select,
            List<String> expected) {
        ConfigMapList list = select.apply(client.configMaps().inNamespace(NS)).list();

        assertThat(names(list)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aFieldSelectorOnTheNameWorksAcrossAllNamespaces() {
        ConfigMapList list = client.configMaps().inAnyNamespace().withField("metadata.name", "web-dev").list();

        assertThat(list.getItems()).singleElement()
                .satisfies(cm -> assertThat(cm.getMetadata().getNamespace()).isEqualTo(NS));
    }

    @Test
    void pagesFollowTheContinueTokenAndStayAtTheFirstPagesSnapshot() {
        String ns = "fabric8-pages";
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
                .create();
        for (int i = 0; i < 7; i++) {
            create(ns, "item-" + i, Map.of());
        }

        ConfigMapList first = client.configMaps().inNamespace(ns).list(new ListOptionsBuilder().withLimit(2L)
                .build());
        String snapshot = first.getMetadata().getResourceVersion();
        create(ns, "item-00-late", Map.of());
        create(ns, "zz-late", Map.of());
        client.configMaps().inNamespace(ns).withName("item-6").delete();

        List<String> seen = new ArrayList<>(names(first));
        List<Integer> pageSizes = new ArrayList<>(List.of(first.getItems().size()));
        String token = first.getMetadata().getContinue();
        while (token != null && !token.isEmpty()) {
            ConfigMapList page = client.configMaps().inNamespace(ns).list(new ListOptionsBuilder().withLimit(2L)
                    .withContinue(token).build());
            assertThat(page.getMetadata().getResourceVersion()).isEqualTo(snapshot);
            seen.addAll(names(page));
            pageSizes.add(page.getItems().size());
            token = page.getMetadata().getContinue();
        }

        assertThat(seen).containsExactly("item-0", "item-1", "item-2", "item-3", "item-4", "item-5", "item-6");
        assertThat(pageSizes).containsExactly(2, 2, 2, 1);
        assertThat(names(client.configMaps().inNamespace(ns).list())).containsExactly("item-0", "item-00-late",
                "item-1", "item-2", "item-3", "item-4", "item-5", "zz-late");
    }

    @Test
    void aPagedListWithASelectorFillsPagesWithMatchesOnly() {
        ConfigMapList first = client.configMaps().inNamespace(NS).withLabel("app").list(new ListOptionsBuilder()
                .withLimit(3L).build());
        ConfigMapList second = client.configMaps().inNamespace(NS).withLabel("app").list(new ListOptionsBuilder()
                .withLimit(3L).withContinue(first.getMetadata().getContinue()).build());

        assertThat(names(first)).containsExactly("cache", "db-prod", "web-dev");
        assertThat(names(second)).containsExactly("web-prod");
        assertThat(second.getMetadata().getContinue()).isNullOrEmpty();
    }
}
