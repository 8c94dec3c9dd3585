package io.cairn.cli;

import io.cairn.kv.server.KvSnapshots;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cairn snapshot restore FILE --data-dir DIR}: turns a file written by {@code etcdctl snapshot save}
 * against Cairn into a new member's data directory (etcd's {@code etcdutl snapshot restore}).
 */
@Command(name = "snapshot", description = "Offline snapshot operations.",
        subcommands = SnapshotCommand.Restore.class, synopsisSubcommandLabel = "COMMAND")
final class SnapshotCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }

    /** {@code cairn snapshot restore}. */
    @Command(name = "restore", description = "Restore a snapshot into a new data directory; start the member "
            + "from it with 'cairn server --data-dir DIR' (it keeps keys, revisions and leases).")
    static final class Restore implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "Snapshot file from 'etcdctl snapshot save'.")
        Path file;

        @Option(names = "--data-dir", paramLabel = "<dir>", defaultValue = "cairn-data",
                description = "Data directory to create (must not exist or be empty). Default: ${DEFAULT-VALUE}.")
        Path dataDir;

        @Override
        public Integer call() {
            try (InputStream in = Files.newInputStream(file)) {
                KvSnapshots.restore(in, dataDir);
            } catch (IOException e) {
                spec.commandLine().getErr().println("cairn: snapshot restore failed: " + e.getMessage());
                return 1;
            }
            spec.commandLine().getOut().println("restored snapshot " + file + " into " + dataDir);
            return 0;
        }
    }
}
