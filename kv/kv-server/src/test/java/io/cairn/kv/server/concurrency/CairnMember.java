package io.cairn.kv.server.concurrency;

import io.cairn.kv.server.KvServer;
import io.cairn.kv.server.KvServerConfig;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Test fixture: a single Cairn member on free loopback ports with a temporary data directory, and a channel to it.
 *
 * <p>Why: the recipes need only an etcd API; pointing them at a Cairn member checks them end to end against
 * Cairn's own KV, Lease and Watch services, before the member serves Lock and Election itself.
 */
final class CairnMember implements AutoCloseable {

    private final Path directory;
    private final KvServer server;
    private final ManagedChannel channel;

    private CairnMember(Path directory, KvServer server, ManagedChannel channel) {
        this.directory = directory;
        this.server = server;
        this.channel = channel;
    }

    static CairnMember start() throws IOException {
        Path directory = Files.createTempDirectory("cairn-concurrency-member");
        URI peer = URI.create("http://127.0.0.1:" + freePort());
        URI client = URI.create("http://127.0.0.1:" + freePort());
        KvServer server = KvServer.create(KvServerConfig.builder().dataDir(directory.resolve("data"))
                .listenClientUrls(List.of(client)).advertiseClientUrls(List.of(client))
                .listenPeerUrls(List.of(peer)).initialAdvertisePeerUrls(List.of(peer))
                .build()).start();
        InetSocketAddress bound = server.clientAddresses().getFirst();
        ManagedChannel channel = NettyChannelBuilder.forAddress(bound.getHostString(), bound.getPort())
                .usePlaintext().build();
        return new CairnMember(directory, server, channel);
    }

    ManagedChannel channel() {
        return channel;
    }

    private static int freePort() {
        return io.cairn.kv.server.TestPorts.free();
    }

    @Override
    public void close() throws Exception {
        channel.shutdownNow();
        server.close();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temporary directory left behind is harmless.
        }
    }
}
