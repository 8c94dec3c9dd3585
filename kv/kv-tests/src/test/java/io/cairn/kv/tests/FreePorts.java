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
 * sockets of one call are held open together, so the ports returned by one call are distinct.
 */
final class FreePorts {

    private FreePorts() {
    }

    /** Returns {@code count} distinct ports that were free on 127.0.0.1 a moment ago. */
    static int[] allocate(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                socket.setReuseAddress(true);
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
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
}
