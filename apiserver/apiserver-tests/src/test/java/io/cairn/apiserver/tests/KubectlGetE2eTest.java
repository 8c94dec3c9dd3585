package io.cairn.apiserver.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code kubectl get} and {@code kubectl api-resources} against Cairn print what they print against Kubernetes 1.32:
 * the same Table columns and cells, the same object encodings, the same selector results.
 *
 * <p>Why: {@code get} is the command users run most; its output comes from the server's Table and discovery answers,
 * so every column kubectl prints is a server behaviour under test. The objects are created once; every test only reads.
 */
class KubectlGetE2eTest {
    @TempDir
    static Path dir;
    private static CairnServer server;
    private static Kubectl kubectl;

    @BeforeAll
    static void startServerAndCreateObjects() throws IOException {
        KubectlServer run = KubectlServer.start(dir);
        server = run.server();
        kubectl = run.kubectl();
        Path home = run.home();
        ok("create", "namespace", "shop");
        ok("create", "configmap", "prices", "-n", "shop", "--from-literal=apple=1", "--from-literal=pear=2");
        ok("create", "configmap", "stock", "-n", "shop", "--from-literal=apple=7");
        ok("label", "configmap", "stock", "-n", "shop", "tier=back");
        ok("create", "secret", "generic", "creds", "-n", "shop", "--from-literal=user=u", "--from-literal=pass=p");
        ok("create", "serviceaccount", "robot", "-n", "shop");
        ok("create", "-f", Manifests.write(home, "objects.yaml", Manifests.DEPLOYMENT + "---\n" + Manifests.POD
                + "---\n" + Manifests.NODE), "-n", "shop");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static void ok(String... args) {
        KubectlResult r = kubectl.run(args);
        assertThat(r.exitCode()).as("kubectl %s: %s", String.join(" ", args), r.stderr()).isZero();
    }

    static Stream<Arguments> tables() {
        return Stream.of(
                Arguments.of("get ns", """
                        NAME              STATUS   AGE
                        default           Active   <age>
                        kube-node-lease   Active   <age>
                        kube-public       Active   <age>
                        kube-system       Active   <age>
                        shop              Active   <age>
                        """),
                Arguments.of("get cm -n shop", """
                        NAME     DATA   AGE
                        prices   2      <age>
                        stock    1      <age>
                        """),
                Arguments.of("get configmaps -A", """
                        NAMESPACE   NAME     DATA   AGE
                        shop        prices   2      <age>
                        shop        stock    1      <age>
                        """),
                Arguments.of("get cm -n shop --chunk-size=1", """
                        NAME     DATA   AGE
                        prices   2      <age>
                        stock    1      <age>
                        """),
                Arguments.of("get secrets -n shop", """
                        NAME    TYPE     DATA   AGE
                        creds   Opaque   2      <age>
                        """),
                Arguments.of("get sa -n shop", """
                        NAME    SECRETS   AGE
                        robot   0         <age>
                        """),
                Arguments.of("get cm -n shop --show-labels", """
                        NAME     DATA   AGE   LABELS
                        prices   2      <age> <none>
                        stock    1      <age> tier=back
                        """),
                Arguments.of("get cm -n shop -l tier=back", """
                        NAME    DATA   AGE
                        stock   1      <age>
                        """),
                Arguments.of("get cm -n shop -l tier!=back", """
                        NAME     DATA   AGE
                        prices   2      <age>
                        """),
                Arguments.of("get cm -A --field-selector metadata.name=prices", """
                        NAMESPACE   NAME     DATA   AGE
                        shop        prices   2      <age>
                        """),
                Arguments.of("get ns --field-selector metadata.name=shop --show-labels", """
                        NAME   STATUS   AGE   LABELS
                        shop   Active   <age> kubernetes.io/metadata.name=shop
                        """),
                Arguments.of("get pods -n shop", """
                        NAME   READY   STATUS    RESTARTS   AGE
                        p1     0/1     Pending   0          <age>
                        """),
                Arguments.of("get pods -n shop -o wide", """
                        NAME   READY   STATUS    RESTARTS   AGE   IP       NODE     NOMINATED NODE   READINESS GATES
                        p1     0/1     Pending   0          <age> <none>   <none>   <none>           <none>
                        """),
                Arguments.of("get pods -A --field-selector status.phase=Pending", """
                        NAMESPACE   NAME   READY   STATUS    RESTARTS   AGE
                        shop        p1     0/1     Pending   0          <age>
                        """),
                Arguments.of("get nodes", """
                        NAME   STATUS    ROLES    AGE   VERSION
                        n1     Unknown   <none>   <age>\s
                        """),
                Arguments.of("get nodes -o wide", """
                        NAME   STATUS    ROLES    AGE   VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE    \
                        KERNEL-VERSION   CONTAINER-RUNTIME
                        n1     Unknown   <none>   <age>           <none>        <none>        <unknown>   \
                        <unknown>        <unknown>
                        """),
                Arguments.of("get deployments -n shop", """
                        NAME   READY   UP-TO-DATE   AVAILABLE   AGE
                        web    0/2     0            0           <age>
                        """),
                Arguments.of("get deploy -A -o wide", """
                        NAMESPACE   NAME   READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES       SELECTOR
                        shop        web    0/2     0            0           <age> nginx        nginx:1.27   app=web
                        """),
                Arguments.of("get cm,deploy,pods -n shop -o name", """
                        configmap/prices
                        configmap/stock
                        deployment.apps/web
                        pod/p1
                        """));
    }

    @ParameterizedTest(name = "kubectl {0}")
    @MethodSource("tables")
    void getPrintsTheSameTableAsKubernetes(String command, String expected) {
        KubectlResult r = kubectl.run(command.split(" "));
        assertThat(r.stderr()).isEmpty();
        assertThat(r.exitCode()).isZero();
        assertThat(Masks.table(r.stdout())).isEqualTo(expected);
    }

    @Test
    void anEmptyListSaysSoOnStderrAndSucceeds() {
        KubectlResult r = kubectl.run("get", "configmaps", "-n", "kube-public");
        assertThat(r).isEqualTo(new KubectlResult(0, "", "No resources found in kube-public namespace.\n"));
    }

    @Test
    void yamlOutputShowsTheStoredConfigMap() {
        KubectlResult r = kubectl.run("get", "cm", "prices", "-n", "shop", "-o", "yaml");
        assertThat(r.exitCode()).isZero();
        assertThat(Masks.object(r.stdout())).isEqualTo("""
                apiVersion: v1
                data:
                  apple: "1"
                  pear: "2"
                kind: ConfigMap
                metadata:
                  creationTimestamp: "<time>"
                  name: prices
                  namespace: shop
                  resourceVersion: "<rv>"
                  uid: <uid>
                """);
    }

    @Test
    void yamlOutputShowsTheNamespaceDefaults() {
        KubectlResult r = kubectl.run("get", "ns", "shop", "-o", "yaml");
        assertThat(r.exitCode()).isZero();
        assertThat(Masks.object(r.stdout())).isEqualTo("""
                apiVersion: v1
                kind: Namespace
                metadata:
                  creationTimestamp: "<time>"
                  labels:
                    kubernetes.io/metadata.name: shop
                  name: shop
                  resourceVersion: "<rv>"
                  uid: <uid>
                spec:
                  finalizers:
                  - kubernetes
                status:
                  phase: Active
                """);
    }

    @Test
    void jsonOutputOfAListIsAKubectlList() {
        KubectlResult r = kubectl.run("get", "cm", "-n", "shop", "-l", "tier=back", "-o", "json");
        assertThat(r.exitCode()).isZero();
        assertThat(Masks.object(r.stdout())).isEqualTo("""
                {
                    "apiVersion": "v1",
                    "items": [
                        {
                            "apiVersion": "v1",
                            "data": {
                                "apple": "7"
                            },
                            "kind": "ConfigMap",
                            "metadata": {
                                "creationTimestamp": "<time>",
                                "labels": {
                                    "tier": "back"
                                },
                                "name": "stock",
                                "namespace": "shop",
                                "resourceVersion": "<rv>",
                                "uid": "<uid>"
                            }
                        }
                    ],
                    "kind": "List",
                    "metadata": {
                        "resourceVersion": ""
                    }
                }
                """);
    }

    @Test
    void apiResourcesListsEveryServedKind() {
        KubectlResult r = kubectl.run("api-resources");
        assertThat(r.stderr()).isEmpty();
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEqualTo("""
                NAME                        SHORTNAMES   APIVERSION                NAMESPACED   KIND
                configmaps                  cm           v1                        true         ConfigMap
                endpoints                   ep           v1                        true         Endpoints
                events                      ev           v1                        true         Event
                namespaces                  ns           v1                        false        Namespace
                nodes                       no           v1                        false        Node
                pods                        po           v1                        true         Pod
                secrets                                  v1                        true         Secret
                serviceaccounts             sa           v1                        true         ServiceAccount
                services                    svc          v1                        true         Service
                customresourcedefinitions   crd,crds     apiextensions.k8s.io/v1   false        CustomResourceDefinition
                daemonsets                  ds           apps/v1                   true         DaemonSet
                deployments                 deploy       apps/v1                   true         Deployment
                replicasets                 rs           apps/v1                   true         ReplicaSet
                statefulsets                sts          apps/v1                   true         StatefulSet
                leases                                   coordination.k8s.io/v1    true         Lease
                """);
    }

    @Test
    void apiResourcesWideShowsVerbsAndCategoriesAsKubernetesDeclaresThem() {
        KubectlResult r = kubectl.run("api-resources", "-o", "wide", "--api-group=");
        assertThat(r.exitCode()).isZero();
        String all = "create,delete,deletecollection,get,list,patch,update,watch";
        assertThat(r.stdout()).contains(
                "namespaces        ns           v1           false        Namespace        "
                        + "create,delete,get,list,patch,update,watch                    \n",
                "pods              po           v1           true         Pod              " + all + "   all\n",
                "configmaps        cm           v1           true         ConfigMap        " + all + "   \n");
    }
}
