package io.cairn.apiserver.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

class PrinterCellsTest {

    private final TableConverter tables = new TableConverter(Fixtures.CLOCK);

    static Stream<Arguments> objects() {
        return Stream.of(
                Arguments.of("namespace", "", "namespaces", """
                        ["team-a","Active","5m"]"""),
                Arguments.of("namespace-terminating", "", "namespaces", """
                        ["old","Terminating","12d"]"""),
                Arguments.of("configmap", "", "configmaps", """
                        ["app-config",3,"3h"]"""),
                Arguments.of("secret", "", "secrets", """
                        ["db-credentials","kubernetes.io/basic-auth",2,"2d"]"""),
                Arguments.of("serviceaccount", "", "serviceaccounts", """
                        ["default",0,"30s"]"""),
                Arguments.of("service-clusterip", "", "services", """
                        ["web","ClusterIP","10.96.12.7","<none>","80/TCP,53/UDP","120m","app=web,tier=frontend"]"""),
                Arguments.of("service-nodeport", "", "services", """
                        ["web-np","NodePort","10.96.0.20","192.0.2.10","80:30080/TCP","120m","app=web"]"""),
                Arguments.of("service-loadbalancer-pending", "", "services", """
                        ["edge","LoadBalancer","10.96.0.30","<pending>","443:31443/TCP","120m","<none>"]"""),
                Arguments.of("service-loadbalancer", "", "services", """
                        ["edge","LoadBalancer","10.96.0.30",\
                        "203.0.113.5,a1b2c3d4e5f6-1234567890.elb.example.com,192.0.2.99",\
                        "443:31443/TCP","120m","<none>"]"""),
                Arguments.of("service-externalname", "", "services", """
                        ["db","ExternalName","<none>","db.example.com","<none>","120m","<none>"]"""),
                Arguments.of("service-headless", "", "services", """
                        ["cassandra","ClusterIP","None","<none>","9042/TCP","120m","app=cassandra"]"""),
                Arguments.of("endpoints", "", "endpoints", """
                        ["web","10.244.1.5:8080,[fd00::5]:8080","120m"]"""),
                Arguments.of("endpoints-many", "", "endpoints", """
                        ["web","10.244.1.5:8080,10.244.2.6:8080,10.244.1.5:9090 + 2 more...","120m"]"""),
                Arguments.of("endpoints-empty", "", "endpoints", """
                        ["idle","<none>","120m"]"""),
                Arguments.of("lease", "coordination.k8s.io", "leases", """
                        ["kube-controller-manager","cp-1_5f0b7a1e","31d"]"""),
                Arguments.of("custom", "example.com", "widgets", """
                        ["w1","2025-05-31T08:30:15Z"]"""),
                Arguments.of("node-ready", "", "nodes", """
                        ["cp-1","Ready","control-plane,etcd,master","365d","v1.32.3","192.168.1.10",\
                        "198.51.100.10","Ubuntu 24.04.1 LTS","6.8.0-45-generic","containerd://1.7.22"]"""),
                Arguments.of("node-notready-cordoned", "", "nodes", """
                        ["worker-9","NotReady,SchedulingDisabled","<none>","30h","v1.31.1","192.168.1.19",\
                        "<none>","<unknown>","<unknown>","<unknown>"]"""),
                Arguments.of("event", "", "events", """
                        ["3m","Normal","Pulled","pod/web-7d4b9c-x2x9q","spec.containers{web}","kubelet, worker-1",\
                        "Container image \\"nginx:1.27\\" already present on machine","60m",3,\
                        "web-7d4b9c-x2x9q.17f2a3b4c5d6e7f8"]"""),
                Arguments.of("event-series", "", "events", """
                        ["29m","Normal","LeaderElection","lease/kube-scheduler","",\
                        "default-scheduler, default-scheduler-cp-1","cp-1 became leader","119m",7,"leader.17f2"]"""),
                Arguments.of("event-singleton", "", "events", """
                        ["60s","Warning","Rebooted","node","","kubelet","done","60s",1,"cluster.1"]"""),
                Arguments.of("deployment", "apps", "deployments", """
                        ["web","2/3",2,1,"7d","web,exporter","nginx:1.27,nginx-exporter:1.1",\
                        "app=web,env in (canary,prod),!legacy,tier=frontend"]"""),
                Arguments.of("replicaset", "apps", "replicasets", """
                        ["web-7d4b9c",3,3,2,"10m","web","nginx:1.27","app=web,pod-template-hash=7d4b9c"]"""),
                Arguments.of("statefulset", "apps", "statefulsets", """
                        ["db","1/3","10h","postgres","postgres:17"]"""),
                Arguments.of("daemonset", "apps", "daemonsets", """
                        ["node-exporter",5,5,4,3,4,"disk=ssd,kubernetes.io/os=linux","61d","exporter,rbac-proxy",\
                        "node-exporter:1.8,kube-rbac-proxy:0.18","app=node-exporter,track notin (alpha,beta)"]"""),
                Arguments.of("pod-running", "", "pods", """
                        ["web-7d4b9c-x2x9q","2/2","Running","0","60m","10.244.1.5","worker-1","<none>","<none>"]"""),
                Arguments.of("pod-pending", "", "pods", """
                        ["unscheduled","0/1","Pending","0","10s","<none>","<none>","<none>","<none>"]"""),
                Arguments.of("pod-creating", "", "pods", """
                        ["starting","0/1","ContainerCreating","0","30s","<none>","worker-2","worker-3","1/2"]"""),
                Arguments.of("pod-crashloop", "", "pods", """
                        ["flaky","1/2","CrashLoopBackOff","5 (5m ago)","120m","10.244.1.9","worker-1","<none>",\
                        "<none>"]"""),
                Arguments.of("pod-init", "", "pods", """
                        ["migrating","0/1","Init:1/2","0","2m","<none>","<none>","<none>","<none>"]"""),
                Arguments.of("pod-init-failed", "", "pods", """
                        ["bad-init","0/1","Init:CrashLoopBackOff","2 (60s ago)","2m","<none>","<none>","<none>",\
                        "<none>"]"""),
                Arguments.of("pod-sidecar", "", "pods", """
                        ["with-sidecar","2/2","Running","1 (20m ago)","60m","10.244.2.2","<none>","<none>",\
                        "<none>"]"""),
                Arguments.of("pod-terminating", "", "pods", """
                        ["going","1/1","Terminating","0","3d","10.244.1.7","worker-1","<none>","<none>"]"""),
                Arguments.of("pod-completed", "", "pods", """
                        ["job-x7k2p","0/1","Completed","0","5h","10.244.2.8","worker-2","<none>","<none>"]"""),
                Arguments.of("pod-evicted", "", "pods", """
                        ["evicted","0/1","ContainerStatusUnknown","0","31d","<none>","worker-1","<none>",\
                        "<none>"]"""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("objects")
    void printsTheCellsKubeApiserverPrintsForTheObject(String fixture, String group, String resource,
                                                       String expectedCells) {
        ObjectNode row = tables.row(group, resource, Fixtures.load(fixture), IncludeObject.NONE);

        assertThat(Fixtures.text(row.get("cells"))).isEqualTo(Fixtures.text(Fixtures.parse(
                "{\"c\":" + expectedCells + "}").get("c")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("objects")
    void printsOneCellPerColumnDefinition(String fixture, String group, String resource, String expectedCells) {
        ObjectNode row = tables.row(group, resource, Fixtures.load(fixture), IncludeObject.NONE);

        assertThat(row.get("cells").size()).isEqualTo(tables.columnDefinitions(group, resource).size());
    }
}
