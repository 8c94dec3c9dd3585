package io.cairn.bench;

/**
 * One kind of request a workload sends: starts it asynchronously and reports how it ended.
 *
 * <p>Why: the {@link LoadRunner} owns concurrency, pacing and timing for every request/response workload; a
 * workload only says how to send request number {@code seq} for client {@code client}. Implementations must not
 * block: they start an asynchronous gRPC call and return.
 */
@FunctionalInterface
interface Operation {

    /**
     * Starts request {@code seq} for client {@code client} (0-based, below {@code --clients}); exactly one of the
     * completion's methods is called once, from any thread.
     */
    void start(int client, long seq, Completion completion);

    /** How a request ended. */
    interface Completion {

        /** The request succeeded. */
        void succeeded();

        /** The request failed with {@code error} (a gRPC {@code StatusRuntimeException} as a rule). */
        void failed(Throwable error);
    }
}
