package io.cairn.cli;

import java.util.EnumMap;
import java.util.Map;

/**
 * The complete set of raw flag values after the sources are merged: one {@link Setting} per {@link ServerFlag},
 * with etcd's default where no source gave one.
 *
 * <p>Why: separating "which string wins" from "what the string means" keeps both steps small and testable;
 * {@link ConfigMapper} turns this into a typed {@code KvServerConfig}.
 *
 * @param settings every flag's setting
 */
record ServerFlags(Map<ServerFlag, Setting> settings) {

    ServerFlags {
        settings = Map.copyOf(settings);
        for (ServerFlag flag : ServerFlag.values()) {
            if (!settings.containsKey(flag)) {
                throw new IllegalArgumentException("no setting for " + flag.option());
            }
        }
    }

    /** The given settings, completed with the defaults of every flag they lack. */
    static ServerFlags withDefaults(Map<ServerFlag, Setting> given) {
        Map<ServerFlag, Setting> all = new EnumMap<>(ServerFlag.class);
        for (ServerFlag flag : ServerFlag.values()) {
            all.put(flag, given.getOrDefault(flag, Setting.defaultOf(flag)));
        }
        return new ServerFlags(all);
    }

    Setting get(ServerFlag flag) {
        return settings.get(flag);
    }
}
