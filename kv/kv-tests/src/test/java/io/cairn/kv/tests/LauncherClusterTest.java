package io.cairn.kv.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The launcher's local cluster, {@code ./cairn cluster up|down}, run as a developer runs it: three members come up
 * and form one cluster that etcdctl can use through any member, {@code up} is idempotent, {@code down} stops every
 * member and frees the ports, and {@code up} again restarts the same members with their data. The launcher runs with
 * {@code CAIRN_NO_BUILD=1} (Maven is building around this test) and {@code --base-port} (etcd's own ports may be in
 * use on a build machine).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LauncherClusterTest {
    private static final long LAUNCHER_TIMEOUT_SECONDS = 180;

    private Path dir;
    private Path scratch;
    private int basePort;

    @BeforeAll
    void prepare() throws IOException {
        Etcdctl.requireBinary();
        dir = Files.createTempDirectory("cairn-launcher-cluster-");
        scratch = Files.createTempDirectory("cairn-launcher-etcdctl-");
        basePort = FreePorts.allocateBlock(6);
    }

    @AfterAll
    void stopAndClean() {
        if (dir != null) {
            try {
                launcher("cluster", "down", "--dir", dir.toString());
            } finally {
                LocalServerProcess.deleteRecursively(dir);
                LocalServerProcess.deleteRecursively(scratch);
            }
        }
    }

    private String endpoint(int member) {
        return "http://127.0.0.1:" + (basePort + 2 * (member - 1));
    }

    private Etcdctl.Output etcdctl(int member, String... args) {
        return new Etcdctl(URI.create(endpoint(member)), scratch).run(List.of(args), null);
    }

    private Etcdctl.Output ok(int member, String... args) {
        Etcdctl.Output out = etcdctl(member, args);
        assertThat(out.exitCode()).as("etcdctl %s against member %d:\n%s%s", String.join(" ", args), member,
                out.render(), logs()).isZero();
        return out;
    }

    @Test
    @Order(1)
    void upStartsThreeMembersThatFormOneCluster() {
        Result up = launcher("cluster", "up", "--members", "3", "--dir", dir.toString(),
                "--base-port", Integer.toString(basePort));
        assertThat(up.exitCode()).as(up.output() + logs()).isZero();
        assertThat(up.output()).contains("cluster of 3 members up")
                .contains("127.0.0.1:" + basePort + ",127.0.0.1:" + (basePort + 2) + ",127.0.0.1:" + (basePort + 4));

        for (int member = 1; member <= 3; member++) {
            String list = ok(member, "member", "list").stdout();
            assertThat(list.lines()).as(list).hasSize(3);
            for (int other = 1; other <= 3; other++) {
                assertThat(list).contains(", started, m" + other + ", http://127.0.0.1:" + (basePort + 2 * (other - 1) + 1)
                        + ", " + endpoint(other) + ", false");
            }
        }
        String status = ok(1, "endpoint", "status", "--cluster", "-w", "json").stdout();
        assertThat(status.split("\"leader\":", -1)).as(status).hasSize(4);
    }

    @Test
    @Order(2)
    void writesThroughOneMemberAreReadThroughAnother() {
        assertThat(ok(2, "put", "launcher-key", "through-m2").stdout()).isEqualTo("OK\n");
        assertThat(ok(3, "get", "launcher-key").stdout()).isEqualTo("launcher-key\nthrough-m2\n");
    }

    @Test
    @Order(3)
    void upAgainLeavesRunningMembersAlone() throws IOException {
        List<String> pids = pids();
        Result again = launcher("cluster", "up", "--dir", dir.toString());
        assertThat(again.exitCode()).as(again.output()).isZero();
        for (int member = 1; member <= 3; member++) {
            assertThat(again.output()).contains("m" + member + " already running");
        }
        assertThat(pids()).isEqualTo(pids);
    }

    @Test
    @Order(4)
    void downStopsEveryMemberAndFreesItsPorts() throws IOException {
        List<String> pids = pids();
        Result down = launcher("cluster", "down", "--dir", dir.toString());
        assertThat(down.exitCode()).as(down.output()).isZero();
        assertThat(down.output()).contains("stopped");
        for (String pid : pids) {
            assertThat(ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false))
                    .as("member process %s after down", pid).isFalse();
        }
        for (int port = basePort; port < basePort + 6; port++) {
            assertThat(accepts(port)).as("port %d after down", port).isFalse();
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".pid"));
        }
        assertThat(etcdctl(1, "--dial-timeout=1s", "--command-timeout=2s", "get", "launcher-key").exitCode())
                .isNotZero();
    }

    @Test
    @Order(5)
    void upAfterDownRestartsTheSameMembersWithTheirData() {
        // No --base-port: the launcher remembers the ports the members were created with.
        Result up = launcher("cluster", "up", "--dir", dir.toString());
        assertThat(up.exitCode()).as(up.output() + logs()).isZero();
        assertThat(up.output()).contains("cluster of 3 members up");
        for (int member = 1; member <= 3; member++) {
            assertThat(ok(member, "get", "launcher-key").stdout()).isEqualTo("launcher-key\nthrough-m2\n");
        }
        assertThat(ok(1, "member", "list").stdout().lines()).hasSize(3);
    }

    private List<String> pids() throws IOException {
        List<String> pids = new ArrayList<>();
        for (int member = 1; member <= 3; member++) {
            pids.add(Files.readString(dir.resolve("m" + member + ".pid")).strip());
        }
        return pids;
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private String logs() {
        StringBuilder out = new StringBuilder();
        for (int member = 1; member <= 3; member++) {
            Path log = dir.resolve("m" + member + ".log");
            if (Files.isRegularFile(log)) {
                try {
                    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                    out.append("\n--- m").append(member).append(".log (last 30 lines)\n");
                    lines.subList(Math.max(0, lines.size() - 30), lines.size()).forEach(l -> out.append(l).append('\n'));
                } catch (IOException e) {
                    out.append("\n(m").append(member).append(".log unreadable: ").append(e).append(")\n");
                }
            }
        }
        return out.toString();
    }

    private record Result(int exitCode, String output) {
    }

    /** Runs {@code <repository>/cairn <args>} with the JDK of this test and without a nested build. */
    private Result launcher(String... args) {
        List<String> command = new ArrayList<>();
        command.add(CairnProcess.root().resolve("cairn").toString());
        command.addAll(List.of(args));
        try {
            Path output = Files.createTempFile(scratch, "launcher-", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).directory(scratch.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().put("CAIRN_NO_BUILD", "1");
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().put("CAIRN_JAVA_OPTS", "-Xmx384m");
            Process process = builder.start();
            if (!process.waitFor(LAUNCHER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("./cairn " + String.join(" ", args) + " did not finish within "
                        + LAUNCHER_TIMEOUT_SECONDS + " s:\n" + Files.readString(output) + logs());
            }
            return new Result(process.exitValue(), Files.readString(output));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
