package io.cairn.cli;

import io.cairn.kv.server.KvServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the real {@code cairn} command line against a given environment with a runner that records the
 * configuration instead of starting a server.
 *
 * @param status   the exit status
 * @param out      what was printed to stdout
 * @param err      what was printed to stderr
 * @param config   the configuration the server would have started with, if it got that far
 * @param logLevel the log level it would have used
 */
record Cli(int status, String out, String err, Optional<KvServerConfig> config, Optional<LogLevel> logLevel,
           Optional<ApiServerPlan> api) {

    static Cli run(String... args) {
        return run(Map.of(), args);
    }

    static Cli run(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicReference<KvServerConfig> config = new AtomicReference<>();
        AtomicReference<LogLevel> level = new AtomicReference<>();
        AtomicReference<ApiServerPlan> api = new AtomicReference<>();
        ServerRunner recorder = (c, l) -> {
            config.set(c.store());
            api.set(c.api());
            level.set(l.level());
            return 0;
        };
        int status = Main.run(args, environment, recorder, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Cli(status, out.toString(), err.toString(), Optional.ofNullable(config.get()),
                Optional.ofNullable(level.get()), Optional.ofNullable(api.get()));
    }

    /** The configuration, failing with the error output when the server would not have started. */
    KvServerConfig started() {
        return config.orElseThrow(() -> new AssertionError("server not started; status " + status + ": " + err));
    }
}
