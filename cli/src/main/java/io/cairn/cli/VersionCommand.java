package io.cairn.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cairn version}: prints Cairn's version and the etcd API version it speaks.
 *
 * <p>Why: a subcommand as well as {@code --version}, because {@code etcd --version} users look for one and scripts
 * read its output; the text comes from {@link VersionInfo}.
 */
@Command(name = "version",
        description = "Print Cairn's version and the etcd API version it speaks.")
final class VersionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Override
    public Integer call() {
        VersionInfo.lines().forEach(spec.commandLine().getOut()::println);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
