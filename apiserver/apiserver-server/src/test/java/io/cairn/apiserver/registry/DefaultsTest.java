package io.cairn.apiserver.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.apiserver.resource.ResourceCatalog;
import io.cairn.apiserver.resource.ResourceType;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class DefaultsTest {
    private static final ResourceCatalog CATALOG = ResourceCatalog.builtIn();

    private static ObjectNode json(String text) {
        return (ObjectNode) ObjectCodec.JSON.readTree(text);
    }

    private static ObjectNode defaulted(String group, String plural, String body) {
        ResourceType t = CATALOG.find(group, "v1", plural).orElseThrow();
        ObjectNode o = json(body);
        Defaults.apply(t, o, new SplittableRandom(1));
        return o;
    }

    @Test
    void anEmptyDeploymentStrategyBecomesARollingUpdateOfAQuarter() {
        ObjectNode d = defaulted("apps", "deployments", "{\"spec\":{\"strategy\":{},\"template\":{\"spec\":{}}}}");

        assertThat(d.path("spec").path("strategy")).isEqualTo(json(
                "{\"type\":\"RollingUpdate\",\"rollingUpdate\":{\"maxUnavailable\":\"25%\",\"maxSurge\":\"25%\"}}"));
        assertThat(d.path("spec").path("replicas").asInt()).isEqualTo(1);
        assertThat(d.path("spec").path("template").path("metadata").get("creationTimestamp").isNull()).isTrue();
        assertThat(d.path("status").isObject()).isTrue();
    }

    @Test
    void aRecreateStrategyGetsNoRollingUpdateBlock() {
        ObjectNode d = defaulted("apps", "deployments", "{\"spec\":{\"strategy\":{\"type\":\"Recreate\"}}}");

        assertThat(d.path("spec").path("strategy")).isEqualTo(json("{\"type\":\"Recreate\"}"));
    }

    @Test
    void anEmptyStatefulSetUpdateStrategyIsFilledAndStatusShowsZeroReplicas() {
        ObjectNode s = defaulted("apps", "statefulsets", "{\"spec\":{\"updateStrategy\":{}}}");

        assertThat(s.path("spec").path("updateStrategy")).isEqualTo(json(
                "{\"type\":\"RollingUpdate\",\"rollingUpdate\":{\"partition\":0}}"));
        assertThat(s.path("status").path("replicas").asInt(-1)).isZero();
    }

    @Test
    void aTerminatingNamespaceKeepsItsPhase() {
        ObjectNode n = defaulted("", "namespaces",
                "{\"metadata\":{\"name\":\"x\"},\"status\":{\"phase\":\"Terminating\"}}");

        assertThat(n.path("status").path("phase").asString()).isEqualTo("Terminating");
        assertThat(n.path("metadata").path("labels").path("kubernetes.io/metadata.name").asString()).isEqualTo("x");
    }

    @Test
    void aPodGetsWhatKubesAdmissionAdds() {
        ObjectNode p = defaulted("", "pods", "{\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}");

        assertThat(p.path("spec").path("enableServiceLinks").asBoolean()).isTrue();
        assertThat(p.path("spec").path("priority").asInt(-1)).isZero();
        assertThat(p.path("spec").path("preemptionPolicy").asString()).isEqualTo("PreemptLowerPriority");
        assertThat(p.path("spec").path("tolerations")).hasSize(2);
        assertThat(p.path("spec").path("containers").get(0).path("imagePullPolicy").asString()).isEqualTo("Always");
        assertThat(p.path("status").path("phase").asString()).isEqualTo("Pending");
    }

    @Test
    void aServicePortTargetsItselfAndSpeaksTcp() {
        ObjectNode s = defaulted("", "services", "{\"spec\":{\"ports\":[{\"port\":80}]}}");

        assertThat(s.path("spec").path("ports").get(0)).isEqualTo(json(
                "{\"port\":80,\"protocol\":\"TCP\",\"targetPort\":80}"));
        assertThat(s.path("spec").path("type").asString()).isEqualTo("ClusterIP");
        assertThat(s.path("spec").path("clusterIP").asString()).startsWith("10.43.");
        assertThat(s.path("status").path("loadBalancer").isObject()).isTrue();
    }
}
