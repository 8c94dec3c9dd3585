package io.cairn.apiserver.resource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The kinds this server serves, looked up by group/version/resource.
 *
 * <p>Why: one table decides routing, discovery, storage keys and printing; kube-apiserver's own names, short names
 * and categories are kept so kubectl's resource resolution works as on Kubernetes. Custom kinds come and go with
 * their definitions ({@link #publish}); reads see an immutable snapshot, so they are cheap and never lock.
 */
public final class ResourceCatalog {
    private final List<ResourceType> builtIn;
    private final Map<String, List<ResourceType>> published = new LinkedHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile Snapshot snapshot;

    private ResourceCatalog(List<ResourceType> types) {
        this.builtIn = List.copyOf(types);
        this.snapshot = new Snapshot(builtIn);
    }

    /** An immutable view of the served kinds, swapped whole on every change so reads never lock. */
    private record Snapshot(List<ResourceType> all, Map<String, ResourceType> byPath) {
        Snapshot(List<ResourceType> all) {
            this(List.copyOf(all), index(all));
        }

        private static Map<String, ResourceType> index(List<ResourceType> all) {
            Map<String, ResourceType> m = new LinkedHashMap<>();
            for (ResourceType t : all) {
                m.putIfAbsent(key(t.group(), t.version(), t.plural()), t);
            }
            return Map.copyOf(m);
        }
    }

    /** The built-in kinds of Cairn's API server. */
    public static ResourceCatalog builtIn() {
        List<ResourceType> t = new ArrayList<>();
        Set<String> status = Set.of("status");
        Set<String> statusScale = Set.of("status", "scale");
        t.add(new ResourceType("", "v1", "Namespace", "namespaces", "namespace", false, List.of("ns"), List.of(),
                "namespaces", Set.of("status", "finalize"), false));
        t.add(new ResourceType("", "v1", "ConfigMap", "configmaps", "configmap", true, List.of("cm"), List.of(),
                "configmaps", Set.of(), false));
        t.add(new ResourceType("", "v1", "Secret", "secrets", "secret", true, List.of(), List.of(), "secrets",
                Set.of(), false));
        t.add(new ResourceType("", "v1", "Service", "services", "service", true, List.of("svc"), List.of("all"),
                "services/specs", status, false));
        t.add(new ResourceType("", "v1", "ServiceAccount", "serviceaccounts", "serviceaccount", true, List.of("sa"),
                List.of(), "serviceaccounts", Set.of(), false));
        t.add(new ResourceType("", "v1", "Pod", "pods", "pod", true, List.of("po"), List.of("all"), "pods", status,
                false));
        t.add(new ResourceType("", "v1", "Node", "nodes", "node", false, List.of("no"), List.of(), "minions", status,
                false));
        t.add(new ResourceType("", "v1", "Event", "events", "event", true, List.of("ev"), List.of(), "events",
                Set.of(), false));
        t.add(new ResourceType("", "v1", "Endpoints", "endpoints", "endpoints", true, List.of("ep"), List.of(),
                "services/endpoints", Set.of(), false));
        t.add(new ResourceType("apps", "v1", "Deployment", "deployments", "deployment", true, List.of("deploy"),
                List.of("all"), "deployments", statusScale, true));
        t.add(new ResourceType("apps", "v1", "ReplicaSet", "replicasets", "replicaset", true, List.of("rs"),
                List.of("all"), "replicasets", statusScale, true));
        t.add(new ResourceType("apps", "v1", "StatefulSet", "statefulsets", "statefulset", true, List.of("sts"),
                List.of("all"), "statefulsets", statusScale, true));
        t.add(new ResourceType("apps", "v1", "DaemonSet", "daemonsets", "daemonset", true, List.of("ds"),
                List.of("all"), "daemonsets", status, true));
        t.add(new ResourceType("coordination.k8s.io", "v1", "Lease", "leases", "lease", true, List.of(), List.of(),
                "leases", Set.of(), false));
        t.add(new ResourceType("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions",
                "customresourcedefinition", false, List.of("crd", "crds"), List.of("api-extensions"),
                "apiextensions.k8s.io/customresourcedefinitions", status, true));
        return new ResourceCatalog(t);
    }

    /** The kind served at {@code /api(s)/<group>/<version>/<plural>}. */
    public Optional<ResourceType> find(String group, String version, String plural) {
        return Optional.ofNullable(snapshot.byPath().get(key(group, version, plural)));
    }

    /**
     * Serves the kinds of one owner (a CustomResourceDefinition's name), replacing what it served before; an empty
     * list stops serving them. Built-in kinds always win a path both claim. Listeners run after the swap.
     */
    public void publish(String owner, List<ResourceType> types) {
        synchronized (published) {
            List<ResourceType> before = published.get(owner);
            if (types.isEmpty() ? before == null : List.copyOf(types).equals(before)) {
                return;
            }
            if (types.isEmpty()) {
                published.remove(owner);
            } else {
                published.put(owner, List.copyOf(types));
            }
            List<ResourceType> all = new ArrayList<>(builtIn);
            published.values().forEach(all::addAll);
            snapshot = new Snapshot(all);
        }
        listeners.forEach(Runnable::run);
    }

    /** Runs {@code listener} after every change of the served kinds. */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** The kind with this apiVersion and kind name. */
    public Optional<ResourceType> byKind(String apiVersion, String kind) {
        return snapshot.all().stream().filter(t -> t.apiVersion().equals(apiVersion) && t.kind().equals(kind))
                .findFirst();
    }

    /** Every served kind, in discovery order. */
    public List<ResourceType> all() {
        return snapshot.all();
    }

    /** The served group/versions ("v1", "apps/v1", ...), core first. */
    public List<String> groupVersions() {
        return snapshot.all().stream().map(ResourceType::apiVersion).distinct().toList();
    }

    /** Whether a group/version is served. */
    public boolean serves(String group, String version) {
        return snapshot.all().stream().anyMatch(t -> t.group().equals(group) && t.version().equals(version));
    }

    private static String key(String group, String version, String plural) {
        return group + "/" + version + "/" + plural;
    }
}
