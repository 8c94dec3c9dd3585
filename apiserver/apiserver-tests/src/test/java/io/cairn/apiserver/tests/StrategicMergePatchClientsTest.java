package io.cairn.apiserver.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.util.PatchUtils;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Strategic merge patches sent by the two Java clients: fabric8's {@code patch(PatchContext.of(STRATEGIC_MERGE), …)}
 * and client-java's {@code PatchUtils} with {@code PATCH_FORMAT_STRATEGIC_MERGE_PATCH}.
 *
 * <p>Why: operators patch one container of a Deployment without reading it first; with a JSON merge patch that
 * would replace the whole container list, so the server must merge by the list's key exactly as kube-apiserver does,
 * whichever client sent the patch.
 */
@Timeout(90)
class StrategicMergePatchClientsTest {
    private static final String NS = "smp-clients";

    @TempDir
    static Path dir;
    static CairnServer server;
    static KubernetesClient fabric8;
    static ApiClient javaClient;

    @BeforeAll
    static void start() {
        server = CairnServer.start(dir);
        fabric8 = Fabric8Clients.of(server);
        javaClient = JavaClients.of(server);
        fabric8.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
                .create();
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

    private static Deployment twoContainers(String name) {
        return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withNewSpec().withReplicas(1)
                .withNewSelector().withMatchLabels(Map.of("app", name)).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app", name)).endMetadata()
                .withNewSpec()
                .withContainers(
                        new ContainerBuilder().withName("web").withImage("nginx:1.27")
                                .addNewEnv().withName("A").withValue("1").endEnv()
                                .addNewEnv().withName("B").withValue("2").endEnv().build(),
                        new ContainerBuilder().withName("sidecar").withImage("envoy:1.30").build())
                .endSpec().endTemplate().endSpec().build();
    }

    @Test
    void fabric8StrategicPatchChangesOneContainerAndKeepsTheOther() {
        fabric8.resource(twoContainers("f8")).create();

        Deployment patched = fabric8.apps().deployments().inNamespace(NS).withName("f8")
                .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), """
                        {"spec":{"template":{"spec":{"containers":[
                          {"name":"web","image":"nginx:1.28","env":[{"name":"B","value":"20"},{"name":"C","value":"3"}]}
                        ]}}}}""");

        var containers = patched.getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).extracting(c -> c.getName() + "=" + c.getImage())
                .containsExactly("web=nginx:1.28", "sidecar=envoy:1.30");
        assertThat(containers.get(0).getEnv()).extracting(EnvVar::getName, EnvVar::getValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("A", "1"),
                        org.assertj.core.groups.Tuple.tuple("B", "20"),
                        org.assertj.core.groups.Tuple.tuple("C", "3"));
        assertThat(fabric8.apps().deployments().inNamespace(NS).withName("f8").get()
                .getSpec().getTemplate().getSpec().getContainers()).isEqualTo(containers);
    }

    @Test
    void fabric8StrategicPatchDeletesAContainerWithThePatchDirective() {
        fabric8.resource(twoContainers("f8-delete")).create();

        Deployment patched = fabric8.apps().deployments().inNamespace(NS).withName("f8-delete")
                .patch(PatchContext.of(PatchType.STRATEGIC_MERGE),
                        "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"sidecar\",\"$patch\":\"delete\"}]}}}}");

        assertThat(patched.getSpec().getTemplate().getSpec().getContainers())
                .extracting(c -> c.getName()).containsExactly("web");
    }

    @Test
    void clientJavaStrategicPatchMergesContainersByName() throws Exception {
        fabric8.resource(twoContainers("cj")).create();
        AppsV1Api apps = new AppsV1Api(javaClient);

        V1Deployment patched = PatchUtils.patch(V1Deployment.class,
                () -> apps.patchNamespacedDeployment("cj", NS, new V1Patch("""
                        {"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"envoy:1.31"}]}}}}"""))
                        .buildCall(null),
                V1Patch.PATCH_FORMAT_STRATEGIC_MERGE_PATCH, javaClient);

        List<V1Container> containers = patched.getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).extracting(c -> c.getName() + "=" + c.getImage())
                .containsExactly("web=nginx:1.27", "sidecar=envoy:1.31");
        assertThat(containers.get(0).getEnv()).hasSize(2);
        assertThat(apps.readNamespacedDeployment("cj", NS).execute().getMetadata().getGeneration()).isEqualTo(2L);
    }
}
