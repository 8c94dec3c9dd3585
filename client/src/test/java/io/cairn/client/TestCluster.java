package io.cairn.client;

import io.cairn.apiserver.ApiServer;
import io.cairn.apiserver.ApiServerConfig;
import io.cairn.kv.server.KvServer;
import io.cairn.kv.server.KvServerConfig;
import io.etcd.jetcd.api.CompactionRequest;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.RangeRequest;
import io.fabric8.kubernetes.client.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A real Cairn store and API server in the test JVM, on ephemeral ports, with the admin kubeconfig the server
 * writes; the API server can be restarted (its watch window then starts afresh) and the store compacted.
 */
final class TestCluster implements AutoCloseable {
    private final Path dir;
    private final KvServer store;
    private volatile ApiServer api;
    private volatile int port;

    private TestCluster(Path dir, KvServer store) {
        this.dir = dir;
        this.store = store;
        this.api = startApi();
        this.port = api.address().getPort();
    }

    static TestCluster start(Path dir) {
        URI c = URI.create("http://127.0.0.1:" + freePort());
        URI p = URI.create("http://127.0.0.1:" + freePort());
        KvServer s = KvServer.create(KvServerConfig.builder().dataDir(dir.resolve("store"))
                .listenClientUrls(List.of(c)).advertiseClientUrls(List.of(c)).listenPeerUrls(List.of(p))
                .initialAdvertisePeerUrls(List.of(p)).build()).start();
        return new TestCluster(dir, s);
    }

    private ApiServer startApi() {
        return ApiServer.create(ApiServerConfig.builder(dir.resolve("api"))
                .listen(new InetSocketAddress("127.0.0.1", port)).bookmarkInterval(Duration.ofMillis(500)).build(),
                store.embeddedChannel()).start();
    }

    Path kubeconfig() {
        return api.kubeconfig();
    }

    /** fabric8 transport settings from the admin kubeconfig. */
    Config transport() {
        try {
            return Config.fromKubeconfig(Files.readString(kubeconfig()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client builder for this cluster, named {@code name}, with limits high enough not to slow tests. */
    ClientConfig.Builder client(String name) {
        return ClientConfig.builder(name, transport()).rateLimit(1000, 1000).audit(r -> { })
                .watch(Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofMinutes(5));
    }

    /** Stops and starts the API server on the same port; watches resumed afterwards from older versions get 410. */
    void restartApi() {
        api.close();
        api = startApi();
    }

    /** Compacts the store's history up to its current revision. */
    void compact() {
        var kv = KVGrpc.newBlockingStub(store.embeddedChannel());
        long rev = kv.range(RangeRequest.newBuilder().setKey(com.google.protobuf.ByteString.copyFromUtf8("/"))
                .setCountOnly(true).build()).getHeader().getRevision();
        kv.compact(CompactionRequest.newBuilder().setRevision(rev).setPhysical(true).build());
    }

    @Override
    public void close() {
        api.close();
        store.close();
    }

    static int freePort() {
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
