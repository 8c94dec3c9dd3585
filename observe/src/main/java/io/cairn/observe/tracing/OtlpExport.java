package io.cairn.observe.tracing;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * Turns {@code --trace-otlp-endpoint} into a batching span processor.
 *
 * <p>{@code host:port} (etcd's form) and {@code http(s)://host:port} use OTLP/gRPC; a URL whose path ends in
 * {@code /v1/traces} uses OTLP/HTTP with protobuf. An empty endpoint records spans (so trace ids reach the logs)
 * but exports nothing.
 */
final class OtlpExport {

    private OtlpExport() {
    }

    static SpanProcessor processor(String endpoint) {
        String trimmed = endpoint.strip();
        if (trimmed.isEmpty()) {
            return SpanProcessor.composite();
        }
        return BatchSpanProcessor.builder(exporter(trimmed)).build();
    }

    static SpanExporter exporter(String endpoint) {
        String url = endpoint.contains("://") ? endpoint : "http://" + endpoint;
        if (url.endsWith("/v1/traces")) {
            return OtlpHttpSpanExporter.builder().setEndpoint(url).build();
        }
        return OtlpGrpcSpanExporter.builder().setEndpoint(url).build();
    }
}
