package io.cairn.cli;

import io.cairn.bench.BenchCommand;
import io.cairn.kv.server.KvServer;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code cairn} command: {@code cairn server ...}, {@code cairn bench ...}, {@code cairn version},
 * {@code cairn help}.
 *
 * <p>Why: the entry point the launcher script runs. It only assembles the commands; {@link #run} takes the
 * environment, the server runner and the output streams as arguments so tests drive the real command line
 * without a process or a server. The exit status is picocli's: 0 on success, 1 for a configuration error or a
 * failed start, 2 for a malformed command line.
 */
@Command(name = "cairn", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        description = "An etcd v3-compatible key-value store for the JVM.",
        synopsisSubcommandLabel = "COMMAND",
        commandListHeading = "%nCommands:%n",
        footerHeading = "%nLauncher commands (run by the ./cairn script itself):%n",
        footer = {
            "  test     Build and run the whole test suite; extra arguments go to Maven.",
            "  build    Build every module, skipping tests.",
            "",
            "Run 'cairn server --help' for the server's etcd flags."
        })
public final class Main implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private Main() {
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        ServerRunner runner = new KvServerRunner(KvServer::create, io.cairn.apiserver.ApiServer::create, System.err,
                Runtime.getRuntime(), () -> ClassArchive.requested().ifPresent(ClassArchive::markReady));
        int status = run(args, System.getenv(), runner, new PrintWriter(System.out, true),
                new PrintWriter(System.err, true));
        System.exit(status);
    }

    /** Runs {@code args} against the given environment and runner; returns the exit status. */
    static int run(String[] args, Map<String, String> environment, ServerRunner runner, PrintWriter out,
            PrintWriter err) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.addSubcommand("server", new ServerCommand(environment, runner).commandLine());
        commandLine.addSubcommand("bench", new BenchCommand().commandLine());
        commandLine.addSubcommand("kube-bench", new io.cairn.bench.kube.KubeBenchCommand().commandLine());
        commandLine.addSubcommand("version", new VersionCommand());
        commandLine.addSubcommand("snapshot", new SnapshotCommand());
        commandLine.addSubcommand("help", new CommandLine.HelpCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler(new UsageErrors());
        return commandLine.execute(GoFlagSyntax.normalize(args));
    }

    /** {@code cairn} alone: show the commands and fail, since there is nothing to do. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }
}
