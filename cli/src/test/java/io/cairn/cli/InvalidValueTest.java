package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InvalidValueTest {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            --listen-peer-urls  | unix://cairn.sock             | unix sockets are not supported yet
            --listen-peer-urls  | unixs://cairn.sock            | unix sockets are not supported yet
            --listen-peer-urls  | 127.0.0.1:2380                | URL scheme must be http or https
            --listen-peer-urls  | ftp://127.0.0.1:2380          | URL scheme must be http or https
            --listen-peer-urls  | http://127.0.0.1              | URL must have a host and a port
            --listen-peer-urls  | http://:2380                  | URL must have a host and a port
            --listen-peer-urls  | http://127.0.0.1:2380/peers   | URL must not contain a path
            --listen-peer-urls  | http://127.0.0.1:2380?x=1     | URL must have the form http://host:port
            --listen-peer-urls  | http://127.0.0.1:70000        | port must be between 0 and 65535
            --listen-peer-urls  | http://example.com:2380       | expected an IP address (or localhost)
            --listen-peer-urls  | 'http://127.0.0.1:2380,'      | empty URL in the list
            --initial-advertise-peer-urls | http://10.0.0.1:0     | port must be between 1 and 65535
            --initial-cluster   | infra0                        | expected name=URL
            --initial-cluster   | 'a=http://10.0.0.1:2380,b=ftp://10.0.0.2:2380' | URL scheme must be http or https
            """)
    void badUrlFailsWithOneLineNamingTheFlag(String flag, String value, String reason) {
        Cli cli = Cli.run("server", flag, value);

        assertThat(cli.status()).isEqualTo(1);
        assertThat(cli.config()).isEmpty();
        assertThat(cli.err()).startsWith("cairn: invalid value \"").contains("for flag " + flag + ": " + reason)
                .hasLineCount(1).doesNotContain("Exception");
    }

    @Test
    void httpsClientUrlWithoutCertificateFailsWithEtcdsMessage() {
        Cli cli = Cli.run("server", "--listen-client-urls", "https://127.0.0.1:2379",
                "--advertise-client-urls", "https://127.0.0.1:2379");

        assertThat(cli.status()).isEqualTo(1);
        assertThat(cli.err()).isEqualTo("cairn: TLS key/cert (--cert-file, --key-file) must be provided for client "
                + "url https://127.0.0.1:2379 with HTTPS scheme\n");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            --max-txn-ops               | many      | not a whole number
            --max-txn-ops               | 0         | must be at least 1
            --max-txn-ops               | 3000000000 | must be at most 2147483647
            --max-request-bytes         | 1.5MiB    | not a whole number
            --quota-backend-bytes       | -1        | must be at least 0
            --snapshot-count            | 0         | must be at least 1
            --heartbeat-interval        | 0         | must be at least 1
            --initial-cluster-state     | old       | must be 'new' or 'existing'
            --auto-compaction-mode      | hourly    | must be 'periodic' or 'revision'
            --auto-compaction-retention | 1 day     | expected whole hours (like 1) or a duration (like 30m)
            --log-level                 | trace     | expected debug, info, warn or error
            """)
    void badValueFailsWithOneLineNamingTheFlag(String flag, String value, String reason) {
        Cli cli = Cli.run("server", flag, value);

        assertThat(cli.status()).isEqualTo(1);
        assertThat(cli.config()).isEmpty();
        assertThat(cli.err())
                .isEqualTo("cairn: invalid value \"" + value + "\" for flag " + flag + ": " + reason + "\n");
    }

    @Test
    void revisionRetentionMustBeACount() {
        Cli cli = Cli.run("server", "--auto-compaction-mode", "revision", "--auto-compaction-retention", "5m");

        assertThat(cli.err()).contains("--auto-compaction-retention: expected a number of revisions");
        assertThat(Cli.run("server", "--auto-compaction-mode", "revision", "--auto-compaction-retention", "1000")
                .started().autoCompactionRetention()).isEqualTo("1000");
    }

    @Test
    void periodicRetentionAcceptsHoursOrADuration() {
        assertThat(Cli.run("server", "--auto-compaction-retention", "24").started().autoCompactionRetention())
                .isEqualTo("24");
        assertThat(Cli.run("server", "--auto-compaction-retention", "0.5h").started().autoCompactionRetention())
                .isEqualTo("0.5h");
    }

    @Test
    void electionTimeoutBelowFiveHeartbeatsFailsLikeEtcd() {
        Cli cli = Cli.run("server", "--heartbeat-interval", "300", "--election-timeout", "1000");

        assertThat(cli.status()).isEqualTo(1);
        assertThat(cli.err()).isEqualTo("cairn: --election-timeout[1000ms] should be at least as 5 times as "
                + "--heartbeat-interval[300ms]\n");
    }

    @Test
    void electionTimeoutAboveFiftySecondsFailsLikeEtcd() {
        Cli cli = Cli.run("server", "--election-timeout", "60000");

        assertThat(cli.err()).contains("--election-timeout[60000ms] is too long");
    }

    @Test
    void listenClientUrlsWithoutAdvertiseClientUrlsFailsLikeEtcd() {
        Cli fromFlag = Cli.run("server", "--listen-client-urls", "http://0.0.0.0:2379");
        Cli fromEnvironment = Cli.run(Map.of("ETCD_LISTEN_CLIENT_URLS", "http://0.0.0.0:2379"), "server");

        for (Cli cli : new Cli[] {fromFlag, fromEnvironment}) {
            assertThat(cli.status()).isEqualTo(1);
            assertThat(cli.err()).isEqualTo(
                    "cairn: --advertise-client-urls is required when --listen-client-urls is set explicitly\n");
        }
    }

    @Test
    void unknownFlagGetsPicocliErrorWithASuggestionAndStatus2() {
        Cli cli = Cli.run("server", "--data-dri", "/tmp/x");

        assertThat(cli.status()).isEqualTo(2);
        assertThat(cli.err()).contains("Unknown option", "--data-dri", "--data-dir").doesNotContain("Exception");
    }

    @Test
    void flagWithoutItsValueIsAUsageError() {
        Cli cli = Cli.run("server", "--name");

        assertThat(cli.status()).isEqualTo(2);
        assertThat(cli.err()).contains("--name");
    }
}
