package io.cairn.apiserver.table;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Table row condition ({@code meta.k8s.io/v1 TableRowCondition}).
 *
 * <p>Why: kube marks the rows of pods that have finished (Succeeded or Failed) with a {@code Completed} condition so
 * clients can tell them apart without reading the object.
 */
record RowCondition(String type, String status, String reason, String message) {

    static RowCondition completed(String reason, String message) {
        return new RowCondition("Completed", "True", reason, message);
    }

    ObjectNode json(JsonNodeFactory nodes) {
        ObjectNode condition = nodes.objectNode();
        condition.put("type", type);
        condition.put("status", status);
        if (!reason.isEmpty()) {
            condition.put("reason", reason);
        }
        if (!message.isEmpty()) {
            condition.put("message", message);
        }
        return condition;
    }
}
