package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void helpListsTheServerAndVersionCommandsAndTheLauncherCommands() {
        Cli cli = Cli.run("--help");

        assertThat(cli.status()).isZero();
        assertThat(cli.out()).contains("server", "version", "test", "build", "./cairn");
    }

    @Test
    void versionPrintsCairnsVersionAndTheEtcdApiVersion() {
        Cli cli = Cli.run("version");

        assertThat(cli.status()).isZero();
        assertThat(cli.out()).containsPattern("(?m)^cairn \\d+\\.\\d+\\.\\d+").contains("etcd API 3.5");
    }

    @Test
    void versionFlagPrintsTheSameAsTheVersionCommand() {
        assertThat(Cli.run("--version").out()).isEqualTo(Cli.run("version").out());
        assertThat(Cli.run("server", "--version").out()).isEqualTo(Cli.run("version").out());
    }

    @Test
    void noCommandPrintsTheUsageAndFailsWithStatus2() {
        Cli cli = Cli.run();

        assertThat(cli.status()).isEqualTo(2);
        assertThat(cli.err()).contains("Commands:", "server");
    }

    @Test
    void serverHelpListsEveryFlagWithItsDefault() {
        Cli cli = Cli.run("server", "--help");

        assertThat(cli.status()).isZero();
        for (ServerFlag flag : ServerFlag.values()) {
            assertThat(cli.out()).contains(flag.option());
        }
        assertThat(cli.out()).contains("'1572864'", "ETCD_", "CAIRN_");
        assertThat(cli.config()).isEmpty();
    }
}
