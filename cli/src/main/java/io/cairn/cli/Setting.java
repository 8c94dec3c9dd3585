package io.cairn.cli;

import java.util.Objects;

/**
 * One flag's raw value and where it came from.
 *
 * <p>Why: with four sources (command line, {@code CAIRN_*}, {@code ETCD_*}, config file) an error must say which
 * one holds the bad value, or the user edits the wrong place.
 *
 * @param flag       the flag this value is for
 * @param value      the raw string, as typed
 * @param source     which kind of source supplied it
 * @param sourceName the environment variable or config-file key that held it; the option for the command line
 */
record Setting(ServerFlag flag, String value, Source source, String sourceName) {

    /** The kinds of source, from the one that wins to the one that loses. */
    enum Source { COMMAND_LINE, ENVIRONMENT, CONFIG_FILE, DEFAULT }

    Setting {
        Objects.requireNonNull(flag, "flag");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sourceName, "sourceName");
    }

    static Setting commandLine(ServerFlag flag, String value) {
        return new Setting(flag, value, Source.COMMAND_LINE, flag.option());
    }

    static Setting environment(ServerFlag flag, String variable, String value) {
        return new Setting(flag, value, Source.ENVIRONMENT, variable);
    }

    static Setting configFile(ServerFlag flag, String key, String value) {
        return new Setting(flag, value, Source.CONFIG_FILE, key);
    }

    static Setting defaultOf(ServerFlag flag) {
        return new Setting(flag, flag.defaultValue(), Source.DEFAULT, flag.option());
    }

    boolean isDefault() {
        return source == Source.DEFAULT;
    }

    /** Names the place that set this value, e.g. {@code environment variable ETCD_NAME (flag --name)}. */
    String describe() {
        return switch (source) {
            case COMMAND_LINE, DEFAULT -> "flag " + flag.option();
            case ENVIRONMENT -> "environment variable " + sourceName + " (flag " + flag.option() + ")";
            case CONFIG_FILE -> "config file key " + sourceName;
        };
    }

    /** An error saying this whole value is invalid and why. */
    ConfigException invalid(String reason) {
        return invalid(value, reason);
    }

    /** An error saying part of this value (one URL of a list, say) is invalid and why. */
    ConfigException invalid(String part, String reason) {
        return new ConfigException("invalid value \"" + part + "\" for " + describe() + ": " + reason);
    }
}
