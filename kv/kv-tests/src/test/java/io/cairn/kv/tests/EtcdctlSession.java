package io.cairn.kv.tests;

import static org.assertj.core.api.Assertions.fail;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs an {@link EtcdctlScript} against one fresh server and returns what each step printed, masked; when given the
 * expected results (etcd's), it compares every step as soon as it has its output and fails at the first difference,
 * with both outputs and the tail of the server's log.
 *
 * <p>Against Cairn, a step that needs a service Cairn answers with {@code UNIMPLEMENTED} is skipped (and not
 * compared); against etcd nothing is skipped. Background steps are compared when a {@code wait} collects them.
 */
final class EtcdctlSession {

    /** A background step is stopped once its output has not grown for this long. */
    private static final Duration QUIET = Duration.ofMillis(1500);
    /** A background step is stopped after this long at the latest, counted from its {@code wait}. */
    private static final Duration BACKGROUND_LIMIT = Duration.ofSeconds(20);
    private static final Pattern HEX_ID = Pattern.compile("\\b[0-9a-f]{16}\\b");
    private static final Pattern JSON_ID = Pattern.compile("\"ID\":(\\d+)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");
    private static final int LOG_TAIL_LINES = 30;

    /** What one step gave: its masked output, or why it did not run. */
    record Result(Optional<Etcdctl.Output> output, Optional<String> skipped) {

        static Result of(Etcdctl.Output output) {
            return new Result(Optional.of(output), Optional.empty());
        }

        static Result skipped(String why) {
            return new Result(Optional.empty(), Optional.of(why));
        }

        String render() {
            return output.map(Etcdctl.Output::render).orElseGet(() -> "(skipped: " + skipped.orElseThrow() + ")\n");
        }
    }

    private final EtcdctlScript script;
    private final String sessionName;
    private final ServerKind kind;
    private final java.util.function.Supplier<ServerProcess> factory;
    private final String label;
    private final Optional<List<Result>> expected;
    private final Map<EtcdService, Boolean> services = new EnumMap<>(EtcdService.class);
    private final Map<String, String> variables = new HashMap<>();
    private final Map<Integer, Etcdctl.Background> running = new LinkedHashMap<>();
    private final Result[] results;
    private ServerProcess server;
    private Etcdctl etcdctl;
    private ManagedChannel channel;

    private EtcdctlSession(EtcdctlScript script, String sessionName, ServerKind kind,
                           java.util.function.Supplier<ServerProcess> factory, String label,
                           Optional<List<Result>> expected) {
        this.script = script;
        this.sessionName = sessionName;
        this.kind = kind;
        this.factory = factory;
        this.label = label;
        this.expected = expected;
        this.results = new Result[script.steps().size()];
    }

    /**
     * Runs the whole script against a fresh server of the given kind and writes the masked transcript to
     * {@code target/etcdctl-session/<sessionName>/<label>.txt}.
     *
     * @param expected when present, the results to compare each step with (skipped ones are not compared)
     */
    static List<Result> run(EtcdctlScript script, String sessionName, ServerKind kind, String label,
                            Optional<List<Result>> expected) {
        return new EtcdctlSession(script, sessionName, kind, kind::create, label, expected).run();
    }

    /** Like {@link #run(EtcdctlScript, String, ServerKind, String, Optional)} against a Cairn server from
     * {@code cairn} (e.g. one member of a cluster). */
    static List<Result> run(EtcdctlScript script, String sessionName, java.util.function.Supplier<ServerProcess> cairn,
                            String label, Optional<List<Result>> expected) {
        return new EtcdctlSession(script, sessionName, ServerKind.CAIRN, cairn, label, expected).run();
    }

    private List<Result> run() {
        try (ServerProcess started = factory.get()) {
            server = started;
            server.start();
            Path scratch = Files.createDirectories(server.logFile().getParent().resolve("etcdctl"));
            etcdctl = new Etcdctl(server.endpoint(), scratch);
            channel = NettyChannelBuilder.forAddress(server.endpoint().getHost(), server.endpoint().getPort())
                    .usePlaintext().build();
            List<EtcdctlScript.Step> steps = script.steps();
            for (EtcdctlScript.Entry entry : script.entries()) {
                switch (entry) {
                    case EtcdctlScript.Step step -> runStep(steps.indexOf(step), step);
                    case EtcdctlScript.Wait ignored -> collectBackground();
                }
            }
            collectBackground();
            writeTranscript();
            return List.of(results);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (Etcdctl.Background b : running.values()) {
                try {
                    b.stop();
                } catch (RuntimeException e) {
                    // never let cleaning up hide the failure that got us here
                    System.err.println("could not stop a background etcdctl: " + e);
                }
            }
            if (channel != null) {
                channel.shutdownNow();
            }
        }
    }

    private void runStep(int index, EtcdctlScript.Step step) {
        Optional<EtcdService> missing = step.needs().stream().filter(service -> !has(service)).findFirst();
        if (missing.isPresent()) {
            results[index] = Result.skipped(missing.get().notImplementedMessage());
            return;
        }
        List<String> args = step.args().stream().map(arg -> substitute(arg, step)).toList();
        String stdin = step.stdin().map(text -> substitute(text, step)).orElse(null);
        try {
            if (step.background()) {
                running.put(index, etcdctl.start(args, stdin));
                return;
            }
            Etcdctl.Output output = etcdctl.run(args, stdin);
            step.captureAs().ifPresent(name -> capture(name, output, step));
            record(index, output.masked());
        } catch (RuntimeException e) {
            throw new IllegalStateException(step + " could not run against " + label + "; last lines of its log:\n"
                    + server.logTail(LOG_TAIL_LINES), e);
        }
    }

    /**
     * Lets every running background step finish or go quiet, stops it, and records (and compares) its output. A step
     * is done when it has exited, or when it has printed at least as many lines as etcd's run of it and then nothing
     * more for {@link #QUIET}; after {@link #BACKGROUND_LIMIT} every step is stopped as it is.
     */
    private void collectBackground() {
        Map<Integer, Quiet> waiting = new LinkedHashMap<>();
        running.forEach((index, process) -> waiting.put(index, new Quiet(process, expected
                .flatMap(etcd -> etcd.get(index).output())
                .map(output -> output.stdout().lines().count() + output.stderr().lines().count())
                .orElse(0L))));
        long deadline = System.nanoTime() + BACKGROUND_LIMIT.toNanos();
        // Every process is polled on each round (no short-circuit), so each one's quiet time is measured.
        while (System.nanoTime() < deadline && waiting.values().stream().map(Quiet::done).toList().contains(false)) {
            sleep(Duration.ofMillis(100));
        }
        // stop the last started first: stopping one process can wake another (a resigning candidate wakes its
        // observer), and a process woken while it is being stopped prints a race-dependent retry warning
        List<Integer> order = new java.util.ArrayList<>(running.keySet());
        java.util.Collections.reverse(order);
        for (int index : order) {
            record(index, running.remove(index).stop().masked());
        }
    }

    /** Whether a background process has exited, or has printed enough and then nothing for {@link #QUIET}. */
    private static final class Quiet {
        private final Etcdctl.Background process;
        private final long expectedLines;
        private long lastSize = -1;
        private long lastChange;

        Quiet(Etcdctl.Background process, long expectedLines) {
            this.process = process;
            this.expectedLines = expectedLines;
        }

        boolean done() {
            if (!process.isAlive()) {
                return true;
            }
            long size = process.printedBytes();
            if (size != lastSize) {
                lastSize = size;
                lastChange = System.nanoTime();
                return false;
            }
            return System.nanoTime() - lastChange >= QUIET.toNanos() && process.printedLines() >= expectedLines;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void record(int index, Etcdctl.Output output) {
        results[index] = Result.of(output);
        if (expected.isEmpty()) {
            return;
        }
        Result wanted = expected.get().get(index);
        if (wanted.output().isPresent() && !wanted.output().get().equals(output)) {
            writeTranscript();
            EtcdctlScript.Step step = script.steps().get(index);
            fail("""
                    %s differs from etcd at step %d of %d, %s
                    ===== etcd:
                    %s
                    ===== %s:
                    %s
                    ===== last lines of the %s log:
                    %s""", label, index + 1, results.length, step, wanted.render(), label, output.render(), label,
                    server.logTail(LOG_TAIL_LINES));
        }
    }

    private boolean has(EtcdService service) {
        if (kind != ServerKind.CAIRN) {
            return true;
        }
        return services.computeIfAbsent(service, probed -> probed.isImplementedBy(channel));
    }

    /** Keeps the lease id a step printed, in hexadecimal (as etcdctl takes it), from JSON or from text. */
    private void capture(String name, Etcdctl.Output output, EtcdctlScript.Step step) {
        Matcher json = JSON_ID.matcher(output.stdout());
        Matcher hex = HEX_ID.matcher(output.stdout());
        if (json.find()) {
            variables.put(name, Long.toHexString(Long.parseUnsignedLong(json.group(1))));
        } else if (hex.find()) {
            variables.put(name, hex.group());
        } else {
            throw new IllegalStateException(step + " printed no lease id (16 hexadecimal digits, or a JSON \"ID\")"
                    + " to keep as " + name + ":\n" + output.render());
        }
    }

    private String substitute(String text, EtcdctlScript.Step step) {
        return VARIABLE.matcher(text).replaceAll(variable -> {
            String value = variables.get(variable.group(1));
            if (value == null) {
                throw new IllegalStateException(step + " uses ${" + variable.group(1)
                        + "}, which no earlier step kept");
            }
            return Matcher.quoteReplacement(value);
        });
    }

    private void writeTranscript() {
        StringBuilder text = new StringBuilder();
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < results.length; i++) {
            if (results[i] == null) {
                continue;
            }
            EtcdctlScript.Step step = script.steps().get(i);
            text.append("===== ").append(step).append('\n').append(results[i].render());
            results[i].skipped().ifPresent(why -> skipped.add("line " + step.line() + " (" + why + ")"));
        }
        if (!skipped.isEmpty()) {
            System.out.printf("etcdctl session %s against %s: skipped %d of %d steps: %s%n", sessionName, label,
                    skipped.size(), results.length, String.join(", ", skipped));
        }
        try {
            Path directory = Files.createDirectories(Path.of("target", "etcdctl-session", sessionName));
            Files.writeString(directory.resolve(label + ".txt"), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
