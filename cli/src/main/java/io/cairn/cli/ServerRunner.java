package io.cairn.cli;

/**
 * Runs a store member with a checked configuration until it stops; returns the process exit status.
 *
 * <p>Why: {@link ServerCommand} only turns flags into a configuration. Keeping the side effects (starting the
 * server, the shutdown hook, blocking) behind this interface lets tests check the whole command line without
 * starting a server.
 */
@FunctionalInterface
interface ServerRunner {

    /** Starts what {@code plan} describes with this logging, blocks until it stops, returns 0 or 1. */
    int run(ServerPlan plan, Logging logging);
}
