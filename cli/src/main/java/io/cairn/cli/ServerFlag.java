package io.cairn.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every flag {@code cairn server} understands, with etcd's name, etcd's default and a help line.
 *
 * <p>Why: one table drives the command-line options, the {@code ETCD_*}/{@code CAIRN_*} variable names and the
 * config-file keys, so the three sources cannot drift apart. Defaults are etcd's, except {@code data-dir}
 * ({@code cairn-data} instead of {@code ${name}.etcd}) and the loopback address {@code 127.0.0.1} instead of
 * {@code localhost}.
 */
enum ServerFlag {
    NAME("name", "default", "<name>", "Human-readable name for this member."),
    DATA_DIR("data-dir", "cairn-data", "<dir>", "Path to the data directory."),
    LISTEN_CLIENT_URLS("listen-client-urls", "http://127.0.0.1:2379", "<urls>",
            "Comma-separated URLs to serve the etcd v3 gRPC API on."),
    ADVERTISE_CLIENT_URLS("advertise-client-urls", "http://127.0.0.1:2379", "<urls>",
            "Comma-separated client URLs advertised to the cluster; required when --listen-client-urls is set."),
    LISTEN_PEER_URLS("listen-peer-urls", "http://127.0.0.1:2380", "<urls>",
            "Comma-separated URLs to listen on for peer (Raft) traffic."),
    INITIAL_ADVERTISE_PEER_URLS("initial-advertise-peer-urls", "http://127.0.0.1:2380", "<urls>",
            "Comma-separated peer URLs of this member, advertised to the rest of the cluster."),
    INITIAL_CLUSTER("initial-cluster", "", "<name=url,...>",
            "Initial cluster configuration for bootstrapping (default: <name>=<initial-advertise-peer-urls>)."),
    INITIAL_CLUSTER_STATE("initial-cluster-state", "new", "<state>",
            "'new' to bootstrap a new cluster, 'existing' to join one."),
    INITIAL_CLUSTER_TOKEN("initial-cluster-token", "etcd-cluster", "<token>",
            "Initial cluster token, which keeps separate clusters apart during bootstrap."),
    MAX_TXN_OPS("max-txn-ops", "128", "<count>", "Maximum number of operations in one transaction."),
    MAX_REQUEST_BYTES("max-request-bytes", "1572864", "<bytes>", "Maximum client request size in bytes."),
    QUOTA_BACKEND_BYTES("quota-backend-bytes", "0", "<bytes>",
            "Raise the NOSPACE alarm when the backend exceeds this size (0 means 2 GiB)."),
    AUTO_COMPACTION_MODE("auto-compaction-mode", "periodic", "<mode>",
            "How --auto-compaction-retention is read: 'periodic' (a duration) or 'revision' (a count)."),
    AUTO_COMPACTION_RETENTION("auto-compaction-retention", "0", "<retention>",
            "Auto-compaction retention: hours or a duration like '30m' (periodic), revisions (revision); 0 is off."),
    SNAPSHOT_COUNT("snapshot-count", "100000", "<count>", "Applied entries that trigger a snapshot."),
    HEARTBEAT_INTERVAL("heartbeat-interval", "100", "<ms>", "Time (in milliseconds) of a heartbeat interval."),
    ELECTION_TIMEOUT("election-timeout", "1000", "<ms>", "Time (in milliseconds) for an election to time out."),
    WATCH_PROGRESS_NOTIFY_INTERVAL("experimental-watch-progress-notify-interval", "10m", "<duration>",
            "How often idle watchers created with progress_notify hear the current revision (a Go duration)."),
    AUTH_TOKEN("auth-token", "simple", "<spec>",
            "Auth token kind: 'simple', or 'jwt,pub-key=<path>,priv-key=<path>,sign-method=<alg>,ttl=<duration>'."),
    AUTH_TOKEN_TTL("auth-token-ttl", "300", "<seconds>", "The lifetime in seconds of an unused simple auth token."),
    BCRYPT_COST("bcrypt-cost", "10", "<cost>", "bcrypt cost factor for hashing auth passwords."),
    LOG_LEVEL("log-level", "info", "<level>", "Log level: debug, info, warn or error."),
    LOG_FORMAT("log-format", "text", "<format>",
            "Log line format: json, logfmt or text (etcd's 'console' means text)."),
    LISTEN_METRICS_URLS("listen-metrics-urls", "", "<urls>",
            "Comma-separated URLs to also serve /metrics, /health, /livez and /readyz on (plain HTTP)."),
    TRACE_SAMPLING_RATIO("trace-sampling-ratio", "0", "<ratio>",
            "Share of new request traces recorded, 0 to 1; 0 turns tracing off. Callers' sampled traces are kept."),
    TRACE_OTLP_ENDPOINT("trace-otlp-endpoint", "", "<endpoint>",
            "Where spans are exported: host:port for OTLP/gRPC, a URL ending in /v1/traces for OTLP/HTTP."),
    WARNING_APPLY_DURATION("warning-apply-duration", "100ms", "<duration>",
            "Log applies and reads slower than this as 'apply request took too long' (a Go duration; 0 turns it off)."),
    CERT_FILE("cert-file", "", "<path>", "Path to the client server TLS cert file."),
    KEY_FILE("key-file", "", "<path>", "Path to the client server TLS key file."),
    CLIENT_CERT_AUTH("client-cert-auth", "false", "<bool>", "Enable client cert authentication."),
    TRUSTED_CA_FILE("trusted-ca-file", "", "<path>", "Path to the client server TLS trusted CA cert file."),
    AUTO_TLS("auto-tls", "false", "<bool>", "Client TLS using generated certificates."),
    PEER_CERT_FILE("peer-cert-file", "", "<path>", "Path to the peer server TLS cert file."),
    PEER_KEY_FILE("peer-key-file", "", "<path>", "Path to the peer server TLS key file."),
    PEER_CLIENT_CERT_AUTH("peer-client-cert-auth", "false", "<bool>", "Enable peer client cert authentication."),
    PEER_TRUSTED_CA_FILE("peer-trusted-ca-file", "", "<path>", "Path to the peer server TLS trusted CA file."),
    PEER_AUTO_TLS("peer-auto-tls", "false", "<bool>", "Peer TLS using generated certificates."),
    CIPHER_SUITES("cipher-suites", "", "<names>",
            "Comma-separated list of supported TLS 1.2 cipher suites between client/server and peers "
                    + "(empty means the JVM's defaults)."),
    TLS_MIN_VERSION("tls-min-version", "TLS1.2", "<version>",
            "Minimum TLS version supported by the member. Possible values: TLS1.2, TLS1.3."),
    TLS_MAX_VERSION("tls-max-version", "", "<version>",
            "Maximum TLS version supported by the member. Possible values: TLS1.2, TLS1.3 (empty: the highest)."),
    APISERVER_LISTEN("apiserver-listen", "127.0.0.1:6443", "<host:port>",
            "Address of the Kubernetes-compatible API server (HTTPS); 'none' turns it off."),
    WRITE_KUBECONFIG("write-kubeconfig", "", "<path>",
            "Where the API server writes its admin kubeconfig (empty: <data-dir>/kubeconfig.yaml)."),
    TOKEN_AUTH_FILE("token-auth-file", "", "<path>",
            "Bearer tokens for the API server, as kube-apiserver's: lines of token,user,uid,\"group1,group2\"."),
    APISERVER_BOOKMARK_INTERVAL("apiserver-bookmark-interval", "1m", "<duration>",
            "How often the API server sends a BOOKMARK to watches that allow them (a Go duration)."),
    CONFIG_FILE("config-file", "", "<path>",
            "etcd-style YAML config file; when given, the other flags and environment variables are ignored.");

    private final String flagName;
    private final String defaultValue;
    private final String label;
    private final String description;

    ServerFlag(String flagName, String defaultValue, String label, String description) {
        this.flagName = flagName;
        this.defaultValue = defaultValue;
        this.label = label;
        this.description = description;
    }

    /** The etcd name without dashes, e.g. {@code data-dir}; also the config-file key. */
    String flagName() {
        return flagName;
    }

    /** The option as typed on the command line, e.g. {@code --data-dir}. */
    String option() {
        return "--" + flagName;
    }

    /** etcd's default as a string; empty when the default is derived or absent. */
    String defaultValue() {
        return defaultValue;
    }

    String label() {
        return label;
    }

    String description() {
        return description;
    }

    /** The environment variable for this flag under a prefix, e.g. {@code ETCD_DATA_DIR}. */
    String variable(String prefix) {
        return prefix + "_" + flagName.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** Whether this is a Go boolean flag, which may be given without a value ({@code --auto-tls}). */
    boolean isSwitch() {
        return defaultValue.equals("false");
    }

    /** The flag with this etcd name, if Cairn supports it. */
    static Optional<ServerFlag> byName(String flagName) {
        return Arrays.stream(values()).filter(f -> f.flagName.equals(flagName)).findFirst();
    }
}
