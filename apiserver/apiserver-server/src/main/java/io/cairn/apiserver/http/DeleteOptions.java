package io.cairn.apiserver.http;

import io.cairn.apiserver.registry.Preconditions;
import io.cairn.apiserver.status.Statuses;
import tools.jackson.databind.JsonNode;

/**
 * The parts of a DELETE's {@code DeleteOptions} Cairn acts on: preconditions and dry run (kubectl sends
 * {@code "dryRun":["All"]} in the body; other clients use the query).
 *
 * @param preconditions expected uid / resourceVersion
 * @param dryRun whether nothing may be persisted
 */
record DeleteOptions(Preconditions preconditions, boolean dryRun) {

    static DeleteOptions read(byte[] body, Query q) {
        boolean dry = q.dryRun();
        Preconditions pre = Preconditions.NONE;
        if (body.length > 0) {
            JsonNode n = Bodies.json(body);
            if (!n.isObject()) {
                throw Statuses.badRequest("DeleteOptions must be a JSON object");
            }
            for (JsonNode d : n.path("dryRun")) {
                if (!d.asString("").equals("All")) {
                    throw Statuses.badRequest("dryRun: Unsupported value: \"" + d.asString("")
                            + "\": supported values: \"All\"");
                }
                dry = true;
            }
            JsonNode p = n.path("preconditions");
            pre = new Preconditions(p.path("uid").asString(""), p.path("resourceVersion").asString(""));
            String policy = n.path("propagationPolicy").asString("");
            if (!policy.isEmpty() && !policy.equals("Orphan") && !policy.equals("Background")
                    && !policy.equals("Foreground")) {
                throw Statuses.badRequest("propagationPolicy: Unsupported value: \"" + policy
                        + "\": supported values: \"Foreground\", \"Background\", \"Orphan\"");
            }
        }
        return new DeleteOptions(pre, dry);
    }
}
