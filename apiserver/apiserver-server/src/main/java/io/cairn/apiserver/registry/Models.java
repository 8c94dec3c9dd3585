package io.cairn.apiserver.registry;

import io.cairn.apiserver.resource.ResourceType;
import io.cairn.apiserver.status.Statuses;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.node.ObjectNode;

/**
 * Type checks of incoming objects against the Kubernetes model classes (fabric8's kubernetes-model).
 *
 * <p>Why: kube-apiserver decodes every body into its Go types, so a string where a number belongs is a 400 before
 * anything is stored; decoding into the maintained Java models gives the same guarantee without hand-written types.
 */
public final class Models {
    private static final Map<String, Class<?>> CLASSES = Map.ofEntries(
            Map.entry("v1/Namespace", io.fabric8.kubernetes.api.model.Namespace.class),
            Map.entry("v1/ConfigMap", io.fabric8.kubernetes.api.model.ConfigMap.class),
            Map.entry("v1/Secret", io.fabric8.kubernetes.api.model.Secret.class),
            Map.entry("v1/Service", io.fabric8.kubernetes.api.model.Service.class),
            Map.entry("v1/ServiceAccount", io.fabric8.kubernetes.api.model.ServiceAccount.class),
            Map.entry("v1/Pod", io.fabric8.kubernetes.api.model.Pod.class),
            Map.entry("v1/Node", io.fabric8.kubernetes.api.model.Node.class),
            Map.entry("v1/Event", io.fabric8.kubernetes.api.model.Event.class),
            Map.entry("v1/Endpoints", io.fabric8.kubernetes.api.model.Endpoints.class),
            Map.entry("apps/v1/Deployment", io.fabric8.kubernetes.api.model.apps.Deployment.class),
            Map.entry("apps/v1/ReplicaSet", io.fabric8.kubernetes.api.model.apps.ReplicaSet.class),
            Map.entry("apps/v1/StatefulSet", io.fabric8.kubernetes.api.model.apps.StatefulSet.class),
            Map.entry("apps/v1/DaemonSet", io.fabric8.kubernetes.api.model.apps.DaemonSet.class),
            Map.entry("coordination.k8s.io/v1/Lease", io.fabric8.kubernetes.api.model.coordination.v1.Lease.class),
            Map.entry("apiextensions.k8s.io/v1/CustomResourceDefinition",
                    io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition.class));

    private Models() {
    }

    /** The model class of a kind; empty for kinds without one (their fields are all taken as known). */
    public static Optional<Class<?>> of(ResourceType t) {
        return of(t.apiVersion(), t.kind());
    }

    /** The model class of a kind named by apiVersion ("apps/v1") and kind ("Deployment"). */
    public static Optional<Class<?>> of(String apiVersion, String kind) {
        return Optional.ofNullable(CLASSES.get(apiVersion + "/" + kind));
    }

    /** Fails with 400 when the object does not decode into its kind's model. */
    static void check(ResourceType t, ObjectNode object) {
        Class<?> c = CLASSES.get(t.apiVersion() + "/" + t.kind());
        if (c == null) {
            return;
        }
        try {
            ObjectCodec.JSON.treeToValue(object, c);
        } catch (JacksonException e) {
            throw Statuses.badRequest(t.kind() + " in version \"" + t.version() + "\" cannot be handled as a "
                    + t.kind() + ": " + e.getOriginalMessage());
        }
    }
}
