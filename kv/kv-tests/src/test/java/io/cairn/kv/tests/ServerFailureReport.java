package io.cairn.kv.tests;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestWatcher;
import org.opentest4j.TestAbortedException;

/**
 * Makes a failed test say which server it ran against and show that server's side: the failure message is prefixed
 * with {@code [etcd]} or {@code [cairn]}, and the tail of the server's log is printed.
 *
 * <p>Why: each conformance test runs twice under the same class and method name, and build reports do not show
 * JUnit's display names; the servers are separate processes whose logs live in a temporary directory that is deleted
 * after the class, so the evidence must be printed when the failure happens.
 */
final class ServerFailureReport implements TestExecutionExceptionHandler, TestWatcher {

    private static final int TAIL_LINES = 40;

    /** Implemented by test classes whose servers should be named and shown on failure. */
    interface Servers {
        /** The servers in use now; started or not. */
        List<ServerProcess> servers();
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        List<ServerProcess> servers = serversOf(context);
        if (servers.isEmpty() || thrown instanceof TestAbortedException) {
            throw thrown;
        }
        String label = servers.stream().map(ServerProcess::name).collect(Collectors.joining(",", "[", "] "));
        String detail = thrown instanceof AssertionError ? thrown.getMessage() : thrown.toString();
        throw new AssertionError(label + detail, thrown);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        serversOf(context).forEach(server -> System.err.printf(
                "---- %s failed; last %d lines of the %s log (%s):%n%s%n----%n",
                context.getDisplayName(), TAIL_LINES, server.name(), server.logFile(), server.logTail(TAIL_LINES)));
    }

    private static List<ServerProcess> serversOf(ExtensionContext context) {
        return context.getTestInstance()
                .filter(Servers.class::isInstance)
                .map(instance -> ((Servers) instance).servers())
                .orElse(List.of());
    }
}
