package io.cairn.cli;

import io.cairn.kv.server.GoDuration;
import io.cairn.kv.server.ObservabilityConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Turns the observability flags ({@code --listen-metrics-urls}, {@code --trace-sampling-ratio},
 * {@code --trace-otlp-endpoint}, {@code --warning-apply-duration}) into the member's {@link ObservabilityConfig}.
 *
 * <p>Why apart from {@link ConfigMapper}: these flags only change what the member reports, and keeping them
 * together keeps both classes short.
 */
final class ObservabilityFlags {

    private ObservabilityFlags() {
    }

    static ObservabilityConfig toConfig(ServerFlags flags) {
        Setting metricsUrls = flags.get(ServerFlag.LISTEN_METRICS_URLS);
        List<URI> urls = metricsUrls.value().isBlank() ? List.of()
                : Urls.parseList(metricsUrls, Urls.Use.LISTEN);
        for (URI url : urls) {
            if (url.getScheme().equals("https")) {
                throw metricsUrls.invalid(url.toString(), "TLS is not supported yet for metrics listeners; use an "
                        + "http:// URL (the https:// client URLs serve /metrics too)");
            }
        }
        return new ObservabilityConfig(urls, ratio(flags.get(ServerFlag.TRACE_SAMPLING_RATIO)),
                flags.get(ServerFlag.TRACE_OTLP_ENDPOINT).value().strip(),
                threshold(flags.get(ServerFlag.WARNING_APPLY_DURATION)), Optional.empty());
    }

    private static double ratio(Setting setting) {
        double ratio;
        try {
            ratio = Double.parseDouble(setting.value().strip());
        } catch (NumberFormatException e) {
            throw setting.invalid("not a number");
        }
        if (!(ratio >= 0 && ratio <= 1)) {
            throw setting.invalid("must be between 0 and 1");
        }
        return ratio;
    }

    private static Duration threshold(Setting setting) {
        String value = setting.value().strip();
        if (value.equals("0")) {
            return Duration.ZERO;
        }
        try {
            return GoDuration.parse(value);
        } catch (IllegalArgumentException e) {
            throw setting.invalid("not a duration like 100ms or 1s");
        }
    }
}
