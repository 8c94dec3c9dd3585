package io.cairn.apiserver.registry;

import io.cairn.apiserver.resource.ResourceType;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Per-kind rules the generic {@link Registry} calls around every write and read: validation, pruning and defaulting
 * before a write, the stored form of an object, and the served form of a stored one.
 *
 * <p>Why: kinds defined at run time (CustomResourceDefinitions and their custom resources) bring their own rules
 * without the registry knowing them; built-in kinds use {@link #NONE}.
 */
public interface ObjectRules {
    /** Rules that accept every object as it is. */
    ObjectRules NONE = new ObjectRules() {
    };

    /**
     * Checks and completes an object about to be written, in place.
     *
     * @param current the stored object (served form) on updates and patches; empty on create
     * @param next the object to write, already merged and defaulted by the registry
     * @param subresource "" for the main resource, else "status", "scale", ...
     * @throws io.cairn.apiserver.status.StatusException 422 Invalid when the object breaks a rule
     */
    default void admit(ResourceType t, Optional<ObjectNode> current, ObjectNode next, String subresource) {
    }

    /**
     * Called when a delete reaches an object that is not being deleted yet, before its finalizers are looked at;
     * may add finalizers and conditions to {@code current} in place (a definition waits for its resources' cleanup).
     */
    default void deleting(ResourceType t, ObjectNode current) {
    }

    /** The form to store (custom resources are stored at their storage version); may return {@code served}. */
    default ObjectNode stored(ResourceType t, ObjectNode served) {
        return served;
    }

    /** The form to serve for {@code t} of a stored object (apiVersion rewritten, read-time defaults); may return it. */
    default ObjectNode served(ResourceType t, ObjectNode stored) {
        return stored;
    }
}
