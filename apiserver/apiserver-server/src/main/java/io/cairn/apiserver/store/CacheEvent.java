package io.cairn.apiserver.store;

import java.util.Optional;
import java.util.function.BiFunction;
import tools.jackson.databind.node.ObjectNode;

/**
 * One change seen by the watch cache, decoded once and shared by every watcher (treat the trees as read-only).
 *
 * <p>Why a class and not a record: the encoded watch line of the event is computed once and shared by every plain
 * JSON watcher that receives it under the same type, so a hundred watchers cost one serialisation, not a hundred.
 */
public final class CacheEvent {
    private final Type type;
    private final String key;
    private final long revision;
    private final ObjectNode object;
    private final Optional<ObjectNode> previous;
    private final byte[][] lines = new byte[Type.values().length][];

    /**
     * @param type ADDED, MODIFIED or DELETED
     * @param key the store key
     * @param revision the store revision of the change
     * @param object the object after the change (for DELETED: the last state, with the deletion's resourceVersion)
     * @param previous the object before the change, absent for ADDED
     */
    public CacheEvent(Type type, String key, long revision, ObjectNode object, Optional<ObjectNode> previous) {
        this.type = type;
        this.key = key;
        this.revision = revision;
        this.object = object;
        this.previous = previous;
    }

    public Type type() {
        return type;
    }

    public String key() {
        return key;
    }

    public long revision() {
        return revision;
    }

    public ObjectNode object() {
        return object;
    }

    public Optional<ObjectNode> previous() {
        return previous;
    }

    /**
     * The event's JSON watch line as a watcher sees it under {@code as} (a selector can turn a change into ADDED or
     * DELETED for one watcher), encoded by {@code encoder} on first use and shared afterwards.
     */
    public byte[] line(Type as, BiFunction<Type, ObjectNode, byte[]> encoder) {
        synchronized (lines) {
            byte[] b = lines[as.ordinal()];
            if (b == null) {
                b = encoder.apply(as, object);
                lines[as.ordinal()] = b;
            }
            return b;
        }
    }

    /** Watch event types of the store changes. */
    public enum Type { ADDED, MODIFIED, DELETED }
}
