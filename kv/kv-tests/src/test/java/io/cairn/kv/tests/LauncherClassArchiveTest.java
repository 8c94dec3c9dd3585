package io.cairn.kv.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The launcher keeps a class-data-sharing archive for {@code cairn server} only from a run that reached "ready":
 * {@code server --help} or a start refused for a bad flag must not leave an archive that later starts would use
 * (the JVM never rewrites a valid one), and a member that served and stopped leaves one that the next start maps.
 *
 * <p>The launcher runs from a scratch copy of the repository's root (the script, with the built jars linked in), so
 * the archive it writes is this test's own and not the one other tests and users share.
 */
class LauncherClassArchiveTest {
    private static final long TIMEOUT_SECONDS = 120;

    private Path root;
    private Path target;
    private Path archive;

    @BeforeEach
    void copyTheLauncher() throws IOException {
        Path real = CairnProcess.root();
        root = Files.createTempDirectory("cairn-launcher-archive-");
        Files.copy(real.resolve("cairn"), root.resolve("cairn"), StandardCopyOption.COPY_ATTRIBUTES);
        target = Files.createDirectories(root.resolve("cli").resolve("target"));
        Path built = real.resolve("cli").resolve("target");
        Files.createSymbolicLink(target.resolve("cairn-cli.jar"), built.resolve("cairn-cli.jar"));
        Files.createSymbolicLink(target.resolve("lib"), built.resolve("lib"));
        if (Files.isDirectory(built.resolve("native"))) {
            Files.createSymbolicLink(target.resolve("native"), built.resolve("native"));
        }
        archive = target.resolve("launcher-server.jsa");
    }

    @AfterEach
    void removeTheCopy() {
        LocalServerProcess.deleteRecursively(root);
    }

    @Test
    void onlyARunThatServedLeavesTheServerArchive() throws Exception {
        assertThat(launcher("server", "--help").exitCode()).isZero();
        assertThat(launcher("server", "--no-such-flag").exitCode()).isNotZero();
        assertThat(launcher("server", "--help").exitCode()).isZero();
        assertThat(archive).as("an archive from runs that never served").doesNotExist();

        serveThenStop();
        assertThat(target.resolve("launcher-server.jsa.ready")).as("the member marked its run as served").exists();

        Result next = launcher("server", "--version");
        assertThat(next.exitCode()).isZero();
        assertThat(archive).as("the served run's archive, kept by the next start").isRegularFile();
        assertThat(Files.size(archive)).isPositive();
        assertThat(target.resolve("launcher-server.jsa.new")).doesNotExist();
        assertThat(target.resolve("launcher-server.jsa.ready")).doesNotExist();

        // -Xshare:on makes an archive the JVM cannot map a fatal error, so this shows the kept archive is usable
        List<String> strict = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:on", "-XX:SharedArchiveFile=" + archive, "-cp",
                target.resolve("cairn-cli.jar") + ":" + target.resolve("lib") + "/*", "io.cairn.cli.Main", "--version");
        Result mapped = run(strict, java.util.Map.of());
        assertThat(mapped.exitCode()).as(mapped.output()).isZero();
    }

    private void serveThenStop() throws Exception {
        int[] ports = FreePorts.allocate(2);
        String client = "http://127.0.0.1:" + ports[0];
        String peer = "http://127.0.0.1:" + ports[1];
        Path log = Files.createTempFile(root, "server-", ".log");
        ProcessBuilder builder = launcherProcess("server", "--name", "a1", "--data-dir", root.resolve("data").toString(),
                "--listen-client-urls", client, "--advertise-client-urls", client, "--listen-peer-urls", peer,
                "--initial-advertise-peer-urls", peer, "--initial-cluster", "a1=" + peer, "--apiserver-listen", "none")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Process server = builder.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            while (!Files.readString(log, StandardCharsets.ISO_8859_1).contains("ready to serve")) {
                assertThat(server.isAlive()).as(Files.readString(log, StandardCharsets.ISO_8859_1)).isTrue();
                assertThat(System.nanoTime()).as("member ready in time").isLessThan(deadline);
                Thread.sleep(100);
            }
            server.destroy(); // SIGTERM: the JVM writes its archive as it exits
            assertThat(server.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        } finally {
            server.destroyForcibly();
        }
    }

    private record Result(int exitCode, String output) {
    }

    private ProcessBuilder launcherProcess(String... args) {
        List<String> command = new ArrayList<>();
        command.add(root.resolve("cairn").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
        builder.environment().put("CAIRN_NO_BUILD", "1");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("CAIRN_JAVA_OPTS", "-Xmx384m");
        return builder;
    }

    private Result launcher(String... args) throws Exception {
        return run(launcherProcess(args).command(), launcherProcess(args).environment());
    }

    private Result run(List<String> command, java.util.Map<String, String> env) throws Exception {
        Path output = Files.createTempFile(root, "run-", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish:\n" + Files.readString(output));
        }
        return new Result(process.exitValue(), Files.readString(output));
    }
}
