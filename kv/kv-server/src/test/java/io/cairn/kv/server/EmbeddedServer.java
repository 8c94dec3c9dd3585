package io.cairn.kv.server;

import io.etcd.jetcd.api.KVGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/** Test fixture: an embedded member on free loopback ports with a gRPC channel to it. */
final class EmbeddedServer implements AutoCloseable {
    final Path dir;
    final int peerPort;
    final int clientPort;
    final java.util.function.UnaryOperator<KvServerConfig.Builder> customizer;
    KvServer server;
    ManagedChannel channel;

    EmbeddedServer(Path dir) {
        this(dir, builder -> builder);
    }

    /** A member whose configuration {@code customizer} adjusts (quota, observability, ...). */
    EmbeddedServer(Path dir, java.util.function.UnaryOperator<KvServerConfig.Builder> customizer) {
        this.customizer = customizer;
        this.dir = dir;
        this.peerPort = freePort();
        this.clientPort = freePort();
    }

    static int freePort() {
        return io.cairn.kv.server.TestPorts.free();
    }

    KvServerConfig config() {
        URI peer = URI.create("http://127.0.0.1:" + peerPort);
        URI client = URI.create("http://127.0.0.1:" + clientPort);
        return customizer.apply(KvServerConfig.builder().dataDir(dir)
                .listenClientUrls(List.of(client)).advertiseClientUrls(List.of(client))
                .listenPeerUrls(List.of(peer)).initialAdvertisePeerUrls(List.of(peer)))
                .build();
    }

    EmbeddedServer start() {
        server = KvServer.create(config()).start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", clientPort).usePlaintext().build();
        return this;
    }

    KVGrpc.KVBlockingStub kv() {
        return KVGrpc.newBlockingStub(channel);
    }

    void stop() {
        if (channel != null) {
            channel.shutdownNow();
            channel = null;
        }
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
