package io.cairn.cli;

import static io.cairn.cli.ServerFlag.ADVERTISE_CLIENT_URLS;
import static io.cairn.cli.ServerFlag.AUTO_COMPACTION_MODE;
import static io.cairn.cli.ServerFlag.AUTO_COMPACTION_RETENTION;
import static io.cairn.cli.ServerFlag.DATA_DIR;
import static io.cairn.cli.ServerFlag.ELECTION_TIMEOUT;
import static io.cairn.cli.ServerFlag.HEARTBEAT_INTERVAL;
import static io.cairn.cli.ServerFlag.INITIAL_ADVERTISE_PEER_URLS;
import static io.cairn.cli.ServerFlag.INITIAL_CLUSTER;
import static io.cairn.cli.ServerFlag.INITIAL_CLUSTER_STATE;
import static io.cairn.cli.ServerFlag.INITIAL_CLUSTER_TOKEN;
import static io.cairn.cli.ServerFlag.LISTEN_CLIENT_URLS;
import static io.cairn.cli.ServerFlag.LISTEN_PEER_URLS;
import static io.cairn.cli.ServerFlag.MAX_REQUEST_BYTES;
import static io.cairn.cli.ServerFlag.MAX_TXN_OPS;
import static io.cairn.cli.ServerFlag.NAME;
import static io.cairn.cli.ServerFlag.QUOTA_BACKEND_BYTES;
import static io.cairn.cli.ServerFlag.SNAPSHOT_COUNT;

import io.cairn.kv.server.KvServerConfig;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns resolved raw flag values into a {@link KvServerConfig}, checking them the way etcd does.
 *
 * <p>Why: every value is parsed and checked before any server is created, so a mistake is one line naming the
 * flag (and the variable or file key that set it), not a stack trace from inside the engine. The checks follow
 * etcd's own: URL syntax, {@code --advertise-client-urls} required once {@code --listen-client-urls} is set
 * explicitly, an election timeout of at least five heartbeats and at most 50 s, and the derived default
 * {@code --initial-cluster} of {@code <name>=<each initial-advertise-peer-url>}.
 */
final class ConfigMapper {
    static final long MAX_ELECTION_MS = 50_000;

    /** A Go duration such as {@code 1h30m} or {@code 0.5h}, as etcd accepts for periodic retention. */
    private static final Pattern GO_DURATION = Pattern.compile("(\\d+(\\.\\d*)?(ns|us|µs|μs|ms|s|m|h))+");

    private ConfigMapper() {
    }

    static KvServerConfig toConfig(ServerFlags flags) {
        String name = flags.get(NAME).value();
        List<URI> advertisePeerUrls = Urls.parseList(flags.get(INITIAL_ADVERTISE_PEER_URLS), Urls.Use.ADVERTISE);
        List<URI> listenClientUrls = Urls.parseList(flags.get(LISTEN_CLIENT_URLS), Urls.Use.LISTEN);
        requireAdvertisedClientUrls(flags);
        long heartbeatMs = number(flags.get(HEARTBEAT_INTERVAL), 1, Long.MAX_VALUE);
        long electionMs = number(flags.get(ELECTION_TIMEOUT), 1, Long.MAX_VALUE);
        checkElectionTimeout(heartbeatMs, electionMs);
        String compactionMode = oneOf(flags.get(AUTO_COMPACTION_MODE), "periodic", "revision");
        try {
            return KvServerConfig.builder()
                    .name(name)
                    .dataDir(path(flags.get(DATA_DIR)))
                    .listenClientUrls(listenClientUrls)
                    .advertiseClientUrls(Urls.parseList(flags.get(ADVERTISE_CLIENT_URLS), Urls.Use.ADVERTISE))
                    .listenPeerUrls(Urls.parseList(flags.get(LISTEN_PEER_URLS), Urls.Use.LISTEN))
                    .initialAdvertisePeerUrls(advertisePeerUrls)
                    .initialCluster(initialCluster(flags.get(INITIAL_CLUSTER), name, advertisePeerUrls))
                    .initialClusterState(oneOf(flags.get(INITIAL_CLUSTER_STATE), "new", "existing"))
                    .initialClusterToken(flags.get(INITIAL_CLUSTER_TOKEN).value())
                    .maxTxnOps((int) number(flags.get(MAX_TXN_OPS), 1, Integer.MAX_VALUE))
                    .maxRequestBytes(number(flags.get(MAX_REQUEST_BYTES), 1, Long.MAX_VALUE))
                    .quotaBackendBytes(number(flags.get(QUOTA_BACKEND_BYTES), 0, Long.MAX_VALUE))
                    .autoCompactionMode(compactionMode)
                    .autoCompactionRetention(retention(flags.get(AUTO_COMPACTION_RETENTION), compactionMode))
                    .snapshotCount(number(flags.get(SNAPSHOT_COUNT), 1, Long.MAX_VALUE))
                    .heartbeatInterval(Duration.ofMillis(heartbeatMs))
                    .electionTimeout(Duration.ofMillis(electionMs))
                    .watchProgressNotifyInterval(duration(flags.get(ServerFlag.WATCH_PROGRESS_NOTIFY_INTERVAL)))
                    .observability(ObservabilityFlags.toConfig(flags))
                    .transportSecurity(TlsFlags.toConfig(flags))
                    .auth(new io.cairn.kv.server.AuthSettings(flags.get(ServerFlag.AUTH_TOKEN).value().strip(),
                            Duration.ofSeconds(number(flags.get(ServerFlag.AUTH_TOKEN_TTL), 0, Integer.MAX_VALUE)),
                            (int) number(flags.get(ServerFlag.BCRYPT_COST), 0, Integer.MAX_VALUE)))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** etcd: a member that listens on chosen client URLs must say which URLs clients should use. */
    private static void requireAdvertisedClientUrls(ServerFlags flags) {
        Setting listen = flags.get(LISTEN_CLIENT_URLS);
        boolean listenSetByFlagOrEnvironment = listen.source() == Setting.Source.COMMAND_LINE
                || listen.source() == Setting.Source.ENVIRONMENT;
        if (listenSetByFlagOrEnvironment && flags.get(ADVERTISE_CLIENT_URLS).isDefault()) {
            throw new ConfigException(
                    "--advertise-client-urls is required when --listen-client-urls is set explicitly");
        }
    }

    private static void checkElectionTimeout(long heartbeatMs, long electionMs) {
        if (5 * heartbeatMs > electionMs) {
            throw new ConfigException("--election-timeout[" + electionMs + "ms] should be at least as 5 times as "
                    + "--heartbeat-interval[" + heartbeatMs + "ms]");
        }
        if (electionMs > MAX_ELECTION_MS) {
            throw new ConfigException("--election-timeout[" + electionMs + "ms] is too long, and should be set less "
                    + "than " + MAX_ELECTION_MS + "ms");
        }
    }

    /** The given {@code name=url,...} list, checked; by default one entry per advertised peer URL. */
    private static String initialCluster(Setting setting, String name, List<URI> advertisePeerUrls) {
        if (setting.value().isBlank()) {
            return advertisePeerUrls.stream().map(url -> name + "=" + url).collect(Collectors.joining(","));
        }
        for (String member : setting.value().split(",", -1)) {
            int eq = member.indexOf('=');
            if (eq <= 0) {
                throw setting.invalid(member.strip(), "expected name=URL");
            }
            Urls.parse(setting, member.substring(eq + 1).strip(), Urls.Use.ADVERTISE);
        }
        return setting.value().strip();
    }

    /** etcd: whole hours or revisions, or (periodic only) a duration such as {@code 30m}. */
    private static String retention(Setting setting, String mode) {
        String value = setting.value().strip();
        if (value.chars().allMatch(Character::isDigit) && !value.isEmpty()) {
            return value;
        }
        if (mode.equals("periodic") && GO_DURATION.matcher(value).matches()) {
            return value;
        }
        throw setting.invalid(mode.equals("periodic")
                ? "expected whole hours (like 1) or a duration (like 30m)"
                : "expected a number of revisions");
    }

    private static String oneOf(Setting setting, String first, String second) {
        String value = setting.value().strip();
        if (value.equals(first) || value.equals(second)) {
            return value;
        }
        throw setting.invalid("must be '" + first + "' or '" + second + "'");
    }

    static Duration duration(Setting setting) {
        Duration d;
        try {
            d = io.cairn.kv.server.GoDuration.parse(setting.value().strip());
        } catch (IllegalArgumentException e) {
            throw setting.invalid("not a duration like 10m or 500ms");
        }
        if (d.isZero() || d.isNegative()) {
            throw setting.invalid("must be positive");
        }
        return d;
    }

    private static long number(Setting setting, long min, long max) {
        long n;
        try {
            n = Long.parseLong(setting.value().strip());
        } catch (NumberFormatException e) {
            throw setting.invalid("not a whole number");
        }
        if (n < min) {
            throw setting.invalid("must be at least " + min);
        }
        if (n > max) {
            throw setting.invalid("must be at most " + max);
        }
        return n;
    }

    private static Path path(Setting setting) {
        try {
            return Path.of(setting.value());
        } catch (InvalidPathException e) {
            throw setting.invalid("not a valid path");
        }
    }
}
