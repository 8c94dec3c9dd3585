package io.cairn.client;

/**
 * A kind of resource as the REST API addresses it: group, version, plural and scope, plus the kind name that
 * schema checks look up.
 *
 * <p>Why: building URLs from these four facts works for every built-in and custom resource without a generated
 * client per kind.
 */
public record ResourceType(String group, String version, String plural, String kind, boolean namespaced) {

    /** ConfigMaps ({@code v1}). */
    public static final ResourceType CONFIG_MAPS = new ResourceType("", "v1", "configmaps", "ConfigMap", true);
    /** Secrets ({@code v1}). */
    public static final ResourceType SECRETS = new ResourceType("", "v1", "secrets", "Secret", true);
    /** Namespaces ({@code v1}). */
    public static final ResourceType NAMESPACES = new ResourceType("", "v1", "namespaces", "Namespace", false);
    /** Deployments ({@code apps/v1}). */
    public static final ResourceType DEPLOYMENTS = new ResourceType("apps", "v1", "deployments", "Deployment", true);

    /** Validates the parts. */
    public ResourceType {
        if (version == null || version.isEmpty() || plural == null || plural.isEmpty() || kind == null) {
            throw new IllegalArgumentException("version, plural and kind are required");
        }
        group = group == null ? "" : group;
    }

    /** {@code v1} or {@code apps/v1}. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** {@code api/v1} or {@code apis/apps/v1}: the group-version's path, also its key in {@code /openapi/v3}. */
    public String groupVersionPath() {
        return group.isEmpty() ? "api/" + version : "apis/" + group + "/" + version;
    }

    /** The collection path in {@code namespace} (ignored for cluster-scoped kinds; empty means all namespaces). */
    public String collectionPath(String namespace) {
        if (namespaced && namespace != null && !namespace.isEmpty()) {
            return "/" + groupVersionPath() + "/namespaces/" + namespace + "/" + plural;
        }
        return "/" + groupVersionPath() + "/" + plural;
    }

    /** A reference to one object of this type. */
    public ObjectRef ref(String namespace, String name) {
        return new ObjectRef(this, namespaced ? namespace : "", name);
    }
}
