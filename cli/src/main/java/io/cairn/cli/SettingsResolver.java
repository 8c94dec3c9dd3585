package io.cairn.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Merges the command line, the environment and the config file into one {@link ServerFlags}, the way etcd does.
 *
 * <p>Why: precedence is where layered configuration surprises people, so it lives in one place:
 * <ul>
 *   <li>Without a config file: command-line flag &gt; {@code CAIRN_*} &gt; {@code ETCD_*} &gt; etcd's default.
 *       A flag given both on the command line and in the environment is reported as shadowed and the flag wins
 *       (etcd 3.4 behaviour; etcd 3.5 refuses to start instead). {@code ETCD_*} variables that name no etcd
 *       flag are reported as unrecognized, as etcd does.</li>
 *   <li>With a config file ({@code --config-file}, else {@code CAIRN_CONFIG_FILE}, else {@code ETCD_CONFIG_FILE}):
 *       as in etcd, the file is the whole configuration; every other flag and environment variable is ignored,
 *       and a note says so. The environment is then not checked for unsupported flags either, since it is not
 *       read. Unsupported flags on the command line are still rejected, by the command itself.</li>
 * </ul>
 * Notes and warnings go to the injected consumer, one line each.
 */
final class SettingsResolver {
    private final EnvironmentSource environment;
    private final Consumer<String> notices;

    SettingsResolver(EnvironmentSource environment, Consumer<String> notices) {
        this.environment = environment;
        this.notices = notices;
    }

    /** Resolves the flags given the settings typed on the command line. */
    ServerFlags resolve(Map<ServerFlag, Setting> commandLine) {
        Optional<Setting> configFile = Optional.ofNullable(commandLine.get(ServerFlag.CONFIG_FILE))
                .or(() -> environment.lookup(ServerFlag.CONFIG_FILE));
        return configFile.isPresent()
                ? fromConfigFile(configFile.get(), commandLine)
                : fromCommandLineAndEnvironment(commandLine);
    }

    private ServerFlags fromConfigFile(Setting configFile, Map<ServerFlag, Setting> commandLine) {
        Path path;
        try {
            path = Path.of(configFile.value());
        } catch (InvalidPathException e) {
            throw configFile.invalid("not a valid path");
        }
        Map<ServerFlag, Setting> settings = ConfigFileSource.read(path);
        List<String> ignored = new ArrayList<>();
        for (ServerFlag flag : ServerFlag.values()) {
            if (flag == ServerFlag.CONFIG_FILE) {
                continue;
            }
            if (commandLine.containsKey(flag)) {
                ignored.add(flag.option());
            }
            ignored.addAll(environment.variablesFor(flag));
        }
        notices.accept("cairn: loaded server configuration from " + path
                + "; other command-line flags and environment variables are ignored"
                + (ignored.isEmpty() ? "" : " (ignoring " + String.join(", ", ignored) + ")"));
        return ServerFlags.withDefaults(settings);
    }

    private ServerFlags fromCommandLineAndEnvironment(Map<ServerFlag, Setting> commandLine) {
        environment.rejectUnsupported();
        for (String variable : environment.unrecognized()) {
            notices.accept("cairn: warning: unrecognized environment variable " + variable);
        }
        Map<ServerFlag, Setting> settings = new EnumMap<>(ServerFlag.class);
        for (ServerFlag flag : ServerFlag.values()) {
            Setting typed = commandLine.get(flag);
            if (typed != null) {
                for (String variable : environment.variablesFor(flag)) {
                    notices.accept("cairn: warning: conflicting environment variable " + variable
                            + " is shadowed by corresponding command-line flag " + flag.option()
                            + " (the flag wins)");
                }
                settings.put(flag, typed);
            } else {
                environment.lookup(flag).ifPresent(setting -> settings.put(flag, setting));
            }
        }
        return ServerFlags.withDefaults(settings);
    }
}
