package io.cairn.kv.tests;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.RangeRequest;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The process plumbing shared by {@link EtcdProcess} and {@link CairnProcess}: launch with etcd's flags, log capture,
 * readiness, SIGKILL, restart on the same data directory, cleanup.
 *
 * <p>Why: the two servers differ only in their command line; everything a test relies on (same ports after a restart,
 * a log to show on failure, "ready" meaning a KV Range succeeds) must behave identically for both.
 */
abstract class LocalServerProcess implements ServerProcess {

    private static final Duration PROBE_DEADLINE = Duration.ofSeconds(1);
    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(10);
    private static final int TAIL_LINES_ON_FAILURE = 60;

    private final String name;
    private final Path directory;
    private final Path logFile;
    private final int clientPort;
    private final int peerPort;
    private final Duration startTimeout;
    private final List<String> extraFlags;
    private final java.util.Optional<ClientTls> tls;
    private final Thread killOnExit = new Thread(this::killIfAlive, "kill-on-exit");
    private Process process;
    private int starts;
    private boolean closed;

    /**
     * @param name the member name and report name
     * @param directory a directory owned by this process (deleted on close): holds {@code data/} and {@code server.log}
     * @param startTimeout how long {@link #start()} waits for the first successful Range
     * @param extraFlags flags (etcd's spelling) appended to {@link #etcdFlags()}, e.g. a backend quota
     */
    LocalServerProcess(String name, Path directory, Duration startTimeout, List<String> extraFlags) {
        this(name, directory, startTimeout, extraFlags, java.util.Optional.empty());
    }

    /**
     * As above, serving the client URL over TLS when {@code tls} is given ({@code https://}, the TLS flags being
     * among {@code extraFlags}); {@code tls} is what the readiness probe uses to connect.
     */
    LocalServerProcess(String name, Path directory, Duration startTimeout, List<String> extraFlags,
                       java.util.Optional<ClientTls> tls) {
        this.tls = tls;
        this.name = name;
        this.extraFlags = List.copyOf(extraFlags);
        this.directory = directory;
        this.logFile = directory.resolve("server.log");
        this.startTimeout = startTimeout;
        int[] ports = FreePorts.allocate(2);
        this.clientPort = ports[0];
        this.peerPort = ports[1];
    }

    /** The full command line (program and arguments) that starts the server. */
    abstract List<String> command();

    /** The flags etcd and Cairn share, for a single-member cluster on loopback, then the extra flags. */
    final List<String> etcdFlags() {
        String clientUrl = endpoint().toString();
        String peerUrl = peerEndpoint().toString();
        List<String> flags = new ArrayList<>(List.of(
                "--name", name,
                "--data-dir", dataDir().toString(),
                "--listen-client-urls", clientUrl,
                "--advertise-client-urls", clientUrl,
                "--listen-peer-urls", peerUrl,
                "--initial-advertise-peer-urls", peerUrl,
                "--initial-cluster", name + "=" + peerUrl));
        flags.addAll(extraFlags);
        return flags;
    }

    final Path dataDir() {
        return directory.resolve("data");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final URI endpoint() {
        return URI.create((tls.isPresent() ? "https" : "http") + "://127.0.0.1:" + clientPort);
    }

    @Override
    public final URI peerEndpoint() {
        return URI.create("http://127.0.0.1:" + peerPort);
    }

    @Override
    public final Path logFile() {
        return logFile;
    }

    @Override
    public final synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    @Override
    public final synchronized void start() {
        if (closed) {
            throw new IllegalStateException(name + " is closed");
        }
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        launch();
        awaitReady();
    }

    @Override
    public final synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(30));
        appendToLog("---- killed with SIGKILL, exit code " + process.exitValue());
    }

    @Override
    public final synchronized void restart() {
        if (isAlive()) {
            stopGracefully();
        }
        start();
    }

    @Override
    public final String logTail(int lines) {
        if (!Files.exists(logFile)) {
            return "(no log file " + logFile + ")";
        }
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(could not read " + logFile + ": " + e + ")";
        }
    }

    @Override
    public final synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (isAlive()) {
            stopGracefully();
        }
        if (starts > 0) {
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } catch (IllegalStateException shuttingDown) {
                // The hook runs anyway.
            }
        }
        deleteRecursively(directory);
    }

    private void launch() {
        List<String> command = command();
        starts++;
        appendToLog("---- start #" + starts + ": " + String.join(" ", command));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("could not launch " + name + ": " + command, e);
        }
        if (starts == 1) {
            // A test JVM that exits without closing this (a crash, a timeout) must not leave the server running.
            Runtime.getRuntime().addShutdownHook(killOnExit);
        }
    }

    private void killIfAlive() {
        Process running = process;
        if (running != null && running.isAlive()) {
            running.destroyForcibly();
        }
    }

    /**
     * Polls a KV Range until it succeeds (or is refused by auth, which only a serving member does: etcdctl's
     * endpoint health counts that as healthy too), the process exits, or the start timeout passes.
     */
    private void awaitReady() {
        Instant deadline = Instant.now().plus(startTimeout);
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress("127.0.0.1", clientPort);
        tls.ifPresentOrElse(t -> builder.sslContext(t.grpcContext()), builder::usePlaintext);
        ManagedChannel channel = builder.build();
        try {
            KVGrpc.KVBlockingStub kv = KVGrpc.newBlockingStub(channel);
            RangeRequest probe = RangeRequest.newBuilder().setKey(ByteString.copyFromUtf8("health")).build();
            StatusRuntimeException last = null;
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited with code " + process.exitValue()
                            + " before it was ready" + tailForReport());
                }
                try {
                    kv.withDeadlineAfter(PROBE_DEADLINE.toMillis(), TimeUnit.MILLISECONDS).range(probe);
                    return;
                } catch (StatusRuntimeException e) {
                    String description = String.valueOf(e.getStatus().getDescription());
                    if (description.equals("etcdserver: user name is empty")
                            || description.equals("etcdserver: permission denied")) {
                        return;
                    }
                    last = e;
                }
                sleep(Duration.ofMillis(100));
            }
            process.destroyForcibly();
            waitForExit(Duration.ofSeconds(10));
            throw new IllegalStateException(name + " answered no KV Range within " + startTimeout.toSeconds()
                    + " s (last: " + last + ")" + tailForReport());
        } finally {
            channel.shutdownNow();
        }
    }

    private String tailForReport() {
        return "; last lines of " + logFile + ":\n" + logTail(TAIL_LINES_ON_FAILURE);
    }

    private void stopGracefully() {
        process.destroy();
        if (!waitForExit(GRACEFUL_STOP)) {
            process.destroyForcibly();
            waitForExit(GRACEFUL_STOP);
        }
        appendToLog("---- stopped, exit code " + (process.isAlive() ? "(still running)" : process.exitValue()));
    }

    private boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name + " to exit", e);
        }
    }

    private void appendToLog(String line) {
        try {
            Files.writeString(logFile, line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Deletes a directory tree, tolerating files that vanish meanwhile. */
    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + root, e);
        }
    }
}
