package io.cairn.apiserver.store;

import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * One change seen by the watch cache, decoded once and shared by every watcher (treat the trees as read-only).
 *
 * @param type ADDED, MODIFIED or DELETED
 * @param key the store key
 * @param revision the store revision of the change
 * @param object the object after the change (for DELETED: the last state, with the deletion's resourceVersion)
 * @param previous the object before the change, absent for ADDED
 */
public record CacheEvent(Type type, String key, long revision, ObjectNode object, Optional<ObjectNode> previous) {

    /** Watch event types of the store changes. */
    public enum Type { ADDED, MODIFIED, DELETED }
}
