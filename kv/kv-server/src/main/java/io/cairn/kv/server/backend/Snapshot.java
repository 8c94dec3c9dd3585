package io.cairn.kv.server.backend;

/** A point-in-time {@link ReadView}; release it with {@link #close()}. */
public interface Snapshot extends ReadView, AutoCloseable {
    @Override
    void close();
}
