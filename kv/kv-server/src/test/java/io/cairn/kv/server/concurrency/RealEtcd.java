package io.cairn.kv.server.concurrency;

import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.RangeRequest;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Test fixture: a real etcd 3.4 member ({@code /usr/bin/etcd}, Debian's etcd-server, or {@code -Dcairn.etcd}) on
 * free loopback ports with a temporary data directory, and a plain gRPC channel to it.
 *
 * <p>Why: etcd is the oracle. It serves its own Lock and Election services to compare with, and it is a complete
 * etcd API for the recipes to run against. A missing binary fails the test rather than skipping it.
 */
final class RealEtcd implements AutoCloseable {

    private static final Path BINARY = Path.of(System.getProperty("cairn.etcd", "/usr/bin/etcd"));

    private final Path directory;
    private final Process process;
    private final ManagedChannel channel;
    private final URI clientUrl;

    private RealEtcd(Path directory, Process process, ManagedChannel channel, URI clientUrl) {
        this.directory = directory;
        this.process = process;
        this.channel = channel;
        this.clientUrl = clientUrl;
    }

    /** Starts etcd and waits until it serves reads. */
    static RealEtcd start() throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("these tests compare with a real etcd, but " + BINARY + " is not installed:"
                    + " install Debian's etcd-server package, or point -Dcairn.etcd at an etcd 3.4 binary");
        }
        Path directory = Files.createTempDirectory("cairn-concurrency-etcd");
        String client = "http://127.0.0.1:" + freePort();
        String peer = "http://127.0.0.1:" + freePort();
        Process process = new ProcessBuilder(List.of(BINARY.toString(),
                "--name", "oracle",
                "--data-dir", directory.resolve("data").toString(),
                "--listen-client-urls", client, "--advertise-client-urls", client,
                "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
                "--initial-cluster", "oracle=" + peer))
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("etcd.log").toFile())
                .start();
        ManagedChannel channel = NettyChannelBuilder.forTarget(client.substring("http://".length()))
                .usePlaintext().build();
        RealEtcd etcd = new RealEtcd(directory, process, channel, URI.create(client));
        etcd.awaitReady();
        return etcd;
    }

    /** A channel to etcd's client port. */
    ManagedChannel channel() {
        return channel;
    }

    /** How many watchers etcd has open now (its {@code etcd_debugging_mvcc_watcher_total} gauge). */
    long watchers() throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            String metrics = http.send(HttpRequest.newBuilder(clientUrl.resolve("/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return metrics.lines()
                    .filter(l -> l.startsWith("etcd_debugging_mvcc_watcher_total "))
                    .mapToLong(l -> (long) Double.parseDouble(l.substring(l.indexOf(' ') + 1).trim()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("etcd reports no watcher gauge"));
        }
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                KVGrpc.newBlockingStub(channel).withDeadlineAfter(1, TimeUnit.SECONDS)
                        .range(RangeRequest.newBuilder().setKey(com.google.protobuf.ByteString.copyFromUtf8("x")).build());
                return;
            } catch (StatusRuntimeException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    close();
                    throw new IllegalStateException("etcd did not start; see its log in " + directory, e);
                }
                Thread.sleep(100);
            }
        }
    }

    private static int freePort() {
        return io.cairn.kv.server.TestPorts.free();
    }

    @Override
    public void close() {
        channel.shutdownNow();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temporary directory left behind is harmless.
        }
    }
}
