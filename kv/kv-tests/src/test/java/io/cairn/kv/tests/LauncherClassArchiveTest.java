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

        int[] ports = FreePorts.allocate(2);
        Process member = startMember(ports);
        // a second member started by mistake on the same ports is refused and writes a small archive as it exits
        assertThat(launcher(memberArgs(ports)).exitCode()).isNotZero();
        List<Path> refused = files("launcher-server.jsa.new.");
        assertThat(refused).as("the refused run's archive").hasSize(1);
        long refusedSize = Files.size(refused.get(0));
        assertThat(files("launcher-server.jsa.ready.")).as("the serving member marked its run").hasSize(1);
        assertThat(launcher("server", "--version").exitCode()).isZero();
        assertThat(archive).as("nothing kept while the serving member runs (its archive is written at exit)")
                .doesNotExist();
        stop(member);

        Result next = launcher("server", "--version");
        assertThat(next.exitCode()).isZero();
        assertThat(archive).as("the served run's archive, kept by the next start").isRegularFile();
        assertThat(Files.size(archive)).as("the serving member's archive, not the refused one's")
                .isGreaterThan(refusedSize);
        assertThat(files("launcher-server.jsa.new.")).isEmpty();
        assertThat(files("launcher-server.jsa.ready.")).isEmpty();

        // -Xshare:on makes an archive the JVM cannot map a fatal error, so this shows the kept archive is usable
        List<String> strict = CairnProcess.cliCommand(root, List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archive));
        strict.add("--version");
        Result mapped = run(new ProcessBuilder(strict));
        assertThat(mapped.exitCode()).as(mapped.output()).isZero();
    }

    private List<Path> files(String prefix) throws IOException {
        try (var list = Files.list(target)) {
            return list.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
        }
    }

    private String[] memberArgs(int[] ports) {
        String client = "http://127.0.0.1:" + ports[0];
        String peer = "http://127.0.0.1:" + ports[1];
        return new String[] {"server", "--name", "a1", "--data-dir", root.resolve("data").toString(),
            "--listen-client-urls", client, "--advertise-client-urls", client, "--listen-peer-urls", peer,
            "--initial-advertise-peer-urls", peer, "--initial-cluster", "a1=" + peer, "--apiserver-listen", "none"};
    }

    private Process startMember(int[] ports) throws Exception {
        Path log = Files.createTempFile(root, "server-", ".log");
        Process server = launcherProcess(memberArgs(ports)).redirectErrorStream(true).redirectOutput(log.toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!Files.readString(log, StandardCharsets.ISO_8859_1).contains("ready to serve")) {
            if (!server.isAlive() || System.nanoTime() > deadline) {
                server.destroyForcibly();
                throw new IllegalStateException("member not ready:\n" + Files.readString(log,
                        StandardCharsets.ISO_8859_1));
            }
            Thread.sleep(100);
        }
        return server;
    }

    private static void stop(Process server) throws InterruptedException {
        server.destroy(); // SIGTERM: the JVM writes its archive as it exits
        try {
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
        return run(launcherProcess(args));
    }

    private Result run(ProcessBuilder builder) throws Exception {
        Path output = Files.createTempFile(root, "run-", ".out");
        Process process = builder.directory(root.toFile()).redirectErrorStream(true).redirectOutput(output.toFile())
                .start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", builder.command()) + " did not finish:\n"
                    + Files.readString(output));
        }
        return new Result(process.exitValue(), Files.readString(output));
    }
}
