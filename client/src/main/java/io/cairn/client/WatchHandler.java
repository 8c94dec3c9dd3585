package io.cairn.client;

/**
 * Receives a resumable watch's events, in order, on the watch's own thread.
 *
 * <p>Why: a handler that sees events strictly in order, each once, can keep a view without locks; {@link #onSynced}
 * says when that view matches a full list of the server.
 */
@FunctionalInterface
public interface WatchHandler<T> {

    void onEvent(WatchEvent<T> event);

    /** After the initial list and after every relist: the view now equals the server's at {@code resourceVersion}. */
    default void onSynced(String resourceVersion) {
    }
}
