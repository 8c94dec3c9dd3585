package io.cairn.kv.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real etcdctl 3.4 ({@code /usr/bin/etcdctl} from Debian's {@code etcd-client}, or {@code -Dcairn.etcdctl})
 * as a separate process against one endpoint, capturing stdout, stderr and the exit code.
 *
 * <p>Why: etcdctl is the client operators use; its output is the compatibility contract the session test checks.
 */
final class Etcdctl {

    /** The etcdctl binary; {@code -Dcairn.etcdctl=/path/to/etcdctl} overrides it. */
    static final Path BINARY = Path.of(System.getProperty("cairn.etcdctl", "/usr/bin/etcdctl"));

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** What one invocation printed, and how it exited. */
    record Output(int exitCode, String stdout, String stderr) {

        /** The output with varying ids, terms, timestamps and ports masked (see {@link OutputMasker}). */
        Output masked() {
            return new Output(exitCode, OutputMasker.mask(stdout), OutputMasker.mask(stderr));
        }

        /** A readable rendering for failure messages and transcripts. */
        String render() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private final URI endpoint;
    private final Path scratch;

    /**
     * @param endpoint the server's client URL
     * @param scratch an existing directory for captured output
     */
    Etcdctl(URI endpoint, Path scratch) {
        requireBinary();
        this.endpoint = endpoint;
        this.scratch = scratch;
    }

    /** Fails with an actionable message when the etcdctl binary is not installed. */
    static void requireBinary() {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("this test runs the real etcdctl, but " + BINARY + " is not installed:"
                    + " install the Debian package etcd-client (apt-get install etcd-client),"
                    + " or point -Dcairn.etcdctl at an etcdctl 3.4 binary");
        }
    }

    /** Runs {@code etcdctl --endpoints=<endpoint> <args>} with the given stdin (empty if {@code null}). */
    Output run(List<String> args, String stdin) {
        List<String> command = new ArrayList<>();
        command.add(BINARY.toString());
        command.add("--endpoints=" + endpoint);
        command.addAll(args);
        Path in = scratch.resolve("stdin");
        Path out = scratch.resolve("stdout");
        Path err = scratch.resolve("stderr");
        try {
            Files.writeString(in, stdin == null ? "" : stdin, StandardCharsets.UTF_8);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(in.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(name -> name.startsWith("ETCDCTL_"));
            env.put("ETCDCTL_API", "3");
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("etcdctl did not finish within " + TIMEOUT.toSeconds() + " s: "
                        + command);
            }
            return new Output(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }
}
