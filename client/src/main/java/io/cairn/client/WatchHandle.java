package io.cairn.client;

/**
 * A running watch or informer; closing it stops the stream and its reconnects.
 *
 * <p>Why: watches outlive the call that starts them, so they need an owner-held handle.
 */
public interface WatchHandle extends AutoCloseable {

    /** Stops the watch; idempotent; returns after the watch thread has ended. */
    @Override
    void close();
}
