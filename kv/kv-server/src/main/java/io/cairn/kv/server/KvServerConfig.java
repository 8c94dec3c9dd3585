package io.cairn.kv.server;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The immutable configuration of one store member, with etcd's option names and defaults.
 *
 * <p>Why: operators swap etcd for Cairn by keeping their flags; every field here corresponds to the etcd flag of
 * the same (kebab-case) name. Build one with {@link #builder()}; the CLI fills it from flags, {@code ETCD_*} /
 * {@code CAIRN_*} environment variables and the YAML config file.
 *
 * @param name                      {@code --name}: human-readable member name
 * @param dataDir                   {@code --data-dir}: where the Raft log, snapshots and the store live
 * @param listenClientUrls          {@code --listen-client-urls}: where the etcd v3 gRPC API is served
 * @param advertiseClientUrls       {@code --advertise-client-urls}: the client URLs told to the cluster
 * @param listenPeerUrls            {@code --listen-peer-urls}: where the Raft transport listens
 * @param initialAdvertisePeerUrls  {@code --initial-advertise-peer-urls}
 * @param initialCluster            {@code --initial-cluster}: {@code name=peerURL,...}
 * @param initialClusterState       {@code --initial-cluster-state}: {@code new} or {@code existing}
 * @param initialClusterToken       {@code --initial-cluster-token}
 * @param maxTxnOps                 {@code --max-txn-ops}: operations allowed in one txn (128)
 * @param maxRequestBytes           {@code --max-request-bytes}: largest client request (1.5 MiB)
 * @param quotaBackendBytes         {@code --quota-backend-bytes}: backend quota; 0 means the default 2 GiB
 * @param autoCompactionMode        {@code --auto-compaction-mode}: {@code periodic} or {@code revision}
 * @param autoCompactionRetention   {@code --auto-compaction-retention}: "0" is off; hours (or a duration) for
 *                                  periodic, a revision count for revision mode
 * @param snapshotCount             {@code --snapshot-count}: applied entries that trigger a snapshot
 * @param heartbeatInterval         {@code --heartbeat-interval}
 * @param electionTimeout           {@code --election-timeout}
 * @param watchProgressNotifyInterval {@code --experimental-watch-progress-notify-interval}: how often idle
 *                                  watchers created with {@code progress_notify} hear the current revision
 * @param observability             metrics listeners, tracing and the slow-request warning
 * @param transportSecurity         client and peer TLS ({@code --cert-file}, {@code --peer-cert-file}, ...)
 * @param auth                      {@code --auth-token}, {@code --auth-token-ttl}, {@code --bcrypt-cost}
 */
public record KvServerConfig(
        String name,
        Path dataDir,
        List<URI> listenClientUrls,
        List<URI> advertiseClientUrls,
        List<URI> listenPeerUrls,
        List<URI> initialAdvertisePeerUrls,
        String initialCluster,
        String initialClusterState,
        String initialClusterToken,
        int maxTxnOps,
        long maxRequestBytes,
        long quotaBackendBytes,
        String autoCompactionMode,
        String autoCompactionRetention,
        long snapshotCount,
        Duration heartbeatInterval,
        Duration electionTimeout,
        Duration watchProgressNotifyInterval,
        ObservabilityConfig observability,
        TransportSecurity transportSecurity, AuthSettings auth) {

    /** etcd's default backend quota when {@code --quota-backend-bytes} is 0. */
    public static final long DEFAULT_QUOTA_BYTES = 2L * 1024 * 1024 * 1024;

    public KvServerConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataDir, "dataDir");
        listenClientUrls = List.copyOf(listenClientUrls);
        advertiseClientUrls = List.copyOf(advertiseClientUrls);
        listenPeerUrls = List.copyOf(listenPeerUrls);
        initialAdvertisePeerUrls = List.copyOf(initialAdvertisePeerUrls);
        Objects.requireNonNull(initialCluster, "initialCluster");
        Objects.requireNonNull(initialClusterState, "initialClusterState");
        Objects.requireNonNull(initialClusterToken, "initialClusterToken");
        Objects.requireNonNull(autoCompactionMode, "autoCompactionMode");
        Objects.requireNonNull(autoCompactionRetention, "autoCompactionRetention");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(electionTimeout, "electionTimeout");
        Objects.requireNonNull(watchProgressNotifyInterval, "watchProgressNotifyInterval");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(observability, "observability");
        Objects.requireNonNull(transportSecurity, "transportSecurity");
        if (listenClientUrls.isEmpty()) {
            throw new IllegalArgumentException("--listen-client-urls must name at least one URL");
        }
        if (listenPeerUrls.isEmpty()) {
            throw new IllegalArgumentException("--listen-peer-urls must name at least one URL");
        }
        for (URI url : listenClientUrls) {
            if (url.getScheme().equals("https") && !transportSecurity.client().canServe()) {
                throw new IllegalArgumentException("TLS key/cert (--cert-file, --key-file) must be provided for "
                        + "client url " + url + " with HTTPS scheme");
            }
        }
        for (URI url : listenPeerUrls) {
            if (url.getScheme().equals("https") && !transportSecurity.peer().canServe()) {
                throw new IllegalArgumentException("cannot listen on TLS for " + url.getHost() + ":" + url.getPort()
                        + ": KeyFile and CertFile are not presented");
            }
        }
        if (listenClientUrls.stream().map(URI::getScheme).distinct().count() > 1) {
            throw new IllegalArgumentException("--listen-client-urls must all be http:// or all be https:// "
                    + "(Cairn serves one scheme per member)");
        }
        if (maxTxnOps <= 0) {
            throw new IllegalArgumentException("--max-txn-ops must be > 0");
        }
        if (maxRequestBytes <= 0) {
            throw new IllegalArgumentException("--max-request-bytes must be > 0");
        }
        if (quotaBackendBytes < 0) {
            throw new IllegalArgumentException("--quota-backend-bytes must be >= 0");
        }
        if (!initialClusterState.equals("new") && !initialClusterState.equals("existing")) {
            throw new IllegalArgumentException(
                    "--initial-cluster-state must be 'new' or 'existing', not '" + initialClusterState + "'");
        }
        if (!autoCompactionMode.equals("periodic") && !autoCompactionMode.equals("revision")) {
            throw new IllegalArgumentException("unknown auto-compaction-mode '" + autoCompactionMode
                    + "' (must be 'periodic' or 'revision')");
        }
    }

    /** The backend quota in force: {@link #quotaBackendBytes()} or the 2 GiB default when it is 0. */
    public long effectiveQuotaBytes() {
        return quotaBackendBytes == 0 ? DEFAULT_QUOTA_BYTES : quotaBackendBytes;
    }

    /** A builder starting from etcd's defaults (data dir {@code ./cairn-data}). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder()
                .name(name).dataDir(dataDir)
                .listenClientUrls(listenClientUrls).advertiseClientUrls(advertiseClientUrls)
                .listenPeerUrls(listenPeerUrls).initialAdvertisePeerUrls(initialAdvertisePeerUrls)
                .initialCluster(initialCluster).initialClusterState(initialClusterState)
                .initialClusterToken(initialClusterToken)
                .maxTxnOps(maxTxnOps).maxRequestBytes(maxRequestBytes).quotaBackendBytes(quotaBackendBytes)
                .autoCompactionMode(autoCompactionMode).autoCompactionRetention(autoCompactionRetention)
                .snapshotCount(snapshotCount)
                .heartbeatInterval(heartbeatInterval).electionTimeout(electionTimeout)
                .watchProgressNotifyInterval(watchProgressNotifyInterval)
                .observability(observability)
                .transportSecurity(transportSecurity)
                .auth(auth);
    }

    /** Fluent builder for {@link KvServerConfig}; unset values keep etcd's defaults. */
    public static final class Builder {
        private String name = "default";
        private Path dataDir = Path.of("cairn-data");
        private List<URI> listenClientUrls = List.of(URI.create("http://127.0.0.1:2379"));
        private List<URI> advertiseClientUrls = List.of(URI.create("http://127.0.0.1:2379"));
        private List<URI> listenPeerUrls = List.of(URI.create("http://127.0.0.1:2380"));
        private List<URI> initialAdvertisePeerUrls = List.of(URI.create("http://127.0.0.1:2380"));
        private String initialCluster = "";
        private String initialClusterState = "new";
        private String initialClusterToken = "etcd-cluster";
        private int maxTxnOps = 128;
        private long maxRequestBytes = 1536 * 1024;
        private long quotaBackendBytes = 0;
        private String autoCompactionMode = "periodic";
        private String autoCompactionRetention = "0";
        private long snapshotCount = 100_000;
        private Duration heartbeatInterval = Duration.ofMillis(100);
        private Duration electionTimeout = Duration.ofMillis(1000);
        private Duration watchProgressNotifyInterval = Duration.ofMinutes(10);
        private ObservabilityConfig observability = ObservabilityConfig.defaults();
        private TransportSecurity transportSecurity = TransportSecurity.none();
        private AuthSettings auth = AuthSettings.DEFAULTS;

        private Builder() {
        }

        public Builder name(String v) { this.name = v; return this; }
        public Builder dataDir(Path v) { this.dataDir = v; return this; }
        public Builder listenClientUrls(List<URI> v) { this.listenClientUrls = v; return this; }
        public Builder advertiseClientUrls(List<URI> v) { this.advertiseClientUrls = v; return this; }
        public Builder listenPeerUrls(List<URI> v) { this.listenPeerUrls = v; return this; }
        public Builder initialAdvertisePeerUrls(List<URI> v) { this.initialAdvertisePeerUrls = v; return this; }
        public Builder initialCluster(String v) { this.initialCluster = v; return this; }
        public Builder initialClusterState(String v) { this.initialClusterState = v; return this; }
        public Builder initialClusterToken(String v) { this.initialClusterToken = v; return this; }
        public Builder maxTxnOps(int v) { this.maxTxnOps = v; return this; }
        public Builder maxRequestBytes(long v) { this.maxRequestBytes = v; return this; }
        public Builder quotaBackendBytes(long v) { this.quotaBackendBytes = v; return this; }
        public Builder autoCompactionMode(String v) { this.autoCompactionMode = v; return this; }
        public Builder autoCompactionRetention(String v) { this.autoCompactionRetention = v; return this; }
        public Builder snapshotCount(long v) { this.snapshotCount = v; return this; }
        public Builder heartbeatInterval(Duration v) { this.heartbeatInterval = v; return this; }
        public Builder electionTimeout(Duration v) { this.electionTimeout = v; return this; }
        public Builder watchProgressNotifyInterval(Duration v) { this.watchProgressNotifyInterval = v; return this; }
        public Builder observability(ObservabilityConfig v) { this.observability = v; return this; }
        public Builder transportSecurity(TransportSecurity v) { this.transportSecurity = v; return this; }
        public Builder auth(AuthSettings v) { this.auth = v; return this; }

        /** Validates and builds the configuration. */
        public KvServerConfig build() {
            return new KvServerConfig(name, dataDir, listenClientUrls, advertiseClientUrls, listenPeerUrls,
                    initialAdvertisePeerUrls, initialCluster, initialClusterState, initialClusterToken, maxTxnOps,
                    maxRequestBytes, quotaBackendBytes, autoCompactionMode, autoCompactionRetention, snapshotCount,
                    heartbeatInterval, electionTimeout, watchProgressNotifyInterval, observability,
                    transportSecurity, auth);
        }
    }
}
