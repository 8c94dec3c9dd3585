package io.cairn.kv.tests;

import java.net.URI;
import java.nio.file.Path;

/**
 * A single-member etcd-compatible server running as a separate OS process, owned by one test class.
 *
 * <p>Why: both the real etcd and Cairn are started with the same flags and driven by the same clients, so a test
 * written against this interface checks both. Faults are injected at the process level ({@link #kill()}), the way an
 * operator or the kernel would.
 */
interface ServerProcess extends AutoCloseable {

    /** A short name for reports: {@code etcd} or {@code cairn}. */
    String name();

    /**
     * Launches the process on a fresh data directory and blocks until a KV Range succeeds.
     *
     * @throws IllegalStateException if the process exits or is not ready in time; the message carries the tail of
     *     its log
     */
    void start();

    /** The client URL, {@code http://127.0.0.1:<port>}; stable across restarts. */
    URI endpoint();

    /** The peer URL, {@code http://127.0.0.1:<port>}, as advertised in the member list; stable across restarts. */
    URI peerEndpoint();

    /** Kills the process with SIGKILL ({@code kill -9}) and waits for it to be gone; no shutdown hook runs. */
    void kill();

    /**
     * Starts the process again on the same data directory and ports (stopping it gracefully first if it still runs),
     * and blocks until it is ready.
     */
    void restart();

    /** Whether the process is currently running. */
    boolean isAlive();

    /** The file that receives the process's stdout and stderr across all its starts. */
    Path logFile();

    /** The last {@code lines} lines of {@link #logFile()}, for failure reports. */
    String logTail(int lines);

    /** Stops the process (gracefully, then forcibly) and deletes its directory. Idempotent. */
    @Override
    void close();
}
