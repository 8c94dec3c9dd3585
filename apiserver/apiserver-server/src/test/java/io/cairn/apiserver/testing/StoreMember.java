package io.cairn.apiserver.testing;

import io.cairn.kv.server.KvServer;
import io.cairn.kv.server.KvServerConfig;
import io.etcd.jetcd.api.CompactionRequest;
import io.etcd.jetcd.api.KVGrpc;
import io.grpc.Channel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A real single-member Cairn store in the test JVM, reached through its embedded channel as the API server
 * reaches it.
 *
 * <p>Why: registry and watch-cache behaviour (guarded writes, compaction, watch resumption) is the store's
 * behaviour; a fake would only test the fake.
 */
public final class StoreMember implements AutoCloseable {
    private final KvServer server;

    private StoreMember(KvServer server) {
        this.server = server;
    }

    /** Starts a member with its data in {@code dir}. */
    public static StoreMember start(Path dir) {
        int client = freePort();
        int peer = freePort();
        URI c = URI.create("http://127.0.0.1:" + client);
        URI p = URI.create("http://127.0.0.1:" + peer);
        KvServer s = KvServer.create(KvServerConfig.builder().dataDir(dir).listenClientUrls(List.of(c))
                .advertiseClientUrls(List.of(c)).listenPeerUrls(List.of(p)).initialAdvertisePeerUrls(List.of(p))
                .build()).start();
        return new StoreMember(s);
    }

    /** The channel the API server would use. */
    public Channel channel() {
        return server.embeddedChannel();
    }

    /** Compacts the store's history up to {@code revision}. */
    public void compact(long revision) {
        KVGrpc.newBlockingStub(channel()).compact(CompactionRequest.newBuilder().setRevision(revision)
                .setPhysical(true).build());
    }

    @Override
    public void close() {
        server.close();
    }

    private static int freePort() {
        for (int i = 0; i < 1000; i++) {
            int candidate = ThreadLocalRandom.current().nextInt(20_000, 32_000);
            try (ServerSocket s = new ServerSocket(candidate, 1, InetAddress.getLoopbackAddress())) {
                return candidate;
            } catch (IOException taken) {
                // next
            }
        }
        throw new UncheckedIOException(new IOException("no free port"));
    }
}
