package io.cairn.cli;

import java.util.Map;
import java.util.Set;

/**
 * The etcd flags Cairn does not implement yet, and which of their values are harmless.
 *
 * <p>Why: an operator who passes {@code --peer-crl-file} expects revoked certificates to be refused; silently
 * ignoring it would let them in. So each of these flags fails with "not supported yet" instead of picocli's
 * "unknown option" (which would suggest a typo), and an environment variable or config-file key with the same
 * name fails the same way.
 *
 * <p>Environment variables and config files are often shared templates (etcd's sample config lists every key),
 * so there a value that leaves the feature off is tolerated: an empty value, {@code false} for a switch that
 * etcd leaves off by default, or the values in {@link #HARMLESS} that ask for what Cairn does anyway. On the
 * command line every unsupported flag fails, whatever its value.
 */
final class UnsupportedFlags {

    /** Name prefixes of whole flag families Cairn lacks. */
    private static final Set<String> PREFIXES = Set.of("experimental-", "discovery");

    /** Switches etcd leaves off by default: {@code false} asks for nothing Cairn lacks. */
    private static final Set<String> OFF_BY_DEFAULT = Set.of(
            "enable-v2", "enable-pprof",
            "enable-log-rotation", "force-new-cluster", "unsafe-no-fsync", "socket-reuse-port",
            "socket-reuse-address", "enable-grpc-gateway", "debug");

    /** Non-empty values that ask for what Cairn already does. */
    private static final Map<String, Set<String>> HARMLESS = Map.of(
            "proxy", Set.of("off", "false"), // YAML 1.1 reads an unquoted off as false
            "logger", Set.of("zap"),
            "metrics", Set.of("basic"),
            "log-outputs", Set.of("default", "stderr"));

    private static final Set<String> NAMES = Set.of(
            // member and storage tuning
            "wal-dir", "max-snapshots", "max-wals", "backend-bbolt-freelist-type", "backend-batch-interval",
            "backend-batch-limit", "max-concurrent-streams", "enable-grpc-gateway", "grpc-keepalive-min-time",
            "grpc-keepalive-interval", "grpc-keepalive-timeout", "socket-reuse-port", "socket-reuse-address",
            "raft-read-timeout", "raft-write-timeout", "listen-client-http-urls", "initial-election-tick-advance",
            "unsafe-no-fsync", "force-new-cluster",
            // clustering
            "strict-reconfig-check", "pre-vote", "enable-v2", "v2-deprecation",
            // TLS refinements beyond etcd 3.4's basic set, and HTTP security
            "client-cert-file", "client-key-file", "client-crl-file", "client-cert-allowed-hostname",
            "peer-cert-allowed-cn", "peer-cert-allowed-hostname", "peer-client-cert-file", "peer-client-key-file",
            "peer-crl-file", "self-signed-cert-validity", "cors", "host-whitelist",
            // profiling, metrics, logging
            "enable-pprof", "metrics", "logger", "log-outputs", "enable-log-rotation",
            "log-rotation-config-json", "log-package-levels", "debug",
            // v2 proxy
            "proxy", "proxy-failure-wait", "proxy-refresh-interval", "proxy-dial-timeout", "proxy-write-timeout",
            "proxy-read-timeout",
            // etcd 3.6 names of former experimental flags
            "feature-gates", "compact-hash-check-time", "corrupt-check-time", "compaction-batch-limit",
            "compaction-sleep-interval", "watch-progress-notify-interval",
            "warning-unary-request-duration", "bootstrap-defrag-threshold-megabytes", "max-learners",
            "snapshot-catchup-entries", "downgrade-check-time", "memory-mlock");

    private UnsupportedFlags() {
    }

    /** Whether {@code name} (without dashes) is an etcd flag Cairn does not support yet. */
    static boolean contains(String name) {
        if (ServerFlag.byName(name).isPresent()) {
            return false; // a supported flag inside an otherwise unsupported family (e.g. experimental-*)
        }
        return NAMES.contains(name) || PREFIXES.stream().anyMatch(name::startsWith);
    }

    /** Whether {@code value} for the unsupported flag {@code name} leaves its feature off. */
    static boolean leavesFeatureOff(String name, String value) {
        String v = value.strip();
        return v.isEmpty()
                || (v.equals("false") && (OFF_BY_DEFAULT.contains(name) || name.startsWith("experimental-")))
                || HARMLESS.getOrDefault(name, Set.of()).contains(v);
    }

    /** The error for an unsupported setting, given where it was set, e.g. {@code flag --cert-file}. */
    static ConfigException notSupported(String where) {
        return new ConfigException(where + " is not supported yet");
    }
}
