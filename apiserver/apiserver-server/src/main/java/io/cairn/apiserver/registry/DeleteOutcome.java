package io.cairn.apiserver.registry;

import tools.jackson.databind.node.ObjectNode;

/**
 * What a delete did.
 *
 * @param object the object's last state (or its state with a deletionTimestamp)
 * @param removed whether it is gone from the store (otherwise finalizers hold it)
 */
public record DeleteOutcome(ObjectNode object, boolean removed) {
}
