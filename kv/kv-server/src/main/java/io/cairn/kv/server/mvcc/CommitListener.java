package io.cairn.kv.server.mvcc;

import io.etcd.jetcd.api.Event;
import java.util.List;

/**
 * Told, on the apply thread, of every revision the store makes visible: the watch fan-out's input.
 *
 * <p>Why: the store must not know who watches it, and must never wait for them; a listener only queues.
 */
public interface CommitListener {

    /**
     * Whether the apply thread should collect the events of the next transactions (false when nobody
     * would look at them).
     */
    boolean wantsEvents();

    /**
     * Revision {@code revision} is now visible to readers.
     *
     * @param events   its events in order (PUT with the new version, DELETE with a tombstone holding the key and
     *                 the deleting revision); empty when events were not collected
     * @param complete false when the transaction changed too many keys to list them, or when events were not
     *                 collected: the listener must read them from the store's history
     */
    void committed(long revision, List<Event> events, boolean complete);
}
