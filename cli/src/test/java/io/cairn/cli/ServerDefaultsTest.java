package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.kv.server.KvServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerDefaultsTest {

    @Test
    void serverWithoutFlagsUsesEtcdsDefaults() {
        Cli cli = Cli.run("server");
        KvServerConfig config = cli.started();

        assertThat(cli.status()).isZero();
        assertThat(cli.err()).isEmpty();
        assertThat(config.name()).isEqualTo("default");
        assertThat(config.dataDir()).isEqualTo(Path.of("cairn-data"));
        assertThat(config.listenClientUrls()).containsExactly(URI.create("http://127.0.0.1:2379"));
        assertThat(config.advertiseClientUrls()).containsExactly(URI.create("http://127.0.0.1:2379"));
        assertThat(config.listenPeerUrls()).containsExactly(URI.create("http://127.0.0.1:2380"));
        assertThat(config.initialAdvertisePeerUrls()).containsExactly(URI.create("http://127.0.0.1:2380"));
        assertThat(config.initialCluster()).isEqualTo("default=http://127.0.0.1:2380");
        assertThat(config.initialClusterState()).isEqualTo("new");
        assertThat(config.initialClusterToken()).isEqualTo("etcd-cluster");
        assertThat(config.maxTxnOps()).isEqualTo(128);
        assertThat(config.maxRequestBytes()).isEqualTo(1_572_864L);
        assertThat(config.quotaBackendBytes()).isZero();
        assertThat(config.autoCompactionMode()).isEqualTo("periodic");
        assertThat(config.autoCompactionRetention()).isEqualTo("0");
        assertThat(config.snapshotCount()).isEqualTo(100_000L);
        assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(config.electionTimeout()).isEqualTo(Duration.ofMillis(1000));
        assertThat(cli.logLevel()).contains(LogLevel.INFO);
    }

    @Test
    void defaultsAgreeWithTheServersOwnBuilderDefaults() {
        KvServerConfig fromCli = Cli.run("server").started();
        KvServerConfig fromBuilder = KvServerConfig.builder().initialCluster("default=http://127.0.0.1:2380").build();

        assertThat(fromCli).isEqualTo(fromBuilder);
    }

    @Test
    void defaultInitialClusterNamesThisMemberWithEveryAdvertisedPeerUrl() {
        KvServerConfig config = Cli.run("server", "--name", "infra0",
                "--initial-advertise-peer-urls", "http://10.0.1.10:2380,http://10.0.2.10:2380").started();

        assertThat(config.initialCluster()).isEqualTo("infra0=http://10.0.1.10:2380,infra0=http://10.0.2.10:2380");
    }

    @Test
    void runnersExitStatusIsTheCommandsExitStatus() {
        StringWriter sink = new StringWriter();
        int status = Main.run(new String[] {"server"}, Map.of(), (config, level) -> 1,
                new PrintWriter(sink), new PrintWriter(sink));

        assertThat(status).isEqualTo(1);
    }
}
