package io.cairn.cli;

import io.cairn.kv.server.KvServerConfig;

/**
 * Runs a store member with a checked configuration until it stops; returns the process exit status.
 *
 * <p>Why: {@link ServerCommand} only turns flags into a configuration. Keeping the side effects (starting the
 * server, the shutdown hook, blocking) behind this interface lets tests check the whole command line without
 * starting a server.
 */
@FunctionalInterface
interface ServerRunner {

    /** Starts a member for {@code config} with this logging, blocks until it stops, returns 0 or 1. */
    int run(KvServerConfig config, Logging logging);
}
