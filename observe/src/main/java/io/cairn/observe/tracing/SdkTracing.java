package io.cairn.observe.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/** {@link Tracing} on an OpenTelemetry SDK tracer provider owned by this instance (nothing global is set). */
final class SdkTracing implements Tracing {

    private static final String INSTRUMENTATION_SCOPE = "io.cairn.observe";

    private final SdkTracerProvider provider;
    private final Tracer tracer;
    private final TextMapPropagator propagator = W3CTraceContextPropagator.getInstance();

    /** The clock and id generator are injected so that tests can fix timestamps and which traces are sampled. */
    SdkTracing(TracingConfig config, SpanProcessor processor, Clock clock, IdGenerator ids) {
        Objects.requireNonNull(processor, "processor");
        this.provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(
                        Attributes.of(AttributeKey.stringKey("service.name"), config.serviceName()))))
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(config.samplingRatio())))
                .setClock(clock)
                .setIdGenerator(ids)
                .addSpanProcessor(processor)
                .build();
        this.tracer = provider.get(INSTRUMENTATION_SCOPE);
    }

    static SdkTracing withProcessor(TracingConfig config, SpanProcessor processor) {
        return new SdkTracing(config, processor, Clock.getDefault(), IdGenerator.random());
    }

    static SdkTracing withExporter(TracingConfig config, SpanExporter exporter) {
        return withProcessor(config, SimpleSpanProcessor.create(exporter));
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public RequestSpan serverSpan(String name, Map<String, String> headers) {
        Context parent = propagator.extract(Context.root(), headers, HeaderGetter.INSTANCE);
        return new SdkSpan(tracer.spanBuilder(name).setSpanKind(SpanKind.SERVER).setParent(parent).startSpan());
    }

    @Override
    public RequestSpan span(String name) {
        return new SdkSpan(tracer.spanBuilder(name).startSpan());
    }

    @Override
    public void close() {
        provider.shutdown().join(5, TimeUnit.SECONDS);
    }
}
