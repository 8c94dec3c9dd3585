package io.cairn.kv.server;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a member is observed, with etcd's flag names where etcd has them.
 *
 * <p>Why a record of its own: these settings change nothing the store does, only what it reports, and they are
 * read by one class ({@code StoreObservability}).
 *
 * @param listenMetricsUrls    {@code --listen-metrics-urls}: extra plain-HTTP listeners for {@code /metrics} and the
 *                             health endpoints (they are always on the client URLs too); empty for none
 * @param traceSamplingRatio   {@code --trace-sampling-ratio}: the share of new traces recorded, 0 to 1; 0 (the
 *                             default) turns tracing off
 * @param traceOtlpEndpoint    {@code --trace-otlp-endpoint}: where spans are exported ({@code host:port} for
 *                             OTLP/gRPC, a URL ending in {@code /v1/traces} for OTLP/HTTP); empty for nowhere
 * @param warningApplyDuration {@code --warning-apply-duration}: entries whose apply, and reads whose handling,
 *                             take longer are logged as etcd logs "apply request took too long" (100 ms); zero
 *                             turns the warning off
 * @param spanExporter         for embedders and tests: receives the spans instead of the OTLP endpoint
 */
public record ObservabilityConfig(List<URI> listenMetricsUrls, double traceSamplingRatio, String traceOtlpEndpoint,
                                  Duration warningApplyDuration, Optional<SpanExporter> spanExporter) {

    /** etcd's default for {@code --warning-apply-duration}. */
    public static final Duration DEFAULT_WARNING_APPLY_DURATION = Duration.ofMillis(100);

    public ObservabilityConfig {
        listenMetricsUrls = List.copyOf(listenMetricsUrls);
        Objects.requireNonNull(traceOtlpEndpoint, "traceOtlpEndpoint");
        Objects.requireNonNull(warningApplyDuration, "warningApplyDuration");
        Objects.requireNonNull(spanExporter, "spanExporter");
        if (!(traceSamplingRatio >= 0 && traceSamplingRatio <= 1)) {
            throw new IllegalArgumentException("--trace-sampling-ratio must be between 0 and 1, got "
                    + traceSamplingRatio);
        }
        if (warningApplyDuration.isNegative()) {
            throw new IllegalArgumentException("--warning-apply-duration must not be negative");
        }
    }

    /** No metrics listener, no tracing, etcd's slow-request warning. */
    public static ObservabilityConfig defaults() {
        return new ObservabilityConfig(List.of(), 0, "", DEFAULT_WARNING_APPLY_DURATION, Optional.empty());
    }

    /** This configuration with these metrics listener URLs. */
    public ObservabilityConfig withListenMetricsUrls(List<URI> urls) {
        return new ObservabilityConfig(urls, traceSamplingRatio, traceOtlpEndpoint, warningApplyDuration,
                spanExporter);
    }

    /** This configuration with this tracing. */
    public ObservabilityConfig withTracing(double samplingRatio, String otlpEndpoint) {
        return new ObservabilityConfig(listenMetricsUrls, samplingRatio, otlpEndpoint, warningApplyDuration,
                spanExporter);
    }

    /** This configuration with spans handed to {@code exporter} (synchronously) instead of the OTLP endpoint. */
    public ObservabilityConfig withSpanExporter(SpanExporter exporter) {
        return new ObservabilityConfig(listenMetricsUrls, traceSamplingRatio, traceOtlpEndpoint,
                warningApplyDuration, Optional.of(exporter));
    }

    /** This configuration with this slow-request threshold. */
    public ObservabilityConfig withWarningApplyDuration(Duration threshold) {
        return new ObservabilityConfig(listenMetricsUrls, traceSamplingRatio, traceOtlpEndpoint, threshold,
                spanExporter);
    }
}
