package io.cairn.observe.tracing;

import java.util.Objects;

/**
 * How a component traces: the {@code --trace-sampling-ratio} and {@code --trace-otlp-endpoint} flags, and the
 * service name its spans carry.
 *
 * <p>Why a type: the flags are validated once, with a message naming the flag.
 *
 * @param serviceName   the {@code service.name} resource attribute, e.g. {@code cairn-kv}
 * @param samplingRatio the share of new traces sampled, 0 to 1; 0 turns tracing off entirely
 * @param otlpEndpoint  where spans are exported: {@code host:port} or {@code http://host:port} for OTLP/gRPC, a URL
 *                      ending in {@code /v1/traces} for OTLP/HTTP; empty to export nowhere
 */
public record TracingConfig(String serviceName, double samplingRatio, String otlpEndpoint) {

    /** The service name used when none is given. */
    public static final String DEFAULT_SERVICE_NAME = "cairn";

    public TracingConfig {
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(otlpEndpoint, "otlpEndpoint");
        if (!(samplingRatio >= 0 && samplingRatio <= 1)) {
            throw new IllegalArgumentException("--trace-sampling-ratio must be between 0 and 1, got " + samplingRatio);
        }
        if (serviceName.isBlank()) {
            throw new IllegalArgumentException("the tracing service name must not be blank");
        }
    }

    /** Tracing for the default service name. */
    public static TracingConfig of(double samplingRatio, String otlpEndpoint) {
        return new TracingConfig(DEFAULT_SERVICE_NAME, samplingRatio, otlpEndpoint);
    }

    /** This configuration for another service name. */
    public TracingConfig withServiceName(String name) {
        return new TracingConfig(name, samplingRatio, otlpEndpoint);
    }

    /** Whether any span can be recorded. */
    public boolean enabled() {
        return samplingRatio > 0;
    }
}
