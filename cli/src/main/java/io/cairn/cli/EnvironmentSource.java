package io.cairn.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Flag values from environment variables: {@code ETCD_<FLAG>} as etcd reads them, and {@code CAIRN_<FLAG>},
 * which wins over {@code ETCD_<FLAG>}.
 *
 * <p>Why: deployments configure etcd through {@code ETCD_*} variables (systemd environment files, container
 * specs), so Cairn must read them unchanged; {@code CAIRN_*} lets one override a value for Cairn alone without
 * touching a shared etcd environment. As in etcd, an empty variable counts as unset. The map is injected so that
 * nothing here depends on the real process environment.
 */
final class EnvironmentSource {
    static final String ETCD = "ETCD";
    static final String CAIRN = "CAIRN";

    private final Map<String, String> env;

    EnvironmentSource(Map<String, String> env) {
        this.env = new TreeMap<>(env); // sorted, so warnings and errors come in a stable order
    }

    /** The value for {@code flag}: {@code CAIRN_<FLAG>} if set, else {@code ETCD_<FLAG>}. */
    Optional<Setting> lookup(ServerFlag flag) {
        for (String prefix : List.of(CAIRN, ETCD)) {
            String variable = flag.variable(prefix);
            String value = env.get(variable);
            if (value != null && !value.isEmpty()) {
                return Optional.of(Setting.environment(flag, variable, value));
            }
        }
        return Optional.empty();
    }

    /** The non-empty variables, of both prefixes, that name {@code flag}. */
    List<String> variablesFor(ServerFlag flag) {
        List<String> set = new ArrayList<>();
        for (String prefix : List.of(CAIRN, ETCD)) {
            String variable = flag.variable(prefix);
            if (!env.getOrDefault(variable, "").isEmpty()) {
                set.add(variable);
            }
        }
        return set;
    }

    /**
     * Fails on the first variable that names a flag Cairn does not support yet with a value that would turn the
     * feature on (see {@link UnsupportedFlags}).
     */
    void rejectUnsupported() {
        env.forEach((variable, value) -> flagNameOf(variable).ifPresent(name -> {
            if (UnsupportedFlags.contains(name) && !UnsupportedFlags.leavesFeatureOff(name, value)) {
                throw UnsupportedFlags.notSupported("environment variable " + variable + " (flag --" + name + ")");
            }
        }));
    }

    /**
     * The {@code ETCD_*} variables that name no etcd flag, which etcd reports as "unrecognized". Unknown
     * {@code CAIRN_*} variables are not reported: other parts of Cairn (the launcher's {@code CAIRN_JAVA_OPTS})
     * share the prefix.
     */
    List<String> unrecognized() {
        List<String> unknown = new ArrayList<>();
        for (String variable : env.keySet()) {
            if (variable.startsWith(ETCD + "_")) {
                String name = flagNameOf(variable).orElseThrow();
                if (ServerFlag.byName(name).isEmpty() && !UnsupportedFlags.contains(name)) {
                    unknown.add(variable);
                }
            }
        }
        return unknown;
    }

    /** {@code ETCD_DATA_DIR} and {@code CAIRN_DATA_DIR} → {@code data-dir}; other variables → empty. */
    private static Optional<String> flagNameOf(String variable) {
        for (String prefix : List.of(CAIRN, ETCD)) {
            if (variable.startsWith(prefix + "_")) {
                return Optional.of(variable.substring(prefix.length() + 1).toLowerCase(Locale.ROOT).replace('_', '-'));
            }
        }
        return Optional.empty();
    }
}
