package io.cairn.apiserver.protobuf;

import com.google.protobuf.Message;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Autoscaling;
import io.kubernetes.client.proto.V1Batch;
import io.kubernetes.client.proto.V1Coordination;
import io.kubernetes.client.proto.V1Discovery;
import io.kubernetes.client.proto.V1Events;
import io.kubernetes.client.proto.V1Networking;
import io.kubernetes.client.proto.V1Policy;
import io.kubernetes.client.proto.V1Rbac;
import io.kubernetes.client.proto.V1Scheduling;
import io.kubernetes.client.proto.V1Storage;
import io.kubernetes.client.proto.V2Autoscaling;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which (apiVersion, kind) pairs Cairn decodes from protobuf, and the generated message type of each.
 *
 * <p>Why a table: the body names its type only by apiVersion and kind, and the raw bytes can be parsed only once the
 * message type is known. {@code DeleteOptions} is accepted under {@code meta.k8s.io/v1} and under every group
 * version listed here, because kube registers it in each group and client-go encodes a DELETE body with the group
 * version of the resource it deletes.
 */
final class KindRegistry {

    private static final String DELETE_OPTIONS = "DeleteOptions";

    private static final Map<KindKey, Message> KINDS = kinds();

    private KindRegistry() {
    }

    /** The default instance of the message registered for the pair, whose parser reads the raw bytes. */
    static Optional<Message> lookup(String apiVersion, String kind) {
        return Optional.ofNullable(KINDS.get(new KindKey(apiVersion, kind)));
    }

    /** Every registered pair, DeleteOptions included. */
    static Set<KindKey> keys() {
        return KINDS.keySet();
    }

    private static Map<KindKey, Message> kinds() {
        Map<KindKey, Message> kinds = new LinkedHashMap<>();
        put(kinds, "v1", V1.Namespace.getDefaultInstance(), V1.ConfigMap.getDefaultInstance(),
                V1.Secret.getDefaultInstance(), V1.Service.getDefaultInstance(),
                V1.ServiceAccount.getDefaultInstance(), V1.Pod.getDefaultInstance(), V1.Node.getDefaultInstance(),
                V1.Event.getDefaultInstance(), V1.Endpoints.getDefaultInstance(),
                V1.ResourceQuota.getDefaultInstance(), V1.LimitRange.getDefaultInstance(),
                V1.PersistentVolumeClaim.getDefaultInstance(), V1.PersistentVolume.getDefaultInstance(),
                V1.ReplicationController.getDefaultInstance(), V1.PodTemplate.getDefaultInstance());
        put(kinds, "apps/v1", V1Apps.Deployment.getDefaultInstance(), V1Apps.ReplicaSet.getDefaultInstance(),
                V1Apps.StatefulSet.getDefaultInstance(), V1Apps.DaemonSet.getDefaultInstance(),
                V1Apps.ControllerRevision.getDefaultInstance());
        put(kinds, "batch/v1", V1Batch.Job.getDefaultInstance(), V1Batch.CronJob.getDefaultInstance());
        put(kinds, "coordination.k8s.io/v1", V1Coordination.Lease.getDefaultInstance());
        put(kinds, "rbac.authorization.k8s.io/v1", V1Rbac.Role.getDefaultInstance(),
                V1Rbac.RoleBinding.getDefaultInstance(), V1Rbac.ClusterRole.getDefaultInstance(),
                V1Rbac.ClusterRoleBinding.getDefaultInstance());
        put(kinds, "policy/v1", V1Policy.PodDisruptionBudget.getDefaultInstance());
        put(kinds, "scheduling.k8s.io/v1", V1Scheduling.PriorityClass.getDefaultInstance());
        put(kinds, "networking.k8s.io/v1", V1Networking.Ingress.getDefaultInstance(),
                V1Networking.IngressClass.getDefaultInstance(), V1Networking.NetworkPolicy.getDefaultInstance());
        put(kinds, "events.k8s.io/v1", V1Events.Event.getDefaultInstance());
        put(kinds, "discovery.k8s.io/v1", V1Discovery.EndpointSlice.getDefaultInstance());
        put(kinds, "storage.k8s.io/v1", V1Storage.StorageClass.getDefaultInstance());
        put(kinds, "autoscaling/v1", V1Autoscaling.HorizontalPodAutoscaler.getDefaultInstance());
        put(kinds, "autoscaling/v2", V2Autoscaling.HorizontalPodAutoscaler.getDefaultInstance());
        Set<String> versions = kinds.keySet().stream().map(KindKey::apiVersion).collect(Collectors.toSet());
        versions.add("meta.k8s.io/v1");
        for (String version : versions) {
            kinds.put(new KindKey(version, DELETE_OPTIONS), Meta.DeleteOptions.getDefaultInstance());
        }
        return Map.copyOf(kinds);
    }

    /** Registers each message under its own descriptor name, which is the kind. */
    private static void put(Map<KindKey, Message> kinds, String apiVersion, Message... messages) {
        for (Message message : messages) {
            kinds.put(new KindKey(apiVersion, message.getDescriptorForType().getName()), message);
        }
    }
}
