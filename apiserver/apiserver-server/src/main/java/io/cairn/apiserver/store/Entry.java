package io.cairn.apiserver.store;

/**
 * One stored object as read from the store.
 *
 * @param key the store key
 * @param value the stored bytes (JSON)
 * @param modRevision the revision of the last write (the object's resourceVersion)
 */
public record Entry(String key, byte[] value, long modRevision) {
}
