package io.cairn.kv.tests;

import io.etcd.jetcd.api.MaintenanceGrpc;
import io.etcd.jetcd.api.StatusRequest;
import io.etcd.jetcd.api.StatusResponse;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Cairn cluster of separate processes on loopback, started with etcd's clustering flags, with process-level faults:
 * {@code kill -9}, SIGSTOP/SIGCONT, graceful restarts, members that join with {@code --initial-cluster-state existing}.
 *
 * <p>Why processes: a fault test must cut a member off the way the kernel would, and the members must not share a
 * JVM with the test's clients.
 */
final class CairnCluster implements AutoCloseable {
    static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final String TOKEN = "cairn-test-cluster";

    private final Path directory;
    private final List<Member> members = new ArrayList<>();

    private CairnCluster(Path directory) {
        this.directory = directory;
    }

    /** Starts {@code size} members as one new cluster and waits until every one serves and a leader exists. */
    static CairnCluster start(int size, List<String> extraFlags) {
        return start(size, "http", name -> extraFlags);
    }

    /**
     * As {@link #start(int, List)}, with peer URLs of {@code peerScheme} ({@code http} or {@code https}) and each
     * member's extra flags given by its name ({@code m1}, {@code m2}, ...), e.g. its own peer certificate.
     */
    static CairnCluster start(int size, String peerScheme,
                              java.util.function.Function<String, List<String>> flagsByName) {
        Path dir;
        try {
            dir = Files.createTempDirectory("cairn-cluster-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CairnCluster c = new CairnCluster(dir);
        try {
            for (int i = 1; i <= size; i++) {
                int[] ports = FreePorts.allocate(2);
                c.members.add(new Member(c, "m" + i, ports[0], ports[1], flagsByName.apply("m" + i), peerScheme));
            }
            String spec = c.members.stream().map(m -> m.name + "=" + m.peerUrl()).collect(Collectors.joining(","));
            for (Member m : c.members) {
                m.initialCluster = spec;
                m.state = "new";
                m.launch();
            }
            for (Member m : c.members) {
                m.awaitServing();
            }
            c.leader();
            return c;
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    List<Member> members() {
        return List.copyOf(members);
    }

    List<Member> alive() {
        return members.stream().filter(Member::isAlive).toList();
    }

    /** The member that leads, as the running members agree on it (waits up to the start timeout). */
    Member leader() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            for (Member m : alive()) {
                Optional<StatusResponse> s = m.status();
                if (s.isPresent() && s.get().getLeader() != 0 && s.get().getLeader() == s.get().getHeader().getMemberId()) {
                    return m;
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("no leader among " + alive() + report());
            }
            sleep(Duration.ofMillis(50));
        }
    }

    /** A running member that does not lead. */
    Member follower() {
        Member leader = leader();
        return alive().stream().filter(m -> m != leader).findFirst()
                .orElseThrow(() -> new IllegalStateException("no follower is running"));
    }

    /**
     * Prepares a member that will join with {@code --initial-cluster-state existing} (not launched: run {@code member
     * add} for its {@link Member#peerUrl()} first, then {@link Member#start()}).
     */
    Member newJoiner(String name) {
        return newJoiner(name, "http", List.of());
    }

    /** As {@link #newJoiner(String)}, with a peer URL of {@code peerScheme} and extra flags of its own. */
    Member newJoiner(String name, String peerScheme, List<String> extraFlags) {
        int[] ports = FreePorts.allocate(2);
        Member m = new Member(this, name, ports[0], ports[1], extraFlags, peerScheme);
        List<String> parts = new ArrayList<>();
        for (Member o : members) {
            if (!o.removed) {
                parts.add(o.name + "=" + o.peerUrl());
            }
        }
        parts.add(name + "=" + m.peerUrl());
        m.initialCluster = String.join(",", parts);
        m.state = "existing";
        members.add(m);
        return m;
    }

    /** The client endpoints of the running members, comma-separated (etcdctl's --endpoints). */
    String endpoints() {
        return alive().stream().map(m -> "127.0.0.1:" + m.clientPort).collect(Collectors.joining(","));
    }

    String report() {
        StringBuilder b = new StringBuilder();
        for (Member m : members) {
            b.append("\n---- last lines of ").append(m.name).append(":\n").append(m.logTail(25));
        }
        return b.toString();
    }

    /** Copies every member's log (all its starts) into {@code target}, e.g. to keep them after {@link #close()}. */
    void saveLogs(Path target) {
        try {
            Files.createDirectories(target);
            for (Member m : members) {
                if (Files.exists(m.log)) {
                    Files.copy(m.log, target.resolve(m.name + ".log"), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        for (Member m : members) {
            m.resume();
            m.destroy();
        }
        LocalServerProcess.deleteRecursively(directory);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One member process. */
    static final class Member {
        final String name;
        final int clientPort;
        final int peerPort;
        private final CairnCluster cluster;
        private final List<String> extraFlags;
        private final String peerScheme;
        private final Path dataDir;
        private final Path log;
        private String initialCluster;
        private String state;
        private Process process;
        private boolean paused;
        boolean removed;

        Member(CairnCluster cluster, String name, int clientPort, int peerPort, List<String> extraFlags,
               String peerScheme) {
            this.peerScheme = peerScheme;
            this.cluster = cluster;
            this.name = name;
            this.clientPort = clientPort;
            this.peerPort = peerPort;
            this.extraFlags = extraFlags;
            this.dataDir = cluster.directory.resolve(name);
            this.log = cluster.directory.resolve(name + ".log");
        }

        String clientUrl() {
            return "http://127.0.0.1:" + clientPort;
        }

        String peerUrl() {
            return peerScheme + "://127.0.0.1:" + peerPort;
        }

        /** etcdctl's form of the endpoint. */
        String endpoint() {
            return "127.0.0.1:" + clientPort;
        }

        synchronized boolean isAlive() {
            return process != null && process.isAlive();
        }

        synchronized void launch() {
            List<String> command = CairnProcess.serverCommand(CairnProcess.root());
            command.addAll(List.of("--name", name, "--data-dir", dataDir.toString(),
                    "--listen-client-urls", clientUrl(), "--advertise-client-urls", clientUrl(),
                    "--listen-peer-urls", peerUrl(), "--initial-advertise-peer-urls", peerUrl(),
                    "--initial-cluster", initialCluster, "--initial-cluster-state", state,
                    "--initial-cluster-token", TOKEN));
            command.addAll(extraFlags);
            append("---- start: " + String.join(" ", command));
            try {
                process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            paused = false;
        }

        /** Launches and waits until the member serves (a joiner: until it has joined). */
        void start() {
            launch();
            awaitServing();
        }

        /** Waits for the member's "ready" line in this start's part of the log. */
        void awaitServing() {
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            int from = logLines().size();
            while (true) {
                List<String> lines = logLines();
                // the marker of the current start is the last "---- start" line
                int startLine = 0;
                for (int i = lines.size() - 1; i >= 0; i--) {
                    if (lines.get(i).startsWith("---- start")) {
                        startLine = i;
                        break;
                    }
                }
                if (lines.subList(Math.min(startLine, lines.size()), lines.size()).stream()
                        .anyMatch(l -> l.contains("ready to serve client requests"))) {
                    return;
                }
                if (!isAlive()) {
                    throw new IllegalStateException(name + " exited before serving" + cluster.report());
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException(name + " not serving after " + START_TIMEOUT + " (log from line "
                            + from + ")" + cluster.report());
                }
                sleep(Duration.ofMillis(100));
            }
        }

        /** SIGKILL, and wait until the process is gone. */
        synchronized void kill() {
            if (process == null) {
                return;
            }
            resume();
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(30));
            append("---- killed with SIGKILL");
        }

        /** SIGTERM (a graceful stop). */
        synchronized void stop() {
            if (process == null || !process.isAlive()) {
                return;
            }
            resume();
            process.destroy();
            if (!waitFor(Duration.ofSeconds(15))) {
                process.destroyForcibly();
                waitFor(Duration.ofSeconds(15));
            }
            append("---- stopped");
        }

        /** SIGSTOP: the process stays but does nothing (a long GC pause, a frozen VM). */
        synchronized void pause() {
            signal("STOP");
            paused = true;
            append("---- paused with SIGSTOP");
        }

        /** SIGCONT after {@link #pause()}. */
        synchronized void resume() {
            if (paused && process != null && process.isAlive()) {
                signal("CONT");
                append("---- resumed with SIGCONT");
            }
            paused = false;
        }

        /** Waits (bounded) for the process to exit by itself, e.g. after it was removed from the cluster. */
        boolean awaitExit(Duration timeout) {
            Process p;
            synchronized (this) {
                p = process;
            }
            try {
                return p == null || p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        private void signal(String sig) {
            if (process == null || !process.isAlive()) {
                return;
            }
            try {
                Process p = new ProcessBuilder("kill", "-" + sig, Long.toString(process.pid())).start();
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void destroy() {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
                waitFor(Duration.ofSeconds(30));
            }
        }

        private boolean waitFor(Duration d) {
            try {
                return process.waitFor(d.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** The member's Status, if it answers within a second. */
        Optional<StatusResponse> status() {
            ManagedChannel ch = NettyChannelBuilder.forAddress("127.0.0.1", clientPort).usePlaintext().build();
            try {
                return Optional.of(MaintenanceGrpc.newBlockingStub(ch).withDeadlineAfter(1, TimeUnit.SECONDS)
                        .status(StatusRequest.getDefaultInstance()));
            } catch (RuntimeException e) {
                return Optional.empty();
            } finally {
                ch.shutdownNow();
            }
        }

        long id() {
            return status().map(s -> s.getHeader().getMemberId())
                    .orElseThrow(() -> new IllegalStateException(name + " does not answer Status"));
        }

        private List<String> logLines() {
            try {
                return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.ISO_8859_1) : List.of();
            } catch (IOException e) {
                return List.of();
            }
        }

        Path logFile() {
            return log;
        }

        String logTail(int lines) {
            List<String> all = logLines();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        }

        private void append(String line) {
            try {
                Files.writeString(log, line + System.lineSeparator(), StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
