package io.cairn.apiserver.openapi;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The query parameters each operation declares, with their types, as kube-apiserver 1.32 declares them.
 *
 * <p>Why they matter beyond documentation: kubectl looks for {@code fieldValidation} among a PATCH operation's
 * parameters before it trusts the server to validate ({@code --validate=strict} then sends
 * {@code fieldValidation=Strict} instead of validating on the client), and the same check guards {@code dryRun}
 * and {@code fieldManager} use.
 */
final class QueryParameters {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("allowWatchBookmarks", "boolean"), Map.entry("continue", "string"),
            Map.entry("dryRun", "string"), Map.entry("fieldManager", "string"),
            Map.entry("fieldSelector", "string"), Map.entry("fieldValidation", "string"),
            Map.entry("force", "boolean"), Map.entry("gracePeriodSeconds", "integer"),
            Map.entry("ignoreStoreReadErrorWithClusterBreakingPotential", "boolean"),
            Map.entry("labelSelector", "string"), Map.entry("limit", "integer"),
            Map.entry("orphanDependents", "boolean"), Map.entry("pretty", "string"),
            Map.entry("propagationPolicy", "string"), Map.entry("resourceVersion", "string"),
            Map.entry("resourceVersionMatch", "string"), Map.entry("sendInitialEvents", "boolean"),
            Map.entry("timeoutSeconds", "integer"), Map.entry("watch", "boolean"));

    static final List<String> LIST = List.of("allowWatchBookmarks", "continue", "fieldSelector", "labelSelector",
            "limit", "resourceVersion", "resourceVersionMatch", "sendInitialEvents", "timeoutSeconds", "watch");
    static final List<String> WRITE = List.of("dryRun", "fieldManager", "fieldValidation");
    static final List<String> PATCH = List.of("dryRun", "fieldManager", "fieldValidation", "force");
    static final List<String> DELETE = List.of("dryRun", "gracePeriodSeconds",
            "ignoreStoreReadErrorWithClusterBreakingPotential", "orphanDependents", "propagationPolicy");
    static final List<String> DELETE_COLLECTION = List.of("continue", "dryRun", "fieldSelector",
            "gracePeriodSeconds", "ignoreStoreReadErrorWithClusterBreakingPotential", "labelSelector", "limit",
            "orphanDependents", "propagationPolicy", "resourceVersion", "resourceVersionMatch", "sendInitialEvents",
            "timeoutSeconds");

    private QueryParameters() {
    }

    /** The parameter objects of the named query parameters. */
    static ArrayNode of(List<String> names) {
        ArrayNode a = F.arrayNode();
        names.forEach(n -> a.add(query(n)));
        return a;
    }

    static ObjectNode query(String name) {
        String type = TYPES.get(name);
        if (type == null) {
            throw new IllegalArgumentException("unknown query parameter " + name);
        }
        ObjectNode p = F.objectNode();
        p.put("in", "query");
        p.put("name", name);
        p.putObject("schema").put("type", type).put("uniqueItems", true);
        return p;
    }

    /** A required path parameter ({@code name}, {@code namespace}). */
    static ObjectNode path(String name, String description) {
        ObjectNode p = F.objectNode();
        p.put("description", description);
        p.put("in", "path");
        p.put("name", name);
        p.put("required", true);
        p.putObject("schema").put("type", "string").put("uniqueItems", true);
        return p;
    }
}
