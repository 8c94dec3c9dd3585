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
import java.util.concurrent.atomic.AtomicInteger;

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
    private final AtomicInteger invocations = new AtomicInteger();

    /**
     * @param endpoint the server's client URL
     * @param scratch an existing directory for captured output and the working directory of etcdctl
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

    /**
     * Runs {@code etcdctl --endpoints=<endpoint> <args>} with the given stdin (empty if {@code null}), in the scratch
     * directory (so relative paths such as {@code snapshot save snap.db} land there), and waits for it to exit.
     */
    Output run(List<String> args, String stdin) {
        Background process = start(args, stdin);
        if (!process.awaitExit(TIMEOUT)) {
            process.stop();
            throw new IllegalStateException("etcdctl did not finish within " + TIMEOUT.toSeconds() + " s: "
                    + process.command);
        }
        return process.output();
    }

    /** Starts {@code etcdctl --endpoints=<endpoint> <args>} like {@link #run} without waiting for it. */
    Background start(List<String> args, String stdin) {
        List<String> command = new ArrayList<>();
        command.add(BINARY.toString());
        command.add("--endpoints=" + endpoint);
        command.addAll(args);
        int number = invocations.incrementAndGet();
        Path in = scratch.resolve("stdin-" + number);
        Path out = scratch.resolve("stdout-" + number);
        Path err = scratch.resolve("stderr-" + number);
        try {
            Files.writeString(in, stdin == null ? "" : stdin, StandardCharsets.UTF_8);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(scratch.toFile())
                    .redirectInput(in.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(name -> name.startsWith("ETCDCTL_"));
            env.put("ETCDCTL_API", "3");
            return new Background(command, builder.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command, e);
        }
    }

    /** A running etcdctl, e.g. a {@code watch}, which only ends when the server cancels it or it is stopped. */
    static final class Background {
        private final List<String> command;
        private final Process process;
        private final Path out;
        private final Path err;

        private Background(List<String> command, Process process, Path out, Path err) {
            this.command = List.copyOf(command);
            this.process = process;
            this.out = out;
            this.err = err;
        }

        /** Waits up to {@code timeout} for the process to exit by itself; whether it did. */
        boolean awaitExit(Duration timeout) {
            try {
                return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running " + command, e);
            }
        }

        boolean isAlive() {
            return process.isAlive();
        }

        /** How many bytes it has printed so far, on stdout and stderr together. */
        long printedBytes() {
            try {
                return Files.size(out) + Files.size(err);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** How many lines it has printed so far, on stdout and stderr together. */
        long printedLines() {
            try {
                return Files.readString(out, StandardCharsets.UTF_8).lines().count()
                        + Files.readString(err, StandardCharsets.UTF_8).lines().count();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Stops it with SIGTERM (then SIGKILL if it lingers) and returns what it printed and its exit code. */
        Output stop() {
            if (process.isAlive()) {
                process.destroy();
                if (!awaitExit(TIMEOUT)) {
                    process.destroyForcibly();
                    awaitExit(TIMEOUT);
                }
            }
            return output();
        }

        /** What it printed and its exit code; only once it has exited. */
        Output output() {
            try {
                return new Output(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
