package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiServerFlagsTest {

    @Test
    void theApiServerListensOnLoopback6443ByDefault() {
        ApiServerPlan plan = Cli.run("server").api().orElseThrow();

        assertThat(plan.listen()).contains(new InetSocketAddress("127.0.0.1", 6443));
        assertThat(plan.kubeconfig()).isEmpty();
        assertThat(plan.tokenFile()).isEmpty();
        assertThat(plan.bookmarkInterval()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void noneTurnsTheApiServerOff() {
        assertThat(Cli.run("server", "--apiserver-listen=none").api().orElseThrow().listen()).isEmpty();
    }

    @Test
    void theFlagsMoveTheListenerTheKubeconfigAndAddTokens() {
        ApiServerPlan plan = Cli.run("server", "--apiserver-listen", "0.0.0.0:16443", "--write-kubeconfig", "/tmp/kc.yaml",
                "--token-auth-file", "tokens.csv", "--apiserver-bookmark-interval", "5s").api().orElseThrow();

        assertThat(plan.listen()).contains(new InetSocketAddress("0.0.0.0", 16443));
        assertThat(plan.kubeconfig()).contains(Path.of("/tmp/kc.yaml"));
        assertThat(plan.tokenFile()).contains(Path.of("tokens.csv"));
        assertThat(plan.bookmarkInterval()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void cairnVariablesSetThemToo() {
        ApiServerPlan plan = Cli.run(Map.of("CAIRN_APISERVER_LISTEN", "127.0.0.1:7443"), "server").api().orElseThrow();

        assertThat(plan.listen()).contains(new InetSocketAddress("127.0.0.1", 7443));
    }

    @Test
    void aListenAddressWithoutAPortIsRefused() {
        Cli cli = Cli.run("server", "--apiserver-listen", "localhost");

        assertThat(cli.status()).isEqualTo(1);
        assertThat(cli.err()).contains("invalid value \"localhost\" for flag -apiserver-listen: expected host:port"
                + " or none");
    }

    @Test
    void aPortOutOfRangeIsRefused() {
        Cli cli = Cli.run("server", "--apiserver-listen", "127.0.0.1:70000");

        assertThat(cli.status()).isEqualTo(1);
        assertThat(cli.err()).contains("bad port");
    }
}
