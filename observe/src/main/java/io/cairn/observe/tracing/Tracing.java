package io.cairn.observe.tracing;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Map;

/**
 * A component's tracer: starts a span per request, continuing the caller's trace when the request carries a W3C
 * {@code traceparent}.
 *
 * <p>Why: a request's path through the API, the Raft log and the storage engine is what an operator needs when it
 * is slow; the sampler keeps the cost proportional to the ratio, and ratio 0 means no tracing work at all (the
 * incoming headers are not even read).
 * <pre>{@code
 * Tracing tracing = Tracing.create(TracingConfig.of(0.01, "localhost:4317").withServiceName("cairn-kv"));
 * try (RequestSpan span = tracing.serverSpan("etcdserverpb.KV/Put", headers);
 *      RequestSpan.Activation active = span.activate()) {
 *     ... handle the request; log lines carry span.traceId() as trace_id ...
 * }
 * }</pre>
 */
public interface Tracing extends AutoCloseable {

    /** Tracing per the {@code --trace-sampling-ratio} and {@code --trace-otlp-endpoint} flags. */
    static Tracing create(double samplingRatio, String otlpEndpoint) {
        return create(TracingConfig.of(samplingRatio, otlpEndpoint));
    }

    /** Tracing with OTLP export to the configured endpoint (none if it is empty); a no-op when the ratio is 0. */
    static Tracing create(TracingConfig config) {
        if (!config.enabled()) {
            return DisabledTracing.INSTANCE;
        }
        return SdkTracing.withProcessor(config, OtlpExport.processor(config.otlpEndpoint()));
    }

    /**
     * Tracing that hands each ended span to {@code exporter} synchronously, ignoring the configured endpoint; for
     * tests (an in-memory exporter) and in-process collectors. A no-op when the ratio is 0.
     */
    static Tracing create(TracingConfig config, SpanExporter exporter) {
        if (!config.enabled()) {
            return DisabledTracing.INSTANCE;
        }
        return SdkTracing.withExporter(config, exporter);
    }

    /** Tracing that records nothing and costs nothing. */
    static Tracing disabled() {
        return DisabledTracing.INSTANCE;
    }

    /** Whether spans can be recorded at all. */
    boolean enabled();

    /**
     * Starts the server span of an incoming request, as a child of the {@code traceparent} (and {@code tracestate})
     * in {@code headers} if there is a valid one, else as the root of a new trace. Header names are matched without
     * regard to case. The span is sampled per the parent's flag, or per the ratio for a new trace.
     *
     * @param name    the span name, e.g. the gRPC full method name
     * @param headers the request's headers or gRPC metadata
     */
    RequestSpan serverSpan(String name, Map<String, String> headers);

    /** Starts an internal span, a child of the span active on this thread (a root if none is). */
    RequestSpan span(String name);

    /** Exports the spans not exported yet and stops; idempotent. */
    @Override
    void close();
}
