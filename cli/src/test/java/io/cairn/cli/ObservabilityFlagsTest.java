package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.observe.logging.LogFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObservabilityFlagsTest {

    @Test
    void aSamplingRatioAboveOneIsRefusedNamingTheFlag() {
        Cli cli = Cli.run("server", "--trace-sampling-ratio", "2");

        assertThat(cli.status()).isEqualTo(1);
        assertThat(cli.err()).contains("invalid value \"2\" for flag --trace-sampling-ratio: must be between 0 and 1");
    }

    @Test
    void anHttpsMetricsUrlIsRefusedAsTlsIsNotSupportedYet() {
        Cli cli = Cli.run("server", "--listen-metrics-urls", "https://127.0.0.1:2381");

        assertThat(cli.status()).isEqualTo(1);
        assertThat(cli.err()).contains("--listen-metrics-urls").contains("TLS is not supported yet");
    }

    @Test
    void logFormatAcceptsEtcdsConsoleAndRefusesUnknownFormats() {
        assertThat(Cli.run(Map.of("ETCD_LOG_FORMAT", "console"), "server").status()).isZero();
        Cli bad = Cli.run("server", "--log-format", "xml");

        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.err()).contains("invalid value \"xml\" for flag --log-format: expected json, logfmt or text");
    }

    @Test
    void theLogFormatReachesTheRunner() {
        assertThat(Logging.parse(Setting.commandLine(ServerFlag.LOG_LEVEL, "warn"),
                Setting.commandLine(ServerFlag.LOG_FORMAT, "logfmt")))
                .isEqualTo(new Logging(LogLevel.WARN, LogFormat.LOGFMT));
    }
}
