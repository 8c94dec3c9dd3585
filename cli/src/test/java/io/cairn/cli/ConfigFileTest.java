package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.kv.server.KvServerConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

    @TempDir
    Path dir;

    @Test
    void configFileKeysSetTheirFields() throws IOException {
        Path file = write("""
                name: 'infra0'
                data-dir: /var/lib/infra0
                listen-client-urls: http://10.0.1.10:2379,http://127.0.0.1:2379
                advertise-client-urls: http://10.0.1.10:2379
                listen-peer-urls: http://10.0.1.10:2380
                initial-advertise-peer-urls: http://10.0.1.10:2380
                initial-cluster: infra0=http://10.0.1.10:2380,infra1=http://10.0.1.11:2380
                initial-cluster-state: existing
                initial-cluster-token: 'etcd-cluster-1'
                max-txn-ops: 256
                max-request-bytes: 3145728
                quota-backend-bytes: 8589934592
                auto-compaction-mode: periodic
                auto-compaction-retention: "1"
                snapshot-count: 10000
                heartbeat-interval: 100
                election-timeout: 1000
                log-level: debug
                """);

        Cli cli = Cli.run("server", "--config-file", file.toString());
        KvServerConfig config = cli.started();

        assertThat(config.name()).isEqualTo("infra0");
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/infra0"));
        assertThat(config.listenClientUrls())
                .containsExactly(URI.create("http://10.0.1.10:2379"), URI.create("http://127.0.0.1:2379"));
        assertThat(config.advertiseClientUrls()).containsExactly(URI.create("http://10.0.1.10:2379"));
        assertThat(config.listenPeerUrls()).containsExactly(URI.create("http://10.0.1.10:2380"));
        assertThat(config.initialAdvertisePeerUrls()).containsExactly(URI.create("http://10.0.1.10:2380"));
        assertThat(config.initialCluster()).isEqualTo("infra0=http://10.0.1.10:2380,infra1=http://10.0.1.11:2380");
        assertThat(config.initialClusterState()).isEqualTo("existing");
        assertThat(config.initialClusterToken()).isEqualTo("etcd-cluster-1");
        assertThat(config.maxTxnOps()).isEqualTo(256);
        assertThat(config.maxRequestBytes()).isEqualTo(3_145_728L);
        assertThat(config.quotaBackendBytes()).isEqualTo(8_589_934_592L);
        assertThat(config.autoCompactionMode()).isEqualTo("periodic");
        assertThat(config.autoCompactionRetention()).isEqualTo("1");
        assertThat(config.snapshotCount()).isEqualTo(10_000L);
        assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(config.electionTimeout()).isEqualTo(Duration.ofMillis(1000));
        assertThat(cli.logLevel()).contains(LogLevel.DEBUG);
    }

    @Test
    void configFileIsTheWholeConfigurationAndOtherFlagsAndVariablesAreIgnored() throws IOException {
        Path file = write("name: from-file\n");

        Cli cli = Cli.run(Map.of("ETCD_DATA_DIR", "/from/env", "ETCD_CERT_FILE", "/ignored/too"),
                "server", "--config-file", file.toString(), "--name", "typed", "--max-txn-ops", "9");
        KvServerConfig config = cli.started();

        assertThat(config.name()).isEqualTo("from-file");
        assertThat(config.dataDir()).isEqualTo(Path.of("cairn-data"));
        assertThat(config.maxTxnOps()).isEqualTo(128);
        assertThat(cli.err()).isEqualTo("cairn: loaded server configuration from " + file + "; other command-line "
                + "flags and environment variables are ignored (ignoring --name, ETCD_DATA_DIR, --max-txn-ops, ETCD_CERT_FILE)\n");
    }

    @Test
    void configFileCanBeNamedByEtcdOrCairnVariableAndCairnWins() throws IOException {
        Path etcdFile = write("name: etcd-file\n");
        Path cairnFile = Files.writeString(dir.resolve("cairn.yml"), "name: cairn-file\n");

        assertThat(Cli.run(Map.of("ETCD_CONFIG_FILE", etcdFile.toString()), "server").started().name())
                .isEqualTo("etcd-file");
        assertThat(Cli.run(Map.of("ETCD_CONFIG_FILE", etcdFile.toString(), "CAIRN_CONFIG_FILE",
                cairnFile.toString()), "server").started().name()).isEqualTo("cairn-file");
    }

    @Test
    void unknownKeyFailsNamingTheKey() throws IOException {
        Path file = write("name: a\ndata-directory: /tmp/a\n");

        Cli cli = Cli.run("server", "--config-file", file.toString());

        assertThat(cli.status()).isEqualTo(1);
        assertThat(cli.config()).isEmpty();
        assertThat(cli.err()).isEqualTo("cairn: unknown key \"data-directory\" in config file " + file + "\n");
    }

    @Test
    void unsupportedKeyFailsSayingItIsNotSupportedYet() throws IOException {
        Path file = write("wal-dir: /var/lib/etcd/wal\n");

        Cli cli = Cli.run("server", "--config-file", file.toString());

        assertThat(cli.status()).isEqualTo(1);
        assertThat(cli.err()).isEqualTo("cairn: config file key wal-dir is not supported yet\n");
    }

    @Test
    void transportSecurityBlocksSetTheClientAndPeerTlsSettings() throws IOException {
        Path file = write("""
                listen-client-urls: https://127.0.0.1:2379
                advertise-client-urls: https://127.0.0.1:2379
                cipher-suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]
                client-transport-security:
                  cert-file: /etc/etcd/server.crt
                  key-file: /etc/etcd/server.key
                  client-cert-auth: true
                  trusted-ca-file: /etc/etcd/ca.crt
                peer-transport-security:
                  auto-tls: true
                """);

        var security = Cli.run("server", "--config-file", file.toString()).started().transportSecurity();

        assertThat(security.client().certFile()).contains(Path.of("/etc/etcd/server.crt"));
        assertThat(security.client().keyFile()).contains(Path.of("/etc/etcd/server.key"));
        assertThat(security.client().trustedCaFile()).contains(Path.of("/etc/etcd/ca.crt"));
        assertThat(security.client().clientCertAuth()).isTrue();
        assertThat(security.peer().autoTls()).isTrue();
        assertThat(security.peer().certFile()).isEmpty();
        assertThat(security.cipherSuites()).containsExactly("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    }

    @Test
    void aTopLevelCertFileFailsSayingWhichBlockItBelongsTo() throws IOException {
        Path file = write("cert-file: /etc/etcd/server.crt\n");

        Cli cli = Cli.run("server", "--config-file", file.toString());

        assertThat(cli.status()).isEqualTo(1);
        assertThat(cli.err()).isEqualTo("cairn: config file key cert-file belongs under client-transport-security\n");
    }

    @Test
    void anotherKeyInsideTransportSecurityThatTurnsSomethingOnFailsNamingIt() throws IOException {
        Path file = write("""
                client-transport-security:
                  cert-fil: /etc/etcd/server.crt
                """);

        Cli cli = Cli.run("server", "--config-file", file.toString());

        assertThat(cli.status()).isEqualTo(1);
        assertThat(cli.err())
                .isEqualTo("cairn: config file key client-transport-security.cert-fil is not supported yet\n");
    }

    @Test
    void keysOfEtcdsSampleConfigThatLeaveFeaturesOffAreTolerated() throws IOException {
        Path file = write("""
                name: 'default'
                data-dir:
                wal-dir:
                discovery:
                proxy: 'off'
                cipher-suites: []
                enable-v2: false
                logger: zap
                log-outputs: [stderr]
                client-transport-security:
                  cert-file:
                  key-file:
                  client-cert-auth: false
                  trusted-ca-file:
                  auto-tls: false
                peer-transport-security:
                  cert-file:
                  auto-tls: false
                  allowed-cn:
                """);

        Cli cli = Cli.run("server", "--config-file", file.toString());

        assertThat(cli.status()).isZero();
        assertThat(cli.started().dataDir()).isEqualTo(Path.of("cairn-data"));
    }

    @Test
    void yamlListIsAcceptedWhereEtcdTakesACommaSeparatedList() throws IOException {
        Path file = write("""
                listen-client-urls: [http://127.0.0.1:2379, http://127.0.0.1:22379]
                """);

        assertThat(Cli.run("server", "--config-file", file.toString()).started().listenClientUrls())
                .containsExactly(URI.create("http://127.0.0.1:2379"), URI.create("http://127.0.0.1:22379"));
    }

    @Test
    void listenClientUrlsWithoutAdvertiseClientUrlsIsAcceptedInAFileAsInEtcd() throws IOException {
        Path file = write("listen-client-urls: http://127.0.0.1:12379\n");

        KvServerConfig config = Cli.run("server", "--config-file", file.toString()).started();

        assertThat(config.advertiseClientUrls()).containsExactly(URI.create("http://127.0.0.1:2379"));
    }

    @Test
    void badValueInTheFileNamesTheKey() throws IOException {
        Path file = write("max-txn-ops: lots\n");

        Cli cli = Cli.run("server", "--config-file", file.toString());

        assertThat(cli.status()).isEqualTo(1);
        assertThat(cli.err().lines().toList()).last()
                .isEqualTo("cairn: invalid value \"lots\" for config file key max-txn-ops: not a whole number");
    }

    @Test
    void missingFileFailsInOneLine() {
        Path missing = dir.resolve("nope.yml");

        Cli cli = Cli.run("server", "--config-file", missing.toString());

        assertThat(cli.status()).isEqualTo(1);
        assertThat(cli.err()).isEqualTo("cairn: cannot read config file " + missing + ": no such file\n");
    }

    @Test
    void invalidYamlFailsNamingTheLine() throws IOException {
        Path file = write("name: a\n  data-dir: [unclosed\n");

        Cli cli = Cli.run("server", "--config-file", file.toString());

        assertThat(cli.status()).isEqualTo(1);
        assertThat(cli.err()).startsWith("cairn: config file " + file + " is not valid YAML: ")
                .contains("(line 2)").hasLineCount(1);
    }

    @Test
    void duplicateKeyFails() throws IOException {
        Path file = write("name: a\nname: b\n");

        assertThat(Cli.run("server", "--config-file", file.toString()).err()).contains("duplicate key name");
    }

    @Test
    void fileThatIsNotAMappingFails() throws IOException {
        Path file = write("- name\n- data-dir\n");

        assertThat(Cli.run("server", "--config-file", file.toString()).err())
                .isEqualTo("cairn: config file " + file + " must be a YAML mapping of flag names to values\n");
    }

    @Test
    void emptyFileMeansAllDefaults() throws IOException {
        Path file = write("");

        assertThat(Cli.run("server", "--config-file", file.toString()).started().name()).isEqualTo("default");
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("etcd.conf.yml"), yaml);
    }
}
