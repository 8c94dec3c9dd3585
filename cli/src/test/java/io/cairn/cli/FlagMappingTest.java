package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.kv.server.KvServerConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FlagMappingTest {

    /** Client URLs must be set together (etcd requires the advertised ones once the listen ones are given). */
    private static final String[] CLIENT_URLS = {
        "--listen-client-urls", "http://0.0.0.0:12379,http://127.0.0.1:12379",
        "--advertise-client-urls", "http://10.0.0.1:12379"
    };

    static Stream<Arguments> flags() {
        return Stream.of(
                mapping("--name", "infra0", KvServerConfig::name, "infra0"),
                mapping("--data-dir", "/var/lib/cairn", KvServerConfig::dataDir, Path.of("/var/lib/cairn")),
                mapping("--listen-peer-urls", "http://10.0.0.1:12380", KvServerConfig::listenPeerUrls,
                        List.of(URI.create("http://10.0.0.1:12380"))),
                mapping("--initial-advertise-peer-urls", "http://10.0.0.1:12380",
                        KvServerConfig::initialAdvertisePeerUrls, List.of(URI.create("http://10.0.0.1:12380"))),
                mapping("--initial-cluster", "a=http://10.0.0.1:2380,b=http://10.0.0.2:2380",
                        KvServerConfig::initialCluster, "a=http://10.0.0.1:2380,b=http://10.0.0.2:2380"),
                mapping("--initial-cluster-state", "existing", KvServerConfig::initialClusterState, "existing"),
                mapping("--initial-cluster-token", "prod-1", KvServerConfig::initialClusterToken, "prod-1"),
                mapping("--max-txn-ops", "512", KvServerConfig::maxTxnOps, 512),
                mapping("--max-request-bytes", "10485760", KvServerConfig::maxRequestBytes, 10_485_760L),
                mapping("--quota-backend-bytes", "8589934592", KvServerConfig::quotaBackendBytes, 8_589_934_592L),
                mapping("--auto-compaction-mode", "revision", KvServerConfig::autoCompactionMode, "revision"),
                mapping("--auto-compaction-retention", "1h30m", KvServerConfig::autoCompactionRetention, "1h30m"),
                mapping("--snapshot-count", "5000", KvServerConfig::snapshotCount, 5000L),
                mapping("--heartbeat-interval", "50", KvServerConfig::heartbeatInterval, Duration.ofMillis(50)),
                mapping("--election-timeout", "5000", KvServerConfig::electionTimeout, Duration.ofMillis(5000)),
                mapping("--experimental-watch-progress-notify-interval", "1m30s",
                        KvServerConfig::watchProgressNotifyInterval, Duration.ofSeconds(90)),
                mapping("--listen-metrics-urls", "http://127.0.0.1:2381,http://10.0.0.1:2381",
                        c -> c.observability().listenMetricsUrls(),
                        List.of(URI.create("http://127.0.0.1:2381"), URI.create("http://10.0.0.1:2381"))),
                mapping("--trace-sampling-ratio", "0.25", c -> c.observability().traceSamplingRatio(), 0.25),
                mapping("--trace-otlp-endpoint", "collector:4317", c -> c.observability().traceOtlpEndpoint(),
                        "collector:4317"),
                mapping("--warning-apply-duration", "250ms", c -> c.observability().warningApplyDuration(),
                        Duration.ofMillis(250)),
                mapping("--warning-apply-duration", "0", c -> c.observability().warningApplyDuration(),
                        Duration.ZERO));
    }

    private static Arguments mapping(String flag, String value, Function<KvServerConfig, Object> field,
            Object expected) {
        return Arguments.of(flag, value, field, expected);
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("flags")
    void eachFlagSetsItsConfigField(String flag, String value, Function<KvServerConfig, Object> field,
            Object expected) {
        assertThat(field.apply(Cli.run("server", flag, value).started())).isEqualTo(expected);
        assertThat(field.apply(Cli.run("server", flag + "=" + value).started())).isEqualTo(expected);
    }

    @Test
    void clientUrlFlagsSetTheListenAndAdvertisedClientUrls() {
        KvServerConfig config = Cli.run(prepend("server", CLIENT_URLS)).started();

        assertThat(config.listenClientUrls())
                .containsExactly(URI.create("http://0.0.0.0:12379"), URI.create("http://127.0.0.1:12379"));
        assertThat(config.advertiseClientUrls()).containsExactly(URI.create("http://10.0.0.1:12379"));
    }

    @Test
    void logLevelFlagReachesTheRunner() {
        assertThat(Cli.run("server", "--log-level", "debug").logLevel()).contains(LogLevel.DEBUG);
        assertThat(Cli.run("server", "--log-level=WARN").logLevel()).contains(LogLevel.WARN);
        assertThat(Cli.run("server", "--log-level=fatal").logLevel()).contains(LogLevel.ERROR);
    }

    @Test
    void singleDashFlagsWorkAsInEtcd() {
        KvServerConfig config = Cli.run("server", "-name", "infra1", "-data-dir=/tmp/infra1").started();

        assertThat(config.name()).isEqualTo("infra1");
        assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/infra1"));
    }

    @Test
    void lastOccurrenceOfARepeatedFlagWinsAsInEtcd() {
        assertThat(Cli.run("server", "--name", "a", "--name", "b").started().name()).isEqualTo("b");
    }

    @Test
    void duplicateUrlsInAListAreDropped() {
        KvServerConfig config = Cli.run("server", "--listen-peer-urls",
                "http://127.0.0.1:2380, http://127.0.0.1:2380").started();

        assertThat(config.listenPeerUrls()).containsExactly(URI.create("http://127.0.0.1:2380"));
    }

    @Test
    void listenPortZeroIsAllowedSoTheSystemCanPickOne() {
        KvServerConfig config = Cli.run("server", "--listen-client-urls", "http://127.0.0.1:0",
                "--advertise-client-urls", "http://127.0.0.1:2379").started();

        assertThat(config.listenClientUrls()).containsExactly(URI.create("http://127.0.0.1:0"));
    }

    @Test
    void emptyFlagValueMeansTheDefault() {
        assertThat(Cli.run("server", "--data-dir=").started().dataDir()).isEqualTo(Path.of("cairn-data"));
    }

    private static String[] prepend(String first, String... rest) {
        return Stream.concat(Stream.of(first), Stream.of(rest)).toArray(String[]::new);
    }
}
