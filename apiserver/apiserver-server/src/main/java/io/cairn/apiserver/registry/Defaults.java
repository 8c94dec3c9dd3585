package io.cairn.apiserver.registry;

import io.cairn.apiserver.resource.ResourceType;
import java.util.random.RandomGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The defaults kube-apiserver fills in on create (its defaulting functions), for the fields clients print.
 *
 * <p>Why: {@code kubectl get deploy} shows READY 0/1 because {@code spec.replicas} defaults to 1; a Service shows a
 * CLUSTER-IP; {@code -o yaml} shows the defaulted pod template. Only unset fields are filled.
 */
final class Defaults {
    private Defaults() {
    }

    /** Fills the unset defaulted fields of {@code o}; on updates too, as kube defaults every decoded object. */
    static void apply(ResourceType t, ObjectNode o, RandomGenerator random) {
        String key = t.group() + "/" + t.kind();
        switch (key) {
            case "/Namespace" -> {
                String name = o.path("metadata").path("name").asString("");
                o.withObject("metadata").withObject("labels").put("kubernetes.io/metadata.name", name);
                ObjectNode spec = o.withObject("spec");
                if (!spec.has("finalizers")) {
                    spec.putArray("finalizers").add("kubernetes");
                }
                putIfAbsent(o.withObject("status"), "phase", "Active");
            }
            case "/Secret" -> {
                putIfAbsent(o, "type", "Opaque");
                SecretData.fold(o);
            }
            case "/Service" -> {
                service(o.withObject("spec"), random);
                o.withObject("status").withObject("loadBalancer");
            }
            case "/Node" -> {
                o.withObject("spec");
                ObjectNode status = o.withObject("status");
                status.withObject("daemonEndpoints").withObject("kubeletEndpoint").put("Port", 0);
                ObjectNode info = status.withObject("nodeInfo");
                for (String f : new String[] {"machineID", "systemUUID", "bootID", "kernelVersion", "osImage",
                    "containerRuntimeVersion", "kubeletVersion", "kubeProxyVersion", "operatingSystem",
                    "architecture"}) {
                    if (!info.has(f)) {
                        info.put(f, "");
                    }
                }
            }
            case "/Pod" -> {
                ObjectNode spec = o.withObject("spec");
                podSpec(spec);
                // what kube's admission plugins add to every pod (Priority, DefaultTolerationSeconds)
                if (!spec.has("enableServiceLinks")) {
                    spec.put("enableServiceLinks", true);
                }
                intIfAbsent(spec, "priority", 0);
                putIfAbsent(spec, "preemptionPolicy", "PreemptLowerPriority");
                if (!spec.has("tolerations")) {
                    var tolerations = spec.putArray("tolerations");
                    for (String taint : new String[] {"node.kubernetes.io/not-ready",
                        "node.kubernetes.io/unreachable"}) {
                        tolerations.addObject().put("key", taint).put("operator", "Exists").put("effect", "NoExecute")
                                .put("tolerationSeconds", 300);
                    }
                }
                ObjectNode status = o.withObject("status");
                putIfAbsent(status, "phase", "Pending");
                putIfAbsent(status, "qosClass", "BestEffort");
            }
            case "apps/Deployment" -> {
                ObjectNode spec = o.withObject("spec");
                intIfAbsent(spec, "replicas", 1);
                intIfAbsent(spec, "revisionHistoryLimit", 10);
                intIfAbsent(spec, "progressDeadlineSeconds", 600);
                // kube defaults by field, so an empty strategy (protobuf bodies carry one) is filled too
                ObjectNode strategy = spec.withObject("strategy");
                putIfAbsent(strategy, "type", "RollingUpdate");
                if ("RollingUpdate".equals(strategy.path("type").asString(""))) {
                    ObjectNode rolling = strategy.withObject("rollingUpdate");
                    putIfAbsent(rolling, "maxUnavailable", "25%");
                    putIfAbsent(rolling, "maxSurge", "25%");
                }
                template(spec);
                o.withObject("status");
            }
            case "apps/ReplicaSet" -> {
                ObjectNode spec = o.withObject("spec");
                intIfAbsent(spec, "replicas", 1);
                template(spec);
                intIfAbsent(o.withObject("status"), "replicas", 0);
            }
            case "apps/StatefulSet" -> {
                ObjectNode spec = o.withObject("spec");
                intIfAbsent(spec, "replicas", 1);
                putIfAbsent(spec, "podManagementPolicy", "OrderedReady");
                intIfAbsent(spec, "revisionHistoryLimit", 10);
                ObjectNode update = spec.withObject("updateStrategy");
                putIfAbsent(update, "type", "RollingUpdate");
                if ("RollingUpdate".equals(update.path("type").asString(""))) {
                    intIfAbsent(update.withObject("rollingUpdate"), "partition", 0);
                }
                if (!spec.has("persistentVolumeClaimRetentionPolicy")) {
                    spec.putObject("persistentVolumeClaimRetentionPolicy").put("whenDeleted", "Retain")
                            .put("whenScaled", "Retain");
                }
                template(spec);
                intIfAbsent(o.withObject("status"), "replicas", 0);
            }
            case "apps/DaemonSet" -> {
                ObjectNode spec = o.withObject("spec");
                intIfAbsent(spec, "revisionHistoryLimit", 10);
                ObjectNode update = spec.withObject("updateStrategy");
                putIfAbsent(update, "type", "RollingUpdate");
                if ("RollingUpdate".equals(update.path("type").asString(""))) {
                    ObjectNode rolling = update.withObject("rollingUpdate");
                    if (!rolling.has("maxUnavailable")) {
                        rolling.put("maxUnavailable", 1);
                    }
                    if (!rolling.has("maxSurge")) {
                        rolling.put("maxSurge", 0);
                    }
                }
                template(spec);
                ObjectNode status = o.withObject("status");
                for (String f : new String[] {"currentNumberScheduled", "numberMisscheduled",
                    "desiredNumberScheduled", "numberReady"}) {
                    intIfAbsent(status, f, 0);
                }
            }
            default -> {
                // no defaults for this kind
            }
        }
    }

    private static void template(ObjectNode spec) {
        if (spec.get("template") instanceof ObjectNode tpl) {
            // kube's JSON keeps the template's zero creation time as an explicit null
            ObjectNode meta = tpl.withObject("metadata");
            if (!meta.has("creationTimestamp")) {
                meta.putNull("creationTimestamp");
            }
            if (tpl.get("spec") instanceof ObjectNode ps) {
                podSpec(ps);
            }
        }
    }

    private static void podSpec(ObjectNode spec) {
        putIfAbsent(spec, "restartPolicy", "Always");
        intIfAbsent(spec, "terminationGracePeriodSeconds", 30);
        putIfAbsent(spec, "dnsPolicy", "ClusterFirst");
        if (!spec.has("securityContext")) {
            spec.putObject("securityContext");
        }
        putIfAbsent(spec, "schedulerName", "default-scheduler");
        for (String list : new String[] {"containers", "initContainers"}) {
            if (spec.get(list) instanceof ArrayNode cs) {
                for (JsonNode c : cs) {
                    if (c instanceof ObjectNode co) {
                        container(co);
                    }
                }
            }
        }
    }

    private static void container(ObjectNode c) {
        if (!c.has("resources")) {
            c.putObject("resources");
        }
        putIfAbsent(c, "terminationMessagePath", "/dev/termination-log");
        putIfAbsent(c, "terminationMessagePolicy", "File");
        if (!c.has("imagePullPolicy")) {
            String image = c.path("image").asString("");
            String last = image.contains("/") ? image.substring(image.lastIndexOf('/') + 1) : image;
            boolean latest = image.contains("@") ? false : !last.contains(":") || last.endsWith(":latest");
            c.put("imagePullPolicy", latest ? "Always" : "IfNotPresent");
        }
        if (c.get("ports") instanceof ArrayNode ports) {
            for (JsonNode p : ports) {
                if (p instanceof ObjectNode po) {
                    putIfAbsent(po, "protocol", "TCP");
                }
            }
        }
    }

    private static void service(ObjectNode spec, RandomGenerator random) {
        putIfAbsent(spec, "type", "ClusterIP");
        String type = spec.path("type").asString("ClusterIP");
        if (!"ExternalName".equals(type)) {
            if (!spec.has("clusterIP")) {
                String ip = "10.43." + random.nextInt(256) + "." + (1 + random.nextInt(254));
                spec.put("clusterIP", ip);
            }
            if (!spec.has("clusterIPs") && !"None".equals(spec.path("clusterIP").asString(""))) {
                spec.putArray("clusterIPs").add(spec.path("clusterIP").asString());
            }
            if (!spec.has("ipFamilies")) {
                spec.putArray("ipFamilies").add("IPv4");
            }
            putIfAbsent(spec, "ipFamilyPolicy", "SingleStack");
            putIfAbsent(spec, "internalTrafficPolicy", "Cluster");
        }
        putIfAbsent(spec, "sessionAffinity", "None");
        boolean nodePorts = "NodePort".equals(type) || "LoadBalancer".equals(type);
        if (nodePorts) {
            putIfAbsent(spec, "externalTrafficPolicy", "Cluster");
        }
        if (spec.get("ports") instanceof ArrayNode ports) {
            for (JsonNode p : ports) {
                if (p instanceof ObjectNode po) {
                    putIfAbsent(po, "protocol", "TCP");
                    if (!po.has("targetPort") && po.has("port")) {
                        po.set("targetPort", po.get("port"));
                    }
                    if (nodePorts && !po.has("nodePort")) {
                        po.put("nodePort", 30000 + random.nextInt(2768));
                    }
                }
            }
        }
    }

    private static void putIfAbsent(ObjectNode o, String field, String value) {
        if (!o.has(field) || o.get(field).isNull()) {
            o.put(field, value);
        }
    }

    private static void intIfAbsent(ObjectNode o, String field, int value) {
        if (!o.has(field) || o.get(field).isNull()) {
            o.put(field, value);
        }
    }
}
