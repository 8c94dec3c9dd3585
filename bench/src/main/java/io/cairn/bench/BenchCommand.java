package io.cairn.bench;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code cairn bench}: load an etcd v3 server and report throughput, latency percentiles and errors.
 *
 * <p>Why: the same generator must measure Cairn and etcd, so this is a reimplementation of etcd's
 * {@code tools/benchmark} (same subcommands, flags and defaults where etcd has them) on plain gRPC. This class
 * holds the shared options, which may be given before or after the subcommand as in etcd, and assembles the
 * subcommands; the clock and the source of random seeds are injected.
 *
 * <p>Exit status: 0 when the run succeeded, 1 when a request failed (unless {@code --allow-errors}), a watch check
 * failed or the endpoint could not be reached, 2 for a malformed command line.
 */
@Command(name = "bench",
        description = {"Benchmark an etcd v3 server (Cairn or etcd) over gRPC, like etcd's tools/benchmark.",
            "Prints throughput, latency percentiles, a latency histogram and errors by gRPC status."},
        synopsisSubcommandLabel = "COMMAND",
        commandListHeading = "%nCommands:%n",
        footerHeading = "%nExamples:%n",
        footer = {
            "  cairn bench --conns 100 --clients 1000 put --key-size 8 --sequential-keys \\",
            "      --key-space-size 100000 --total 100000 --val-size 256",
            "  cairn bench --conns 100 --clients 1000 range foo --consistency s \\",
            "      --total 100000",
            "  cairn bench --clients 10 watch --watchers 1000 --streams 10 \\",
            "      --watched-key-total 100 --put-rate 1000 --put-total 10000",
            "Run 'cairn bench COMMAND --help' for a command's options."
        })
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT,
            description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--endpoints", scope = ScopeType.INHERIT, defaultValue = "127.0.0.1:2379",
            paramLabel = "HOST:PORT[,...]", description = "gRPC endpoints, comma-separated. Default: ${DEFAULT-VALUE}.")
    String endpoints;

    @Option(names = "--conns", scope = ScopeType.INHERIT, defaultValue = "1", paramLabel = "N",
            description = "Total number of gRPC connections. Default: ${DEFAULT-VALUE}.")
    int conns;

    @Option(names = "--clients", scope = ScopeType.INHERIT, defaultValue = "1", paramLabel = "N",
            description = "Total number of concurrent requests in flight. Default: ${DEFAULT-VALUE}.")
    int clients;

    @Option(names = "--io-threads", scope = ScopeType.INHERIT, defaultValue = "1", paramLabel = "N",
            description = "Network threads of the generator (all connections share them); more only helps when "
                    + "the generator, not the server, is the bottleneck. Default: ${DEFAULT-VALUE}.")
    int ioThreads;

    @Option(names = "--target-leader", scope = ScopeType.INHERIT,
            description = "Connect only to the leader. With one endpoint (a one-member cluster) this changes "
                    + "nothing; with several, endpoints are asked for their status and the leader kept.")
    boolean targetLeader;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Print the result as one JSON object on stdout.")
    boolean json;

    @Option(names = "--warmup", scope = ScopeType.INHERIT, defaultValue = "1s", paramLabel = "TIME|N",
            description = "Unmeasured warm-up before the run: a time (2s, 500ms) or a number of requests; 0 for "
                    + "none. Default: ${DEFAULT-VALUE}.")
    String warmup;

    @Option(names = "--allow-errors", scope = ScopeType.INHERIT,
            description = "Exit 0 even if some requests failed.")
    boolean allowErrors;

    @Option(names = "--dial-timeout", scope = ScopeType.INHERIT, defaultValue = "5s", paramLabel = "TIME",
            description = "How long to wait for each connection. Default: ${DEFAULT-VALUE}.")
    String dialTimeout;

    private final LongSupplier nanoClock;
    private final RandomGenerator seeds;

    /** A command on the system's monotonic clock with fresh random seeds. */
    public BenchCommand() {
        this(System::nanoTime, new SplittableRandom());
    }

    BenchCommand(LongSupplier nanoClock, RandomGenerator seeds) {
        this.nanoClock = nanoClock;
        this.seeds = seeds;
    }

    /** This command with its subcommands, ready to be added to a parent command line or run. */
    public CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(this);
        commandLine.addSubcommand(new PutCommand());
        commandLine.addSubcommand(new RangeCommand());
        commandLine.addSubcommand(new TxnPutCommand());
        commandLine.addSubcommand(new TxnMixedCommand());
        commandLine.addSubcommand(new WatchCommand());
        commandLine.addSubcommand(new WatchLatencyCommand());
        commandLine.addSubcommand(new LeaseKeepaliveCommand());
        return commandLine;
    }

    /** {@code cairn bench} alone: show the commands and fail. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }

    /** The shared options, checked; throws {@link IllegalArgumentException} for a bad value. */
    BenchOptions options() {
        return new BenchOptions(Endpoint.parseList(endpoints), conns, clients, ioThreads, targetLeader, json,
                Warmup.parse(warmup), allowErrors, parseDuration(dialTimeout));
    }

    /** The monotonic clock the runs use, in nanoseconds. */
    LongSupplier nanoClock() {
        return nanoClock;
    }

    /** A new random seed for one run. */
    synchronized long newSeed() {
        return seeds.nextLong();
    }

    private static Duration parseDuration(String text) {
        Warmup parsed = Warmup.parse(text);
        if (parsed.time().isZero()) {
            throw new IllegalArgumentException("'" + text + "' is not a time such as 5s or 500ms");
        }
        return parsed.time();
    }
}
