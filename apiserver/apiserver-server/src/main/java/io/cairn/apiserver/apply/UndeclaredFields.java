package io.cairn.apiserver.apply;

import io.cairn.apiserver.resource.ResourceType;
import io.cairn.apiserver.status.StatusException;
import io.cairn.apiserver.status.Statuses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The check kube makes when it turns an applied configuration into a typed object: every field of a struct must be
 * declared by the kind's schema, whatever {@code fieldValidation} says.
 *
 * <p>Why: an apply owns exactly the fields it names, so a misspelt field cannot be dropped silently; kube refuses
 * the whole apply with {@code failed to create typed patch object (<ns>/<name>; <group>/<version>, Kind=<Kind>):
 * .spec.foo: field not declared in schema}. kube 1.32 answers this with a 500; Cairn gives the same message as a
 * 400 BadRequest, since the request is at fault.
 */
final class UndeclaredFields {
    private UndeclaredFields() {
    }

    static Optional<StatusException> check(ResourceType t, ObjectNode config, Schema schema) {
        List<String> errors = new ArrayList<>();
        walk(config, schema, new ArrayList<>(), errors);
        if (errors.isEmpty()) {
            return Optional.empty();
        }
        JsonNode meta = config.path("metadata");
        String where = meta.path("namespace").asString("") + "/" + meta.path("name").asString("") + "; "
                + (t.group().isEmpty() ? "" : t.group()) + "/" + t.version() + ", Kind=" + t.kind();
        String detail = errors.size() == 1 ? errors.getFirst() : "errors:\n  " + String.join("\n  ", errors);
        return Optional.of(Statuses.badRequest("failed to create typed patch object (" + where + "): " + detail));
    }

    private static void walk(JsonNode v, Schema s, List<String> path, List<String> errors) {
        if (v instanceof ObjectNode o && (s.kind() == Schema.Kind.STRUCT || s.kind() == Schema.Kind.MAP)) {
            for (Map.Entry<String, JsonNode> e : o.properties()) {
                path.add(PathText.field(e.getKey()));
                if (s.kind() == Schema.Kind.STRUCT && !s.declares(e.getKey())) {
                    errors.add(PathText.format(path) + ": field not declared in schema");
                } else {
                    walk(e.getValue(), s.field(e.getKey()), path, errors);
                }
                path.removeLast();
            }
        } else if (v instanceof ArrayNode a && s.kind() == Schema.Kind.LIST) {
            for (int i = 0; i < a.size(); i++) {
                JsonNode item = a.get(i);
                path.add(s.keys().isEmpty() && !s.set() ? "i:" + i : ObjectWalk.element(item, s));
                walk(item, s.element(), path, errors);
                path.removeLast();
            }
        }
    }
}
