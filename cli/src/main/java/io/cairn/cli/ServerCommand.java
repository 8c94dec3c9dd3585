package io.cairn.cli;

import io.cairn.kv.server.KvServerConfig;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

/**
 * {@code cairn server}: starts one store member, configured like etcd.
 *
 * <p>Why: Cairn is a drop-in etcd replacement, so the server takes etcd's flags, environment variables and config
 * file unchanged. This class only wires the steps together: the options come from {@link ServerFlag}, the sources
 * are merged by {@link SettingsResolver}, the values checked by {@link ConfigMapper}, and the {@link ServerRunner}
 * runs the result. Any configuration mistake prints {@code cairn: <message>} and exits with status 1.
 */
@Command(name = "server", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class, sortOptions = false,
        customSynopsis = "cairn server [-hV] [--<flag>=<value>]...",
        description = "Start a store member that serves the etcd v3 API.",
        footerHeading = "%nEnvironment and config file:%n",
        footer = {
            "Each flag can also be set by ETCD_<FLAG> (as in etcd, e.g. ETCD_DATA_DIR) or by CAIRN_<FLAG>, which "
                    + "wins over ETCD_<FLAG>; a command-line flag wins over both.",
            "With --config-file (or CAIRN_CONFIG_FILE / ETCD_CONFIG_FILE) the YAML file is the whole configuration, "
                    + "as in etcd: other flags and environment variables are ignored.",
            "etcd flags Cairn does not support yet (auth, discovery, v2 proxy, --experimental-*, ...) "
                    + "are refused with an error."
        })
final class ServerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;
    private final ServerRunner runner;

    ServerCommand(Map<String, String> environment, ServerRunner runner) {
        this.environment = Map.copyOf(environment);
        this.runner = runner;
    }

    /** This command with one {@code --<flag> <value>} option per {@link ServerFlag}. */
    CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(this);
        for (ServerFlag flag : ServerFlag.values()) {
            String help = flag.description()
                    + (flag.defaultValue().isEmpty() ? "" : " Default: '" + flag.defaultValue() + "'.");
            OptionSpec.Builder option = OptionSpec.builder(flag.option())
                    .paramLabel(flag.label())
                    .type(String.class)
                    .description(help);
            if (flag.isSwitch()) {
                option.arity("0..1").fallbackValue("true"); // Go: a bare --auto-tls means true
            }
            commandLine.getCommandSpec().addOption(option.build());
        }
        commandLine.setOverwrittenOptionsAllowed(true); // as with Go's flag package, the last occurrence wins
        return commandLine;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            SettingsResolver resolver = new SettingsResolver(new EnvironmentSource(environment), err::println);
            ServerFlags flags = resolver.resolve(typedFlags());
            Logging logging = Logging.parse(flags.get(ServerFlag.LOG_LEVEL), flags.get(ServerFlag.LOG_FORMAT));
            KvServerConfig config = ConfigMapper.toConfig(flags);
            err.flush();
            return runner.run(new ServerPlan(config, ApiServerPlan.from(flags)), logging);
        } catch (ConfigException e) {
            err.println("cairn: " + e.getMessage());
            return 1;
        }
    }

    /** The flags given on the command line; an empty value counts as not given, as for environment variables. */
    private Map<ServerFlag, Setting> typedFlags() {
        Map<ServerFlag, Setting> typed = new EnumMap<>(ServerFlag.class);
        for (ServerFlag flag : ServerFlag.values()) {
            String value = spec.findOption(flag.option()).getValue();
            if (value != null && !value.isBlank()) {
                typed.put(flag, Setting.commandLine(flag, value));
            }
        }
        return typed;
    }
}
