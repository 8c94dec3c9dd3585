package io.cairn.apiserver.resource;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One served kind, as kube-apiserver's discovery describes it, plus where Cairn stores it.
 *
 * <p>Why: every request is routed, validated, stored and printed by looking its resource up here, so adding a kind
 * is one entry in {@link ResourceCatalog}.
 *
 * @param group API group ("" for core)
 * @param version API version ("v1")
 * @param kind the kind ("ConfigMap")
 * @param plural the resource name in URLs ("configmaps")
 * @param singular the singular name ("configmap")
 * @param namespaced whether objects live in a namespace
 * @param shortNames kubectl's short names ("cm")
 * @param categories discovery categories ("all")
 * @param storageName the key segment under the prefix (kube-apiserver renames a few: nodes → minions)
 * @param subresources served subresources ("status", "scale")
 * @param generation whether {@code metadata.generation} is kept and bumped on spec changes
 * @param custom what a kind defined by a CustomResourceDefinition adds (storage version, columns, scale paths)
 */
public record ResourceType(String group, String version, String kind, String plural, String singular,
                           boolean namespaced, List<String> shortNames, List<String> categories, String storageName,
                           Set<String> subresources, boolean generation, Optional<CustomKind> custom) {

    /** The verbs every served kind supports. */
    public static final List<String> VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

    public ResourceType {
        shortNames = List.copyOf(shortNames);
        categories = List.copyOf(categories);
        subresources = Set.copyOf(subresources);
    }

    /** A built-in kind. */
    public ResourceType(String group, String version, String kind, String plural, String singular, boolean namespaced,
                        List<String> shortNames, List<String> categories, String storageName,
                        Set<String> subresources, boolean generation) {
        this(group, version, kind, plural, singular, namespaced, shortNames, categories, storageName, subresources,
                generation, Optional.empty());
    }

    /** "v1" for core, "apps/v1" otherwise. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** Whether the kind has the given subresource. */
    public boolean has(String subresource) {
        return subresources.contains(subresource);
    }

    /** The kind of the list ("ConfigMapList"). */
    public String listKind() {
        return kind + "List";
    }

    /** The resource as kube names it in errors: {@code configmaps} or {@code deployments.apps}. */
    public String qualifiedName() {
        return group.isEmpty() ? plural : plural + "." + group;
    }
}
