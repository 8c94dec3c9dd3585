package io.cairn.apiserver.tests;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real kubectl 1.32 against one Cairn server, with the server's kubeconfig and a private HOME and discovery
 * cache.
 *
 * <p>Why: the tests must see what a user sees, and nothing from the machine's own kubeconfig or an earlier run's
 * discovery cache may leak into what kubectl does.
 */
final class Kubectl {
    private static final Path PINNED = Path.of("/usr/lib/google-cloud-sdk/bin/kubectl.1.32");
    private static final long TIMEOUT_SECONDS = 60;

    private final Path binary;
    private final Path kubeconfig;
    private final Path home;

    private Kubectl(Path binary, Path kubeconfig, Path home) {
        this.binary = binary;
        this.kubeconfig = kubeconfig;
        this.home = home;
    }

    /** The kubectl 1.32 binary if installed, else a {@code kubectl} on PATH (which picks 1.32 from /version). */
    static Optional<Path> binary() {
        if (Files.isExecutable(PINNED)) {
            return Optional.of(PINNED);
        }
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "kubectl"))) {
                return Optional.of(Path.of(dir, "kubectl"));
            }
        }
        return Optional.empty();
    }

    /** A runner for {@code server} whose HOME and discovery cache live under {@code home}. */
    static Kubectl against(Path binary, CairnServer server, Path home) {
        return new Kubectl(binary, server.kubeconfig(), home);
    }

    /** Runs kubectl with {@code args} and waits for it to exit. */
    KubectlResult run(String... args) {
        try {
            Path out = Files.createTempFile(home, "kubectl", ".out");
            Path err = Files.createTempFile(home, "kubectl", ".err");
            try {
                Process p = start(out, err, args);
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                    throw new IllegalStateException("kubectl " + String.join(" ", args) + " did not exit within "
                            + TIMEOUT_SECONDS + " s; stderr: " + Files.readString(err, StandardCharsets.UTF_8));
                }
                return new KubectlResult(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts kubectl in the background with its output going to {@code out} and {@code err}. */
    Process start(Path out, Path err, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary.toString());
        cmd.add("--kubeconfig");
        cmd.add(kubeconfig.toString());
        cmd.add("--cache-dir");
        cmd.add(home.resolve("cache").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove("KUBECONFIG");
        pb.environment().put("HOME", home.toString());
        Process p = pb.start();
        p.getOutputStream().close();
        return p;
    }
}
