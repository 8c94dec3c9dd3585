package io.cairn.client;

/**
 * One change seen by a resumable watch.
 *
 * @param type what happened
 * @param object the object after the change (for {@link Type#DELETED}: its last state)
 * @param resourceVersion the resourceVersion of the change
 * @param resync {@code true} when the event was derived from a relist (after a 410 or at start) rather than streamed:
 *               the consumer's view is brought up to date without repeating changes it already saw
 */
public record WatchEvent<T>(Type type, T object, String resourceVersion, boolean resync) {

    /** The kind of change. */
    public enum Type { ADDED, MODIFIED, DELETED }
}
