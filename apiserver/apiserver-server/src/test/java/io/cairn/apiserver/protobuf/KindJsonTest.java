package io.cairn.apiserver.protobuf;

import static io.cairn.apiserver.protobuf.Bodies.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.kubernetes.client.proto.IntStr.IntOrString;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Resource.Quantity;
import io.kubernetes.client.proto.Runtime.RawExtension;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Coordination;
import io.kubernetes.client.proto.V1Networking;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/** Objects built with the proto builders, decoded and compared with the JSON kube writes for them. */
class KindJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long NOV_28_10AM = Instant.parse("2026-11-28T10:00:00Z").getEpochSecond();

    private static Meta.ObjectMeta.Builder meta(String name) {
        return Meta.ObjectMeta.newBuilder().setName(name);
    }

    private static void assertDecodes(String apiVersion, String kind, Message object, String expectedJson)
            throws ProtobufBodyException {
        String actual = KubeProtobuf.decode(body(apiVersion, kind, object)).toString();
        // compared as trees, so field order and int/long node types do not matter
        assertThat(JSON.readTree(actual)).isEqualTo(JSON.readTree(expectedJson));
    }

    @Test
    void configMapDataKeepsEmptyValuesAndBinaryDataIsBase64() throws Exception {
        V1.ConfigMap configMap = V1.ConfigMap.newBuilder()
                .setMetadata(meta("app").setNamespace("default").putLabels("tier", "web"))
                .putData("greeting", "hello")
                .putData("empty", "")
                .putBinaryData("blob", ByteString.copyFrom(new byte[] {0, 1, 2, (byte) 0xff}))
                .build();

        assertDecodes("v1", "ConfigMap", configMap, """
                {"apiVersion":"v1","kind":"ConfigMap",
                 "metadata":{"name":"app","namespace":"default","labels":{"tier":"web"}},
                 "data":{"empty":"","greeting":"hello"},"binaryData":{"blob":"AAEC/w=="}}""");
    }

    @Test
    void secretBytesDataIsBase64WithPaddingAndStringDataStaysText() throws Exception {
        V1.Secret secret = V1.Secret.newBuilder()
                .setMetadata(meta("creds"))
                .putData("password", ByteString.copyFromUtf8("s3cr3t"))
                .putData("none", ByteString.EMPTY)
                .putStringData("user", "admin")
                .setType("Opaque")
                .build();

        assertDecodes("v1", "Secret", secret, """
                {"apiVersion":"v1","kind":"Secret","metadata":{"name":"creds"},
                 "data":{"none":"","password":"czNjcjN0"},"stringData":{"user":"admin"},"type":"Opaque"}""");
    }

    @Test
    void deploymentKeepsAZeroReplicaCountAndDropsGoOmitemptyZerosThatKubectlAlwaysSends() throws Exception {
        // kubectl's marshaller writes every non-pointer field, so these zeros and empty strings are on the wire
        V1Apps.Deployment deployment = V1Apps.Deployment.newBuilder()
                .setMetadata(meta("web").setGenerateName("").setGeneration(0)
                        .setCreationTimestamp(Meta.Time.getDefaultInstance()))
                .setSpec(V1Apps.DeploymentSpec.newBuilder()
                        .setReplicas(0)
                        .setMinReadySeconds(0)
                        .setPaused(false)
                        .setSelector(Meta.LabelSelector.newBuilder().putMatchLabels("app", "web"))
                        .setStrategy(V1Apps.DeploymentStrategy.getDefaultInstance())
                        .setTemplate(V1.PodTemplateSpec.newBuilder()
                                .setMetadata(meta("").putLabels("app", "web")
                                        .setCreationTimestamp(Meta.Time.getDefaultInstance()))
                                .setSpec(V1.PodSpec.newBuilder()
                                        .setHostNetwork(false)
                                        .addContainers(V1.Container.newBuilder()
                                                .setName("nginx")
                                                .setImage("nginx:1.27")
                                                .setStdin(false)
                                                .addPorts(V1.ContainerPort.newBuilder()
                                                        .setContainerPort(80).setHostPort(0).setProtocol("TCP")
                                                        .setName("").setHostIP(""))
                                                .setResources(V1.ResourceRequirements.newBuilder()
                                                        .putLimits("cpu", quantity("500m"))
                                                        .putLimits("memory", quantity("128Mi"))
                                                        .putRequests("cpu", quantity("250m")))))))
                .setStatus(V1Apps.DeploymentStatus.newBuilder().setReplicas(0).setObservedGeneration(0))
                .build();

        assertDecodes("apps/v1", "Deployment", deployment, """
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
                 "spec":{"replicas":0,
                         "selector":{"matchLabels":{"app":"web"}},
                         "template":{"metadata":{"labels":{"app":"web"}},
                                     "spec":{"containers":[{"name":"nginx","image":"nginx:1.27",
                                         "ports":[{"containerPort":80,"protocol":"TCP"}],
                                         "resources":{"limits":{"cpu":"500m","memory":"128Mi"},
                                                      "requests":{"cpu":"250m"}}}]}},
                         "strategy":{}},
                 "status":{}}""");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0 | 8080 |      | 8080",
        "0 | 0    |      | 0",
        "1 | 0    | http | \"http\"",
    })
    void serviceTargetPortIsANumberOrAStringByItsIntOrStringType(long type, int intVal, String strVal,
            String targetPortJson) throws Exception {
        IntOrString.Builder targetPort = IntOrString.newBuilder().setType(type).setIntVal(intVal);
        if (strVal != null) {
            targetPort.setStrVal(strVal);
        }
        V1.Service service = V1.Service.newBuilder()
                .setMetadata(meta("web"))
                .setSpec(V1.ServiceSpec.newBuilder()
                        .setType("ClusterIP")
                        .addPorts(V1.ServicePort.newBuilder()
                                .setName("http").setProtocol("TCP").setPort(80).setNodePort(0).setAppProtocol("")
                                .setTargetPort(targetPort))
                        .putSelector("app", "web"))
                .build();

        assertDecodes("v1", "Service", service, """
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},
                 "spec":{"ports":[{"name":"http","protocol":"TCP","appProtocol":"","port":80,"targetPort":%s}],
                         "selector":{"app":"web"},"type":"ClusterIP"}}""".formatted(targetPortJson));
    }

    @Test
    void eventTimesAreRfc3339InUtcWithSecondsForTimeAndMicrosecondsForMicroTime() throws Exception {
        V1.Event event = V1.Event.newBuilder()
                .setMetadata(meta("web.1"))
                .setInvolvedObject(V1.ObjectReference.newBuilder().setKind("Pod").setName("web"))
                .setReason("Started")
                .setFirstTimestamp(Meta.Time.newBuilder().setSeconds(NOV_28_10AM).setNanos(999_999_999))
                .setLastTimestamp(Meta.Time.newBuilder().setSeconds(0).setNanos(0))
                .setEventTime(Meta.MicroTime.newBuilder().setSeconds(NOV_28_10AM).setNanos(123_456_789))
                .setCount(0)
                .setReportingComponent("")
                .build();

        assertDecodes("v1", "Event", event, """
                {"apiVersion":"v1","kind":"Event","metadata":{"name":"web.1"},
                 "involvedObject":{"kind":"Pod","name":"web"},"reason":"Started",
                 "firstTimestamp":"2026-11-28T10:00:00Z","lastTimestamp":"1970-01-01T00:00:00Z",
                 "eventTime":"2026-11-28T10:00:00.123456Z","reportingComponent":""}""");
    }

    @Test
    void leaseRenewTimeIsAMicroTimeAndAZeroPointerDurationIsKept() throws Exception {
        V1Coordination.Lease lease = V1Coordination.Lease.newBuilder()
                .setMetadata(meta("node-1").setNamespace("kube-node-lease"))
                .setSpec(V1Coordination.LeaseSpec.newBuilder()
                        .setHolderIdentity("node-1")
                        .setLeaseDurationSeconds(0)
                        .setRenewTime(Meta.MicroTime.newBuilder().setSeconds(NOV_28_10AM).setNanos(5_000))
                        .setLeaseTransitions(0))
                .build();

        assertDecodes("coordination.k8s.io/v1", "Lease", lease, """
                {"apiVersion":"coordination.k8s.io/v1","kind":"Lease",
                 "metadata":{"name":"node-1","namespace":"kube-node-lease"},
                 "spec":{"holderIdentity":"node-1","leaseDurationSeconds":0,
                         "renewTime":"2026-11-28T10:00:00.000005Z","leaseTransitions":0}}""");
    }

    @Test
    void embeddedGoStructsAreWrittenInlineAndAContainersEmptyNameIsKept() throws Exception {
        V1.Pod pod = V1.Pod.newBuilder()
                .setMetadata(meta("web"))
                .setSpec(V1.PodSpec.newBuilder()
                        .addVolumes(V1.Volume.newBuilder().setName("config")
                                .setVolumeSource(V1.VolumeSource.newBuilder()
                                        .setConfigMap(V1.ConfigMapVolumeSource.newBuilder()
                                                .setLocalObjectReference(V1.LocalObjectReference.newBuilder()
                                                        .setName("app"))
                                                .setDefaultMode(420))))
                        .addContainers(V1.Container.newBuilder()
                                .setName("")
                                .addEnv(V1.EnvVar.newBuilder().setName("TOKEN")
                                        .setValueFrom(V1.EnvVarSource.newBuilder()
                                                .setSecretKeyRef(V1.SecretKeySelector.newBuilder()
                                                        .setLocalObjectReference(V1.LocalObjectReference.newBuilder()
                                                                .setName("creds"))
                                                        .setKey("token"))))
                                .setReadinessProbe(V1.Probe.newBuilder()
                                        .setHandler(V1.ProbeHandler.newBuilder()
                                                .setHttpGet(V1.HTTPGetAction.newBuilder().setPath("/healthz")
                                                        .setPort(IntOrString.newBuilder().setType(1)
                                                                .setStrVal("http"))))
                                        .setPeriodSeconds(0)
                                        .setFailureThreshold(3))))
                .build();

        assertDecodes("v1", "Pod", pod, """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web"},
                 "spec":{"volumes":[{"name":"config","configMap":{"name":"app","defaultMode":420}}],
                         "containers":[{"name":"",
                             "env":[{"name":"TOKEN","valueFrom":{"secretKeyRef":{"name":"creds","key":"token"}}}],
                             "readinessProbe":{"httpGet":{"path":"/healthz","port":"http"},
                                               "failureThreshold":3}}]}}""");
    }

    @Test
    void aProtoFieldNamedDifferentlyFromItsJsonTagIsWrittenUnderTheJsonName() throws Exception {
        V1Networking.IngressClass ingressClass = V1Networking.IngressClass.newBuilder()
                .setMetadata(meta("nginx"))
                .setSpec(V1Networking.IngressClassSpec.newBuilder()
                        .setController("k8s.io/ingress-nginx")
                        .setParameters(V1Networking.IngressClassParametersReference.newBuilder()
                                .setAPIGroup("k8s.example.com").setKind("Params").setName("p")))
                .build();

        assertDecodes("networking.k8s.io/v1", "IngressClass", ingressClass, """
                {"apiVersion":"networking.k8s.io/v1","kind":"IngressClass","metadata":{"name":"nginx"},
                 "spec":{"controller":"k8s.io/ingress-nginx",
                         "parameters":{"apiGroup":"k8s.example.com","kind":"Params","name":"p"}}}""");
    }

    @Test
    void rawExtensionAndManagedFieldsCarryTheirEmbeddedJson() throws Exception {
        V1Apps.ControllerRevision revision = V1Apps.ControllerRevision.newBuilder()
                .setMetadata(meta("web-1").addManagedFields(Meta.ManagedFieldsEntry.newBuilder()
                        .setManager("kubectl").setOperation("Update").setApiVersion("apps/v1")
                        .setTime(Meta.Time.newBuilder().setSeconds(NOV_28_10AM))
                        .setFieldsType("FieldsV1")
                        .setFieldsV1(Meta.FieldsV1.newBuilder().setRaw(utf8("{\"f:data\":{}}")))))
                .setData(RawExtension.newBuilder().setRaw(utf8("{\"spec\":{\"replicas\":2}}")))
                .setRevision(1)
                .build();

        assertDecodes("apps/v1", "ControllerRevision", revision, """
                {"apiVersion":"apps/v1","kind":"ControllerRevision",
                 "metadata":{"name":"web-1","managedFields":[{"manager":"kubectl","operation":"Update",
                     "apiVersion":"apps/v1","time":"2026-11-28T10:00:00Z","fieldsType":"FieldsV1",
                     "fieldsV1":{"f:data":{}}}]},
                 "data":{"spec":{"replicas":2}},"revision":1}""");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{not json        | RawExtension does not hold valid JSON",
        "{} {}            | RawExtension does not hold valid JSON",
    })
    void rawExtensionBytesThatAreNotOneJsonValueAreRefused(String raw, String message) {
        V1Apps.ControllerRevision revision = V1Apps.ControllerRevision.newBuilder()
                .setData(RawExtension.newBuilder().setRaw(utf8(raw))).build();

        assertThatThrownBy(() -> KubeProtobuf.decode(body("apps/v1", "ControllerRevision", revision)))
                .isInstanceOf(ProtobufBodyException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void anEmptyQuantityIsRefusedAsKubeRefusesIt() {
        V1.ResourceQuota quota = V1.ResourceQuota.newBuilder()
                .setSpec(V1.ResourceQuotaSpec.newBuilder().putHard("pods", Quantity.getDefaultInstance()))
                .build();

        assertThatThrownBy(() -> KubeProtobuf.decode(body("v1", "ResourceQuota", quota)))
                .isInstanceOf(ProtobufBodyException.class)
                .hasMessageStartingWith("quantities must match the regular expression");
    }

    @Test
    void anIntOrStringOfAnUnknownTypeIsRefused() {
        V1.Service service = V1.Service.newBuilder()
                .setSpec(V1.ServiceSpec.newBuilder().addPorts(V1.ServicePort.newBuilder()
                        .setPort(80).setTargetPort(IntOrString.newBuilder().setType(2))))
                .build();

        assertThatThrownBy(() -> KubeProtobuf.decode(body("v1", "Service", service)))
                .isInstanceOf(ProtobufBodyException.class)
                .hasMessage("impossible IntOrString.Type");
    }

    private static Quantity quantity(String value) {
        return Quantity.newBuilder().setString(value).build();
    }

    private static ByteString utf8(String text) {
        return ByteString.copyFrom(text, StandardCharsets.UTF_8);
    }
}
