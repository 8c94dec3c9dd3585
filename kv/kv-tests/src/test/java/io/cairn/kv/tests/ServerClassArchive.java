package io.cairn.kv.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A class-data-sharing archive of the server's classes ({@code cli/target/cairn-server.jsa}), made once by starting
 * and stopping a throw-away member, so that every Cairn process a test starts loads its classes from the archive:
 * a restart then takes about two seconds instead of three and a half, which is what clients with short lease TTLs
 * and reconnect backoffs notice.
 *
 * <p>Why in the tests: the archive must match the jars just built; the JVM ignores one that does not (and the test
 * run then is only slower).
 */
final class ServerClassArchive {
    private static Path archive;
    private static boolean tried;

    private ServerClassArchive() {
    }

    /** The archive's path, creating it on first use; empty when it could not be made. */
    static synchronized java.util.Optional<Path> get(Path root, List<String> baseCommand) {
        if (!tried) {
            tried = true;
            archive = create(root, baseCommand);
        }
        return java.util.Optional.ofNullable(archive);
    }

    private static Path create(Path root, List<String> baseCommand) {
        Path target = root.resolve("cli").resolve("target").resolve("cairn-server.jsa");
        Path jar = root.resolve("cli").resolve("target").resolve("cairn-cli.jar");
        try {
            if (Files.isRegularFile(target) && Files.getLastModifiedTime(target).compareTo(
                    Files.getLastModifiedTime(jar)) > 0) {
                return target;
            }
            Path dir = Files.createTempDirectory("cairn-archive-");
            Path tmp = dir.resolve("server.jsa");
            int[] ports = FreePorts.allocate(2);
            String client = "http://127.0.0.1:" + ports[0];
            String peer = "http://127.0.0.1:" + ports[1];
            List<String> command = new ArrayList<>(baseCommand);
            command.add(1, "-XX:ArchiveClassesAtExit=" + tmp);
            command.addAll(List.of("--data-dir", dir.resolve("data").toString(), "--listen-client-urls", client,
                    "--advertise-client-urls", client, "--listen-peer-urls", peer,
                    "--initial-advertise-peer-urls", peer, "--initial-cluster", "default=" + peer));
            Path log = dir.resolve("server.log");
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (System.nanoTime() < deadline && p.isAlive()
                        && !Files.readString(log, StandardCharsets.ISO_8859_1).contains("ready to serve")) {
                    Thread.sleep(100);
                }
                p.destroy(); // a normal exit writes the archive
                p.waitFor(60, TimeUnit.SECONDS);
            } finally {
                p.destroyForcibly();
            }
            if (Files.isRegularFile(tmp) && Files.size(tmp) > 0) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                LocalServerProcess.deleteRecursively(dir);
                return target;
            }
            LocalServerProcess.deleteRecursively(dir);
        } catch (IOException e) {
            System.err.println("no class archive for the server: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }
}
