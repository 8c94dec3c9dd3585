package io.cairn.kv.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Allocates TCP ports on the loopback interface that are free at the time of the call.
 *
 * <p>Why: several server processes (and other builds on the same machine) run at once, so fixed ports collide. All
 * sockets of one call are held open together, so the ports returned by one call are distinct. Ports come from below
 * the kernel's ephemeral range (32768 and up on Linux): a port the kernel hands out for port 0 can be taken again
 * by any outgoing connection (a cluster's members dial each other) before the server binds it.
 */
final class FreePorts {

    private static final int LOW = 20_000;
    private static final int HIGH = 32_000;

    private FreePorts() {
    }

    /** Returns {@code count} distinct ports that were free on 127.0.0.1 a moment ago. */
    static int[] allocate(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
            int found = 0;
            for (int attempt = 0; found < count && attempt < 1000; attempt++) {
                int candidate = random.nextInt(LOW, HIGH);
                try {
                    ServerSocket socket = new ServerSocket(candidate, 1, InetAddress.getLoopbackAddress());
                    sockets.add(socket);
                    ports[found++] = candidate;
                } catch (IOException taken) {
                    // in use: try another
                }
            }
            if (found < count) {
                throw new IOException("no free port between " + LOW + " and " + HIGH);
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("could not allocate free ports", e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // The port is released either way.
                }
            }
        }
    }

    /** The first of {@code count} consecutive ports that were all free on 127.0.0.1 a moment ago. */
    static int allocateBlock(int count) {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 1000; attempt++) {
            int base = random.nextInt(LOW, HIGH - count);
            List<ServerSocket> sockets = new ArrayList<>();
            try {
                for (int port = base; port < base + count; port++) {
                    sockets.add(new ServerSocket(port, 1, InetAddress.getLoopbackAddress()));
                }
                return base;
            } catch (IOException taken) {
                // one of them is in use: try another block
            } finally {
                for (ServerSocket socket : sockets) {
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // The port is released either way.
                    }
                }
            }
        }
        throw new UncheckedIOException(new IOException("no " + count + " consecutive free ports between " + LOW
                + " and " + HIGH));
    }
}
