package io.cairn.apiserver.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback ports that were free a moment ago, below the kernel's ephemeral range (so an outgoing connection cannot
 * take one before the server binds it).
 */
final class Ports {
    private Ports() {
    }

    static int[] free(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            int found = 0;
            for (int attempt = 0; found < count && attempt < 1000; attempt++) {
                int candidate = ThreadLocalRandom.current().nextInt(20_000, 32_000);
                try {
                    held.add(new ServerSocket(candidate, 1, InetAddress.getLoopbackAddress()));
                    ports[found++] = candidate;
                } catch (IOException taken) {
                    // try another
                }
            }
            if (found < count) {
                throw new IOException("no free ports");
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // released either way
                }
            }
        }
    }
}
