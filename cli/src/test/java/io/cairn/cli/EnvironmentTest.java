package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.kv.server.KvServerConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EnvironmentTest {

    @Test
    void etcdEnvironmentVariablesSetTheirFlags() {
        KvServerConfig config = Cli.run(Map.of(
                "ETCD_NAME", "infra2",
                "ETCD_DATA_DIR", "/var/lib/etcd",
                "ETCD_LISTEN_CLIENT_URLS", "http://0.0.0.0:2379",
                "ETCD_ADVERTISE_CLIENT_URLS", "http://10.0.1.12:2379",
                "ETCD_MAX_TXN_OPS", "1024",
                "ETCD_HEARTBEAT_INTERVAL", "250",
                "ETCD_ELECTION_TIMEOUT", "2500"), "server").started();

        assertThat(config.name()).isEqualTo("infra2");
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/etcd"));
        assertThat(config.listenClientUrls()).containsExactly(URI.create("http://0.0.0.0:2379"));
        assertThat(config.advertiseClientUrls()).containsExactly(URI.create("http://10.0.1.12:2379"));
        assertThat(config.maxTxnOps()).isEqualTo(1024);
        assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.electionTimeout()).isEqualTo(Duration.ofMillis(2500));
    }

    @ParameterizedTest
    @EnumSource(ServerFlag.class)
    void everyFlagHasAnEtcdAndACairnVariable(ServerFlag flag) {
        String etcd = "ETCD_" + flag.flagName().toUpperCase(Locale.ROOT).replace('-', '_');
        String cairn = "CAIRN_" + flag.flagName().toUpperCase(Locale.ROOT).replace('-', '_');

        assertThat(new EnvironmentSource(Map.of(etcd, "x")).lookup(flag))
                .contains(Setting.environment(flag, etcd, "x"));
        assertThat(new EnvironmentSource(Map.of(cairn, "y")).lookup(flag))
                .contains(Setting.environment(flag, cairn, "y"));
    }

    @Test
    void cairnEnvironmentVariableWinsOverEtcdOne() {
        Cli cli = Cli.run(Map.of("ETCD_NAME", "from-etcd", "CAIRN_NAME", "from-cairn"), "server");

        assertThat(cli.started().name()).isEqualTo("from-cairn");
        assertThat(cli.err()).isEmpty();
    }

    @Test
    void commandLineFlagWinsOverBothVariablesAndWarnsThatTheyAreShadowed() {
        Cli cli = Cli.run(Map.of("ETCD_NAME", "from-etcd", "CAIRN_NAME", "from-cairn"), "server", "--name", "typed");

        assertThat(cli.started().name()).isEqualTo("typed");
        assertThat(cli.err().lines()).containsExactly(
                "cairn: warning: conflicting environment variable CAIRN_NAME is shadowed by corresponding "
                        + "command-line flag --name (the flag wins)",
                "cairn: warning: conflicting environment variable ETCD_NAME is shadowed by corresponding "
                        + "command-line flag --name (the flag wins)");
    }

    @Test
    void emptyEnvironmentVariableCountsAsUnsetAsInEtcd() {
        Cli cli = Cli.run(Map.of("CAIRN_NAME", "", "ETCD_NAME", "from-etcd", "ETCD_DATA_DIR", ""), "server");

        assertThat(cli.started().name()).isEqualTo("from-etcd");
        assertThat(cli.started().dataDir()).isEqualTo(Path.of("cairn-data"));
    }

    @Test
    void badValueFromTheEnvironmentNamesTheVariable() {
        Cli cli = Cli.run(Map.of("CAIRN_MAX_TXN_OPS", "lots"), "server");

        assertThat(cli.status()).isEqualTo(1);
        assertThat(cli.err()).isEqualTo("cairn: invalid value \"lots\" for environment variable CAIRN_MAX_TXN_OPS "
                + "(flag --max-txn-ops): not a whole number\n");
    }

    @Test
    void unrecognizedEtcdVariableIsReportedButDoesNotStopTheServer() {
        Cli cli = Cli.run(Map.of("ETCD_NAMEE", "typo"), "server");

        assertThat(cli.status()).isZero();
        assertThat(cli.err()).isEqualTo("cairn: warning: unrecognized environment variable ETCD_NAMEE\n");
    }

    @Test
    void unrelatedVariablesAreIgnoredSilently() {
        Cli cli = Cli.run(Map.of("CAIRN_JAVA_OPTS", "-Xmx1g", "ETCDCTL_API", "3", "PATH", "/usr/bin"), "server");

        assertThat(cli.status()).isZero();
        assertThat(cli.err()).isEmpty();
    }

    @Test
    void logLevelComesFromTheEnvironmentToo() {
        assertThat(Cli.run(Map.of("ETCD_LOG_LEVEL", "warn"), "server").logLevel()).contains(LogLevel.WARN);
    }

    @Test
    void variablesForListsBothPrefixesThatAreSet() {
        EnvironmentSource env = new EnvironmentSource(Map.of("ETCD_NAME", "a", "CAIRN_NAME", "b", "ETCD_DATA_DIR", ""));

        assertThat(env.variablesFor(ServerFlag.NAME)).containsExactly("CAIRN_NAME", "ETCD_NAME");
        assertThat(env.variablesFor(ServerFlag.DATA_DIR)).isEmpty();
        assertThat(Arrays.stream(ServerFlag.values()).map(env::lookup).flatMap(Optional::stream))
                .extracting(Setting::sourceName).containsExactly("CAIRN_NAME");
    }
}
