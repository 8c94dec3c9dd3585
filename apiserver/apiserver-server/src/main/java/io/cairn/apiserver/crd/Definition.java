package io.cairn.apiserver.crd;

import io.cairn.apiserver.resource.CustomKind;
import io.cairn.apiserver.resource.ResourceType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A CustomResourceDefinition as Cairn uses it: its names, scope and versions, read leniently from the stored JSON.
 *
 * <p>Why: every place that serves a custom kind needs the same few facts from a definition; reading them once per
 * change keeps requests from parsing definitions.
 *
 * @param name the definition's name ({@code <plural>.<group>})
 * @param group the API group
 * @param kind the kind
 * @param plural the resource name in URLs
 * @param singular the singular name (defaulted to the lower-case kind)
 * @param shortNames kubectl's short names
 * @param categories discovery categories
 * @param namespaced whether custom resources live in namespaces
 * @param versions every version, as declared
 * @param established whether the Established condition is True (only then are the resources served)
 * @param deleting whether the definition has a deletionTimestamp
 */
record Definition(String name, String group, String kind, String plural, String singular, List<String> shortNames,
                  List<String> categories, boolean namespaced, List<Version> versions, boolean established,
                  boolean deleting) {

    /** The finalizer kube puts on a deleted definition until its custom resources are gone. */
    static final String CLEANUP_FINALIZER = "customresourcecleanup.apiextensions.k8s.io";

    /**
     * One version of a definition.
     *
     * @param name the version ("v1")
     * @param served whether it is served
     * @param storage whether objects are stored at it
     * @param schema its {@code openAPIV3Schema}, if any
     * @param status whether it has the status subresource
     * @param scale its scale subresource, if declared
     * @param columns its additional printer columns
     */
    record Version(String name, boolean served, boolean storage, Optional<JsonNode> schema, boolean status,
                   Optional<CustomKind.ScalePaths> scale, List<CustomKind.PrinterColumn> columns) {
    }

    static Definition of(JsonNode crd) {
        JsonNode spec = crd.path("spec");
        JsonNode names = spec.path("names");
        String kind = names.path("kind").asString("");
        String singular = names.path("singular").asString("");
        List<Version> versions = new ArrayList<>();
        for (JsonNode v : spec.path("versions")) {
            JsonNode sub = v.path("subresources");
            Optional<CustomKind.ScalePaths> scale = sub.has("scale")
                    ? Optional.of(new CustomKind.ScalePaths(sub.path("scale").path("specReplicasPath").asString(""),
                    sub.path("scale").path("statusReplicasPath").asString(""),
                    Optional.ofNullable(sub.path("scale").get("labelSelectorPath")).filter(JsonNode::isString)
                            .map(JsonNode::asString)))
                    : Optional.empty();
            List<CustomKind.PrinterColumn> columns = new ArrayList<>();
            for (JsonNode c : v.path("additionalPrinterColumns")) {
                columns.add(new CustomKind.PrinterColumn(c.path("name").asString(""), c.path("type").asString(""),
                        c.path("format").asString(""), c.path("description").asString(""),
                        c.path("priority").asInt(0), c.path("jsonPath").asString("")));
            }
            JsonNode schema = v.path("schema").get("openAPIV3Schema");
            versions.add(new Version(v.path("name").asString(""), v.path("served").asBoolean(false),
                    v.path("storage").asBoolean(false), Optional.ofNullable(schema).filter(JsonNode::isObject),
                    sub.has("status"), scale, columns));
        }
        boolean established = false;
        for (JsonNode c : crd.path("status").path("conditions")) {
            if (c.path("type").asString("").equals("Established") && c.path("status").asString("").equals("True")) {
                established = true;
            }
        }
        return new Definition(crd.path("metadata").path("name").asString(""), spec.path("group").asString(""), kind,
                names.path("plural").asString(""), singular.isEmpty() ? kind.toLowerCase(Locale.ROOT) : singular,
                strings(names.path("shortNames")), strings(names.path("categories")),
                !spec.path("scope").asString("").equals("Cluster"), List.copyOf(versions), established,
                crd.path("metadata").has("deletionTimestamp"));
    }

    /** The storage version's name ("" when none is marked). */
    String storageVersion() {
        return versions.stream().filter(Version::storage).map(Version::name).findFirst().orElse("");
    }

    Optional<Version> version(String name) {
        return versions.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    /** The served kinds, one per served version, in kube's version priority order (discovery's preference). */
    List<ResourceType> types() {
        List<ResourceType> out = new ArrayList<>();
        String storage = storageVersion();
        for (Version v : versions.stream().filter(Version::served)
                .sorted(Comparator.comparing(Version::name, KubeVersions.PRIORITY)).toList()) {
            Set<String> subresources = new HashSet<>();
            if (v.status()) {
                subresources.add("status");
            }
            if (v.scale().isPresent()) {
                subresources.add("scale");
            }
            out.add(new ResourceType(group, v.name(), kind, plural, singular, namespaced, shortNames, categories,
                    group + "/" + plural, subresources, true,
                    Optional.of(new CustomKind(storage, v.columns(), v.scale(), v.schema()))));
        }
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString("")));
        return List.copyOf(out);
    }
}
