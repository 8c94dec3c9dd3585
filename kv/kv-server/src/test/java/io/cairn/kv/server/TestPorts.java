package io.cairn.kv.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports for the members the unit tests start.
 *
 * <p>Why not port 0: the kernel hands out port-0 ports from its ephemeral range (32768 and up on Linux), the same
 * range outgoing connections take their source ports from; between the probe and the member's bind, a connection
 * (a member dialling its own peer port, a client) can take the port, and the bind fails. Ports below that range
 * are only ever taken by a bind.
 */
public final class TestPorts {
    private static final int LOW = 20_000;
    private static final int HIGH = 32_000;

    private TestPorts() {
    }

    /** A port that was free on 127.0.0.1 a moment ago. */
    public static int free() {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(LOW, HIGH);
            try (ServerSocket s = new ServerSocket(candidate, 1, InetAddress.getLoopbackAddress())) {
                return candidate;
            } catch (IOException taken) {
                // in use: try another
            }
        }
        throw new UncheckedIOException(new IOException("no free port between " + LOW + " and " + HIGH));
    }
}
