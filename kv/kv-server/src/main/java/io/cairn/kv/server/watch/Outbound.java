package io.cairn.kv.server.watch;

import io.etcd.jetcd.api.WatchResponse;

/**
 * The network side of one watch stream, as the fan-out sees it.
 *
 * <p>Why: the fan-out decides what to send and when a watcher is too slow; the transport (gRPC) only says
 * whether it can take more and sends.
 */
public interface Outbound {
    /** True when a send now would not buffer without bound. */
    boolean isReady();

    /** Sends one response (called by one thread at a time). */
    void send(WatchResponse response);

    /** Runs {@code r} whenever the transport becomes ready again. */
    void onReady(Runnable r);
}
