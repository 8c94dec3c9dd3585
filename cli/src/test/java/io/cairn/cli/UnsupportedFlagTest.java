package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnsupportedFlagTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "client-crl-file", "peer-crl-file", "peer-cert-allowed-cn", "client-cert-allowed-hostname",
        "max-concurrent-streams", "log-rotation-config-json", "discovery", "discovery-srv",
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
        "enable-v2", "enable-pprof",
        "force-new-cluster", "experimental-initial-corrupt-check"
    })
    void unsupportedSwitchFailsEvenWithoutAValue(String name) {
        Cli cli = Cli.run("server", "--" + name);

        assertThat(cli.status()).isEqualTo(1);
        assertThat(cli.err()).isEqualTo("cairn: flag --" + name + " is not supported yet\n");
    }

    @Test
    void onTheCommandLineEvenAValueThatTurnsTheFeatureOffIsRefused() {
        Cli cli = Cli.run("server", "--enable-v2=false");

        assertThat(cli.status()).isEqualTo(1);
        assertThat(cli.err()).isEqualTo("cairn: flag --enable-v2 is not supported yet\n");
    }

    @Test
    void unsupportedFlagIsReportedAmongOtherValidFlags() {
        Cli cli = Cli.run("server", "--name", "a", "--client-crl-file", "/etc/cairn/crl.pem", "--data-dir", "/tmp/a");

        assertThat(cli.err()).isEqualTo("cairn: flag --client-crl-file is not supported yet\n");
    }

    @Test
    void unsupportedEnvironmentVariableFailsNamingTheVariableAndTheFlag() {
        Cli etcd = Cli.run(Map.of("ETCD_CLIENT_CRL_FILE", "/etc/etcd/crl.pem"), "server");
        Cli cairn = Cli.run(Map.of("CAIRN_ENABLE_PPROF", "true"), "server");

        assertThat(etcd.status()).isEqualTo(1);
        assertThat(etcd.err()).isEqualTo(
                "cairn: environment variable ETCD_CLIENT_CRL_FILE (flag --client-crl-file) is not supported yet\n");
        assertThat(cairn.status()).isEqualTo(1);
        assertThat(cairn.err()).isEqualTo(
                "cairn: environment variable CAIRN_ENABLE_PPROF (flag --enable-pprof) is not supported yet\n");
    }

    @Test
    void unsupportedEnvironmentVariableThatLeavesTheFeatureOffIsTolerated() {
        Cli cli = Cli.run(Map.of(
                "ETCD_ENABLE_PPROF", "false", "ETCD_PROXY", "off", "ETCD_CLIENT_CRL_FILE", "",
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
        assertThat(UnsupportedFlags.leavesFeatureOff("enable-pprof", "false")).isTrue();
        assertThat(UnsupportedFlags.leavesFeatureOff("enable-pprof", "true")).isFalse();
        assertThat(UnsupportedFlags.leavesFeatureOff("pre-vote", "false")).isFalse();
        assertThat(UnsupportedFlags.leavesFeatureOff("proxy", "readonly")).isFalse();
        assertThat(UnsupportedFlags.leavesFeatureOff("log-outputs", "systemd/journal")).isFalse();
        assertThat(UnsupportedFlags.leavesFeatureOff("client-crl-file", " ")).isTrue();
    }
}
