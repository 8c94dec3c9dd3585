package io.cairn.apiserver.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.util.PatchUtils;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Server-side apply as kubectl, fabric8 and client-java use it: objects created and changed by an apply, conflicts
 * with other managers and how each client forces them, and the managedFields every write leaves behind.
 *
 * <p>Why end to end: kubectl prints its own text around the server's conflict Status and sends a second apply for
 * objects carrying client-side apply's annotation; only the real clients show that the server's answers fit.
 */
class ServerSideApplyE2eTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dir;
    private static KubectlServer run;
    private static Kubectl kubectl;
    private static HttpClient http;

    @BeforeAll
    static void startServer() throws Exception {
        run = KubectlServer.start(dir);
        kubectl = run.kubectl();
        http = HttpClient.newBuilder().sslContext(Kubeconfigs.context(run.server().kubeconfig(),
                Optional.of(Kubeconfigs.admin(run.server().kubeconfig())))).connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    private static HttpResponse<String> applyOverHttp(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(run.server().url() + path))
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/apply-patch+yaml").timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String deployment(String containers) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: ssa-web
                spec:
                  selector:
                    matchLabels:
                      app: web
                  template:
                    metadata:
                      labels:
                        app: web
                    spec:
                      containers:
                %s""".formatted(containers);
    }

    @AfterAll
    static void stopServer() {
        if (run != null) {
            run.close();
        }
    }

    private static String manifest(String name, String value) {
        return Manifests.write(run.home(), name + "-" + value + ".yaml", Manifests.configMap(name, value));
    }

    private static KubectlResult ssa(String file, String... flags) {
        List<String> args = new ArrayList<>(List.of("apply", "--server-side", "-f", file));
        args.addAll(List.of(flags));
        return kubectl.run(args.toArray(String[]::new));
    }

    private static JsonNode get(String name) {
        KubectlResult r = kubectl.run("get", "configmap", name, "-o", "json", "--show-managed-fields");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return JSON.readTree(r.stdout());
    }

    /** manager → operation and fieldsV1, in the stored order. */
    private static List<String> managers(JsonNode o) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : o.path("metadata").path("managedFields")) {
            out.add(e.path("manager").asString() + " " + e.path("operation").asString() + " "
                    + e.path("apiVersion").asString() + " " + e.path("fieldsV1"));
        }
        return out;
    }

    @Test
    void kubectlApplyServerSideCreatesThenChangesAConfigMap() {
        assertThat(ssa(manifest("ssa-create", "one"))).isEqualTo(
                new KubectlResult(0, "configmap/ssa-create serverside-applied\n", ""));
        assertThat(ssa(manifest("ssa-create", "two"))).isEqualTo(
                new KubectlResult(0, "configmap/ssa-create serverside-applied\n", ""));

        JsonNode o = get("ssa-create");
        assertThat(o.path("data").path("key").asString()).isEqualTo("two");
        assertThat(managers(o)).containsExactly("kubectl Apply v1 {\"f:data\":{\"f:key\":{}}}");
    }

    @Test
    void aConflictWithAnotherManagerIsPrintedByKubectlAndForceTakesTheField() {
        KubectlResult created = kubectl.run("create", "configmap", "ssa-conflict", "--from-literal=key=one");
        assertThat(created.exitCode()).as(created.stderr()).isZero();

        KubectlResult refused = ssa(manifest("ssa-conflict", "two"));

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stdout()).isEmpty();
        assertThat(refused.stderr()).startsWith("error: Apply failed with 1 conflict: conflict with \"kubectl-create\""
                + " using v1: .data.key\nPlease review the fields above--they currently have other managers.");
        assertThat(refused.stderr()).contains("--force-conflicts");
        assertThat(get("ssa-conflict").path("data").path("key").asString()).isEqualTo("one");

        assertThat(ssa(manifest("ssa-conflict", "two"), "--force-conflicts")).isEqualTo(
                new KubectlResult(0, "configmap/ssa-conflict serverside-applied\n", ""));
        JsonNode o = get("ssa-conflict");
        assertThat(o.path("data").path("key").asString()).isEqualTo("two");
        // kubectl-create keeps the data map it created, not the key
        assertThat(managers(o)).containsExactly("kubectl Apply v1 {\"f:data\":{\"f:key\":{}}}",
                "kubectl-create Update v1 {\"f:data\":{}}");
    }

    @Test
    void aNamedFieldManagerOwnsWhatItApplies() {
        assertThat(ssa(manifest("ssa-named", "one"), "--field-manager=deployer").exitCode()).isZero();
        KubectlResult other = ssa(manifest("ssa-named", "two"));
        assertThat(other.stderr()).startsWith("error: Apply failed with 1 conflict: conflict with \"deployer\":"
                + " .data.key\n");
        assertThat(managers(get("ssa-named"))).containsExactly("deployer Apply v1 {\"f:data\":{\"f:key\":{}}}");
    }

    @Test
    void clientSideApplyRecordsAnUpdateAndServerSideApplyThenTakesOverTheAnnotation() {
        String file = manifest("csa", "one");
        KubectlResult created = kubectl.run("apply", "-f", file);
        assertThat(created).isEqualTo(new KubectlResult(0, "configmap/csa created\n", ""));
        assertThat(managers(get("csa"))).containsExactly("kubectl-client-side-apply Update v1 {\"f:data\":{\".\":{},"
                + "\"f:key\":{}},\"f:metadata\":{\"f:annotations\":{\".\":{},"
                + "\"f:kubectl.kubernetes.io/last-applied-configuration\":{}}}}");

        KubectlResult upgraded = ssa(file);

        assertThat(upgraded).isEqualTo(new KubectlResult(0, "configmap/csa serverside-applied\n", ""));
        List<String> managers = managers(get("csa"));
        assertThat(managers).anyMatch(m -> m.startsWith("kubectl Apply v1 {\"f:data\":{\"f:key\":{}}"));
        assertThat(managers).anyMatch(m -> m.startsWith("kubectl-last-applied Apply v1 {\"f:metadata\":"
                + "{\"f:annotations\":{\"f:kubectl.kubernetes.io/last-applied-configuration\":{}}}}"));
    }

    @Test
    void serverSideApplyChangesAValueKubectlAppliedClientSide() {
        assertThat(kubectl.run("apply", "-f", manifest("csa-change", "one")).exitCode()).isZero();

        KubectlResult upgraded = ssa(manifest("csa-change", "two"));

        assertThat(upgraded).isEqualTo(new KubectlResult(0, "configmap/csa-change serverside-applied\n", ""));
        JsonNode o = get("csa-change");
        assertThat(o.path("data").path("key").asString()).isEqualTo("two");
        assertThat(o.path("metadata").path("annotations").path("kubectl.kubernetes.io/last-applied-configuration")
                .asString()).contains("\"key\":\"two\"");
    }

    @Test
    void getWithShowManagedFieldsPrintsTheEntries() {
        assertThat(ssa(manifest("ssa-yaml", "one")).exitCode()).isZero();

        KubectlResult r = kubectl.run("get", "configmap", "ssa-yaml", "-o", "yaml", "--show-managed-fields");

        assertThat(Masks.object(r.stdout())).contains("""
                  managedFields:
                  - apiVersion: v1
                    fieldsType: FieldsV1
                    fieldsV1:
                      f:data:
                        f:key: {}
                    manager: kubectl
                    operation: Apply
                    time: "<time>"
                """);
        assertThat(kubectl.run("get", "configmap", "ssa-yaml", "-o", "yaml").stdout()).doesNotContain("managedFields");
    }

    @Test
    void fabric8ServerSideApplyConflictsUntilForced() {
        try (KubernetesClient client = Fabric8Clients.of(run.server())) {
            ConfigMap one = new ConfigMapBuilder().withNewMetadata().withName("f8").withNamespace("default")
                    .endMetadata().withData(Map.of("key", "one")).build();
            ConfigMap applied = client.resource(one).fieldManager("f8-a").serverSideApply();
            assertThat(applied.getMetadata().getManagedFields()).singleElement().satisfies(e -> {
                assertThat(e.getManager()).isEqualTo("f8-a");
                assertThat(e.getOperation()).isEqualTo("Apply");
            });

            ConfigMap two = new ConfigMapBuilder(one).withData(Map.of("key", "two")).build();
            assertThatThrownBy(() -> client.resource(two).fieldManager("f8-b").serverSideApply())
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                        assertThat(e.getCode()).isEqualTo(409);
                        assertThat(e.getStatus().getDetails().getCauses()).singleElement().satisfies(c -> {
                            assertThat(c.getReason()).isEqualTo("FieldManagerConflict");
                            assertThat(c.getField()).isEqualTo(".data.key");
                        });
                    });

            ConfigMap forced = client.resource(two).fieldManager("f8-b").forceConflicts().serverSideApply();
            assertThat(forced.getData()).containsEntry("key", "two");
            assertThat(forced.getMetadata().getManagedFields()).extracting(e -> e.getManager())
                    .containsExactly("f8-b");
        }
    }

    @Test
    void clientJavaAppliesYamlWithV1PatchAndMissingFieldManagerIsRefused() throws ApiException {
        ApiClient client = JavaClients.of(run.server());
        CoreV1Api core = new CoreV1Api(client);
        String yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cj\ndata:\n  key: one\n";

        V1ConfigMap created = PatchUtils.patch(V1ConfigMap.class, () -> core.patchNamespacedConfigMap("cj",
                "default", new V1Patch(yaml)).fieldManager("java").force(true).buildCall(null),
                V1Patch.PATCH_FORMAT_APPLY_YAML, client);

        assertThat(created.getData()).containsEntry("key", "one");
        // client-java's model reads managedFields back as an empty list, so the entries are checked with kubectl
        assertThat(managers(get("cj"))).containsExactly("java Apply v1 {\"f:data\":{\"f:key\":{}}}");
        assertThatThrownBy(() -> PatchUtils.patch(V1ConfigMap.class, () -> core.patchNamespacedConfigMap("cj",
                "default", new V1Patch("{\"data\":{\"key\":\"x\"}}")).force(true).buildCall(null),
                V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, client))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(JavaClients.status(e).getMessage())
                        .isEqualTo("PatchOptions.meta.k8s.io \"\" is invalid: force: Forbidden: may not be specified"
                                + " for non-apply patch"));
        assertThatThrownBy(() -> PatchUtils.patch(V1ConfigMap.class, () -> core.patchNamespacedConfigMap("cj",
                "default", new V1Patch(yaml)).buildCall(null), V1Patch.PATCH_FORMAT_APPLY_YAML, client))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(JavaClients.status(e).getMessage()).isEqualTo("PatchOptions.meta.k8s.io \"\" is invalid:"
                            + " fieldManager: Required value: is required for apply patch");
                });
    }

    @Test
    void twoManagersShareADeploymentsContainersByName() {
        String web = "      - name: web\n        image: nginx:1.27\n        ports:\n        - containerPort: 80\n";
        assertThat(ssa(Manifests.write(run.home(), "web.yaml", deployment(web))).exitCode()).isZero();
        String sidecar = "      - name: log\n        image: busybox\n";
        KubectlResult second = ssa(Manifests.write(run.home(), "log.yaml", deployment(sidecar)),
                "--field-manager=logging");
        assertThat(second).isEqualTo(new KubectlResult(0, "deployment.apps/ssa-web serverside-applied\n", ""));

        KubectlResult got = kubectl.run("get", "deployment", "ssa-web", "-o", "jsonpath={.spec.template.spec"
                + ".containers[*].name} {.metadata.managedFields[*].manager}");
        assertThat(got.stdout()).isEqualTo("web log kubectl logging");

        String changed = "      - name: web\n        image: nginx:1.28\n";
        assertThat(ssa(Manifests.write(run.home(), "web2.yaml", deployment(changed))).exitCode()).isZero();
        KubectlResult after = kubectl.run("get", "deployment", "ssa-web", "-o", "jsonpath={.spec.template.spec"
                + ".containers[*].image} {.spec.template.spec.containers[0].ports}");
        assertThat(after.stdout()).isEqualTo("nginx:1.28 busybox ");
    }

    @Test
    void aDryRunApplyStoresNothing() {
        KubectlResult r = ssa(manifest("ssa-dry", "one"), "--dry-run=server");
        assertThat(r).isEqualTo(new KubectlResult(0, "configmap/ssa-dry serverside-applied (server dry run)\n", ""));
        assertThat(kubectl.run("get", "configmap", "ssa-dry").exitCode()).isEqualTo(1);
    }

    @Test
    void anUndeclaredFieldFailsTheApply() {
        String file = Manifests.write(run.home(), "typo.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                + "  name: typo\ndatta:\n  key: one\n");
        KubectlResult r = ssa(file);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("failed to create typed patch object (default/typo; /v1, Kind=ConfigMap):"
                + " .datta: field not declared in schema");
    }

    @Test
    void anApplyToTheStatusSubresourceOwnsStatusAsItsOwnManager() throws Exception {
        assertThat(ssa(Manifests.write(run.home(), "status-web.yaml", deployment(
                "      - name: web\n        image: nginx:1.27\n").replace("ssa-web", "status-web"))).exitCode())
                .isZero();

        HttpResponse<String> r = applyOverHttp("/apis/apps/v1/namespaces/default/deployments/status-web/status"
                + "?fieldManager=controller", "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\","
                + "\"metadata\":{\"name\":\"status-web\"},\"status\":{\"observedGeneration\":1}}");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode o = JSON.readTree(r.body());
        assertThat(o.path("status").path("observedGeneration").asInt()).isEqualTo(1);
        assertThat(managers(o)).contains("controller Apply apps/v1 {\"f:status\":{\"f:observedGeneration\":{}}}");
        List<String> subresources = new ArrayList<>();
        o.path("metadata").path("managedFields").forEach(e -> subresources.add(e.path("manager").asString() + ":"
                + e.path("subresource").asString()));
        assertThat(subresources).containsExactlyInAnyOrder("kubectl:", "controller:status");

        HttpResponse<String> missing = applyOverHttp("/apis/apps/v1/namespaces/default/deployments/none/status"
                + "?fieldManager=controller", "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\"}");
        assertThat(missing.statusCode()).isEqualTo(404);
    }

    @Test
    void scalingRecordsAnUpdateOnTheScaleSubresource() {
        assertThat(ssa(Manifests.write(run.home(), "scaled.yaml", deployment(
                "      - name: web\n        image: nginx:1.27\n").replace("ssa-web", "scaled"))).exitCode()).isZero();

        assertThat(kubectl.run("scale", "deployment", "scaled", "--replicas=3").exitCode()).isZero();

        KubectlResult r = kubectl.run("get", "deployment", "scaled", "-o", "json", "--show-managed-fields");
        JsonNode scale = null;
        for (JsonNode e : JSON.readTree(r.stdout()).path("metadata").path("managedFields")) {
            if (e.path("subresource").asString().equals("scale")) {
                scale = e;
            }
        }
        assertThat(scale).as(r.stdout()).isNotNull();
        assertThat(scale.path("operation").asString()).isEqualTo("Update");
        assertThat(scale.path("fieldsV1").toString()).isEqualTo("{\"f:spec\":{\"f:replicas\":{}}}");
    }

    @Test
    void anApplyToTheScaleSubresourceOwnsReplicasAndConflictsWithAnApplierOfThem() throws Exception {
        assertThat(ssa(Manifests.write(run.home(), "autoscaled.yaml", deployment(
                "      - name: web\n        image: nginx:1.27\n").replace("ssa-web", "autoscaled"))).exitCode())
                .isZero();

        HttpResponse<String> r = applyOverHttp("/apis/apps/v1/namespaces/default/deployments/autoscaled/scale"
                + "?fieldManager=autoscaler", "{\"apiVersion\":\"autoscaling/v1\",\"kind\":\"Scale\","
                + "\"metadata\":{\"name\":\"autoscaled\"},\"spec\":{\"replicas\":4}}");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).path("spec").path("replicas").asInt()).isEqualTo(4);
        KubectlResult got = kubectl.run("get", "deployment", "autoscaled", "-o", "json", "--show-managed-fields");
        assertThat(managers(JSON.readTree(got.stdout()))).contains(
                "autoscaler Apply apps/v1 {\"f:spec\":{\"f:replicas\":{}}}");

        String withReplicas = deployment("      - name: web\n        image: nginx:1.27\n")
                .replace("ssa-web", "autoscaled").replace("spec:\n  selector:", "spec:\n  replicas: 1\n  selector:");
        KubectlResult refused = ssa(Manifests.write(run.home(), "autoscaled-1.yaml", withReplicas));
        assertThat(refused.stderr()).startsWith("error: Apply failed with 1 conflict: conflict with \"autoscaler\""
                + " with subresource \"scale\": .spec.replicas\n");
    }
}
