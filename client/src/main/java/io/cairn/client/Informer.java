package io.cairn.client;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A local cache of one resource kept current by a resumable watch, with indexes and event handlers, like client-go's
 * shared informer.
 *
 * <p>Why: controllers read their world from memory and react to changes; the cache must never miss or repeat a
 * change, whatever happens to the connection.
 */
public interface Informer<T> extends WatchHandle {

    /** Adds an index (before {@link #start()}): {@code keys} gives the index values of an object. */
    Informer<T> addIndex(String name, Function<T, List<String>> keys);

    /** Adds a handler; it is called on the informer's thread, in order, once per change. */
    Informer<T> addHandler(Handler<T> handler);

    /** Starts listing and watching; returns this informer. */
    Informer<T> start();

    /** Whether the first list has been applied. */
    boolean hasSynced();

    /**
     * Waits until the first list has been applied.
     *
     * @throws ClientException.DeadlineExceeded when {@code deadline} comes first
     */
    void waitForSync(Deadline deadline);

    /** The cached object {@code namespace/name} ({@code name} alone when cluster-scoped). */
    Optional<T> get(String namespace, String name);

    /** All cached objects. */
    List<T> list();

    /** The cached objects whose index {@code index} contains {@code value}. */
    List<T> byIndex(String index, String value);

    /** Reacts to changes of the cache; every method defaults to nothing. */
    interface Handler<T> {
        default void onAdd(T object) {
        }

        default void onUpdate(T before, T after) {
        }

        default void onDelete(T lastState) {
        }
    }
}
