package io.cairn.apiserver.registry;

import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * A step the registry runs on every object it is about to store, after kube's metadata rules and defaults: how the
 * API server records {@code metadata.managedFields}.
 *
 * <p>Why a hook: the registry owns the write (reads, retries, guarded transactions); who changed which fields is
 * decided elsewhere, from the request, and is re-run on each retry against the object then stored.
 */
@FunctionalInterface
public interface Tracking {
    /** Writes that record nothing (the server's own bookkeeping). */
    Tracking NONE = (live, next) -> next;

    /**
     * The object to store.
     *
     * @param live the stored object, empty on create
     * @param next the object about to be stored
     * @throws io.cairn.apiserver.status.StatusException to refuse the write (an apply conflict)
     */
    ObjectNode track(Optional<ObjectNode> live, ObjectNode next);
}
