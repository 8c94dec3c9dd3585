package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnsupportedFlagTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "cert-file", "key-file", "trusted-ca-file", "peer-cert-file", "peer-key-file", "peer-trusted-ca-file",
        "cipher-suites", "tls-min-version", "max-concurrent-streams", "log-rotation-config-json", "discovery", "discovery-srv",
        "proxy", "wal-dir", "experimental-compaction-batch-limit", "experimental-anything-new"
    })
    void unsupportedValueFlagFailsSayingItIsNotSupportedYet(String name) {
        for (String[] args : new String[][] {
            {"server", "--" + name, "value"}, {"server", "--" + name + "=value"}, {"server", "-" + name, "value"}
        }) {
            Cli cli = Cli.run(args);

            assertThat(cli.status()).isEqualTo(1);
            assertThat(cli.err()).isEqualTo("cairn: flag --" + name + " is not supported yet\n");
            assertThat(cli.config()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "client-cert-auth", "auto-tls", "peer-client-cert-auth", "peer-auto-tls", "enable-v2", "enable-pprof",
        "force-new-cluster", "experimental-initial-corrupt-check"
    })
    void unsupportedSwitchFailsEvenWithoutAValue(String name) {
        Cli cli = Cli.run("server", "--" + name);

        assertThat(cli.status()).isEqualTo(1);
        assertThat(cli.err()).isEqualTo("cairn: flag --" + name + " is not supported yet\n");
    }

    @Test
    void onTheCommandLineEvenAValueThatTurnsTheFeatureOffIsRefused() {
        Cli cli = Cli.run("server", "--client-cert-auth=false");

        assertThat(cli.status()).isEqualTo(1);
        assertThat(cli.err()).isEqualTo("cairn: flag --client-cert-auth is not supported yet\n");
    }

    @Test
    void unsupportedFlagIsReportedAmongOtherValidFlags() {
        Cli cli = Cli.run("server", "--name", "a", "--cert-file", "/etc/cairn/server.crt", "--data-dir", "/tmp/a");

        assertThat(cli.err()).isEqualTo("cairn: flag --cert-file is not supported yet\n");
    }

    @Test
    void unsupportedEnvironmentVariableFailsNamingTheVariableAndTheFlag() {
        Cli etcd = Cli.run(Map.of("ETCD_CERT_FILE", "/etc/etcd/server.crt"), "server");
        Cli cairn = Cli.run(Map.of("CAIRN_AUTO_TLS", "true"), "server");

        assertThat(etcd.status()).isEqualTo(1);
        assertThat(etcd.err())
                .isEqualTo("cairn: environment variable ETCD_CERT_FILE (flag --cert-file) is not supported yet\n");
        assertThat(cairn.status()).isEqualTo(1);
        assertThat(cairn.err())
                .isEqualTo("cairn: environment variable CAIRN_AUTO_TLS (flag --auto-tls) is not supported yet\n");
    }

    @Test
    void unsupportedEnvironmentVariableThatLeavesTheFeatureOffIsTolerated() {
        Cli cli = Cli.run(Map.of(
                "ETCD_CLIENT_CERT_AUTH", "false", "ETCD_PROXY", "off", "ETCD_CERT_FILE", "",
                "ETCD_LOGGER", "zap", "ETCD_LOG_OUTPUTS", "stderr"), "server");

        assertThat(cli.status()).isZero();
        assertThat(cli.err()).isEmpty();
        assertThat(cli.config()).isPresent();
    }

    @Test
    void unsupportedSwitchTurnedOnInTheEnvironmentFails() {
        Cli cli = Cli.run(Map.of("ETCD_ENABLE_V2", "true"), "server");

        assertThat(cli.err()).contains("ETCD_ENABLE_V2 (flag --enable-v2) is not supported yet");
    }

    @Test
    void tolerantValuesAreLimitedToThoseThatAskForWhatCairnDoes() {
        assertThat(UnsupportedFlags.leavesFeatureOff("auto-tls", "false")).isTrue();
        assertThat(UnsupportedFlags.leavesFeatureOff("auto-tls", "true")).isFalse();
        assertThat(UnsupportedFlags.leavesFeatureOff("pre-vote", "false")).isFalse();
        assertThat(UnsupportedFlags.leavesFeatureOff("proxy", "readonly")).isFalse();
        assertThat(UnsupportedFlags.leavesFeatureOff("log-outputs", "systemd/journal")).isFalse();
        assertThat(UnsupportedFlags.leavesFeatureOff("cert-file", " ")).isTrue();
    }
}
