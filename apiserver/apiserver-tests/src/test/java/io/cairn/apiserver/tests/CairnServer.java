package io.cairn.apiserver.tests;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code cairn server} process (store and Kubernetes API server) on free loopback ports, with its own data
 * directory.
 *
 * <p>Why: the e2e tests must see exactly what a user's kubectl sees: the launcher's server, its generated
 * certificates and kubeconfig, over real sockets. A separate process also keeps the clients' HTTP stacks (Vert.x,
 * OkHttp) off the server's classpath.
 */
final class CairnServer implements AutoCloseable {
    private final Path dir;
    private final List<String> extraFlags;
    private final int clientPort;
    private final int peerPort;
    private final int apiPort;
    private Process process;

    private CairnServer(Path dir, List<String> extraFlags) {
        this.dir = dir;
        this.extraFlags = List.copyOf(extraFlags);
        int[] p = Ports.free(3);
        this.clientPort = p[0];
        this.peerPort = p[1];
        this.apiPort = p[2];
    }

    /** Starts a server in {@code dir} and waits until its API server is ready. */
    static CairnServer start(Path dir, String... extraFlags) {
        CairnServer s = new CairnServer(dir, List.of(extraFlags));
        s.launch();
        return s;
    }

    /** Starts the same server again (same ports and data), e.g. after {@link #kill()}. */
    void restart() {
        launch();
    }

    private void launch() {
        Path root = root();
        Path target = root.resolve("cli").resolve("target");
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> cmd = new ArrayList<>(List.of(java, "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "--enable-native-access=ALL-UNNAMED", "-Xmx512m",
                "-cp", target.resolve("cairn-cli.jar") + File.pathSeparator + target.resolve("lib") + File.separator
                        + "*",
                "io.cairn.cli.Main", "server",
                "--name", "api-test",
                "--data-dir", dir.resolve("data").toString(),
                "--listen-client-urls", "http://127.0.0.1:" + clientPort,
                "--advertise-client-urls", "http://127.0.0.1:" + clientPort,
                "--listen-peer-urls", "http://127.0.0.1:" + peerPort,
                "--initial-advertise-peer-urls", "http://127.0.0.1:" + peerPort,
                "--initial-cluster", "api-test=http://127.0.0.1:" + peerPort,
                "--apiserver-listen", "127.0.0.1:" + apiPort));
        // RocksDB's JNI library loaded in place, as the launcher does: otherwise each start copies 17 MB into the
        // temporary folder, and a server the test kills never deletes its copy
        Path lib = target.resolve("native").resolve("librocksdbjni-linux64.so");
        String arch = System.getProperty("os.arch");
        if (Files.isRegularFile(lib) && ("amd64".equals(arch) || "x86_64".equals(arch))) {
            cmd.add(1, "-Djava.library.path=" + lib.getParent()
                    + ":/usr/java/packages/lib:/usr/lib64:/lib64:/lib:/usr/lib");
        }
        cmd.addAll(extraFlags);
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(log());
            process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log().toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (logText().contains("Kubernetes API server ready")) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("cairn server exited: " + logText());
            }
            sleep(100);
        }
        throw new IllegalStateException("cairn server not ready in 90 s: " + logText());
    }

    /** The admin kubeconfig the server wrote. */
    Path kubeconfig() {
        return dir.resolve("data").resolve("kubeconfig.yaml");
    }

    /** {@code https://127.0.0.1:<port>}. */
    String url() {
        return "https://127.0.0.1:" + apiPort;
    }

    int apiPort() {
        return apiPort;
    }

    /** The store's client URL, for etcdctl. */
    String storeEndpoint() {
        return "127.0.0.1:" + clientPort;
    }

    /** The PKI directory (CA and certificates). */
    Path pki() {
        return dir.resolve("data").resolve("apiserver").resolve("pki");
    }

    Path log() {
        return dir.resolve("server.log");
    }

    String logText() {
        try {
            return Files.exists(log()) ? Files.readString(log(), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Ends the process with SIGKILL. */
    void kill() {
        process.destroyForcibly();
        waitFor();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitFor();
        }
    }

    private void waitFor() {
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Path root() {
        String root = System.getProperty("cairn.root");
        if (root == null || root.isBlank()) {
            throw new IllegalStateException("system property cairn.root (the repository root) is not set");
        }
        return Path.of(root);
    }
}
