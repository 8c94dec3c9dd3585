package io.cairn.apiserver.resource;

import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Legacy discovery documents ({@code /api}, {@code /apis}, {@code /api/v1}, {@code /apis/<g>/<v>}) built from the
 * catalog.
 *
 * <p>Why: kubectl resolves every resource name (and short name, and {@code all}) through these; legacy discovery is
 * enough for every kubectl command, and client-java only speaks legacy.
 */
public final class Discovery {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final ResourceCatalog catalog;
    private final String serverAddress;

    public Discovery(ResourceCatalog catalog, String serverAddress) {
        this.catalog = catalog;
        this.serverAddress = serverAddress;
    }

    /** {@code GET /api}: APIVersions. */
    public ObjectNode coreVersions() {
        ObjectNode o = F.objectNode();
        o.put("kind", "APIVersions");
        o.putArray("versions").add("v1");
        o.putArray("serverAddressByClientCIDRs").addObject().put("clientCIDR", "0.0.0.0/0")
                .put("serverAddress", serverAddress);
        return o;
    }

    /** {@code GET /apis}: APIGroupList of the named groups. */
    public ObjectNode groups() {
        ObjectNode o = F.objectNode();
        o.put("kind", "APIGroupList");
        o.put("apiVersion", "v1");
        ArrayNode groups = o.putArray("groups");
        catalog.all().stream().map(ResourceType::group).filter(g -> !g.isEmpty()).distinct()
                .forEach(g -> groups.add(group(g)));
        return o;
    }

    /** {@code GET /apis/<group>}: one APIGroup, if served. */
    public Optional<ObjectNode> group(String group, boolean withKind) {
        if (group.isEmpty() || catalog.all().stream().noneMatch(t -> t.group().equals(group))) {
            return Optional.empty();
        }
        ObjectNode g = group(group);
        ObjectNode o = F.objectNode();
        o.put("kind", "APIGroup");
        o.put("apiVersion", "v1");
        o.setAll(g);
        return Optional.of(withKind ? o : g);
    }

    private ObjectNode group(String group) {
        ObjectNode g = F.objectNode();
        g.put("name", group);
        ArrayNode versions = g.putArray("versions");
        List<String> vs = catalog.all().stream().filter(t -> t.group().equals(group)).map(ResourceType::version)
                .distinct().toList();
        for (String v : vs) {
            versions.addObject().put("groupVersion", group + "/" + v).put("version", v);
        }
        g.putObject("preferredVersion").put("groupVersion", group + "/" + vs.getFirst()).put("version", vs.getFirst());
        return g;
    }

    /** {@code GET /api/v1} or {@code /apis/<g>/<v>}: APIResourceList, if served. */
    public Optional<ObjectNode> resources(String group, String version) {
        if (!catalog.serves(group, version)) {
            return Optional.empty();
        }
        ObjectNode o = F.objectNode();
        o.put("kind", "APIResourceList");
        o.put("apiVersion", "v1");
        o.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
        ArrayNode list = o.putArray("resources");
        for (ResourceType t : catalog.all()) {
            if (!t.group().equals(group) || !t.version().equals(version)) {
                continue;
            }
            ObjectNode r = list.addObject();
            r.put("name", t.plural());
            r.put("singularName", t.singular());
            r.put("namespaced", t.namespaced());
            r.put("kind", t.kind());
            ArrayNode verbs = r.putArray("verbs");
            ResourceType.VERBS.stream().filter(v -> !(t.kind().equals("Namespace") && v.equals("deletecollection")))
                    .forEach(verbs::add);
            if (!t.shortNames().isEmpty()) {
                ArrayNode sn = r.putArray("shortNames");
                t.shortNames().forEach(sn::add);
            }
            if (!t.categories().isEmpty()) {
                ArrayNode c = r.putArray("categories");
                t.categories().forEach(c::add);
            }
            for (String sub : t.subresources().stream().sorted().toList()) {
                ObjectNode s = list.addObject();
                s.put("name", t.plural() + "/" + sub);
                s.put("singularName", "");
                s.put("namespaced", t.namespaced());
                if (sub.equals("scale")) {
                    s.put("group", "autoscaling");
                    s.put("version", "v1");
                    s.put("kind", "Scale");
                } else {
                    s.put("kind", t.kind());
                }
                ArrayNode sv = s.putArray("verbs");
                if (sub.equals("finalize")) {
                    sv.add("update");
                } else {
                    sv.add("get").add("patch").add("update");
                }
            }
        }
        return Optional.of(o);
    }
}
