package io.cairn.observe.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import org.slf4j.MDC;

/** A {@link RequestSpan} on an OpenTelemetry span. */
final class SdkSpan implements RequestSpan {

    /** The MDC key log layouts read the trace id from. */
    static final String TRACE_ID_KEY = "trace_id";

    private final Span span;

    SdkSpan(Span span) {
        this.span = span;
    }

    @Override
    public String traceId() {
        return sampled() ? span.getSpanContext().getTraceId() : "";
    }

    @Override
    public boolean sampled() {
        return span.getSpanContext().isSampled();
    }

    @Override
    public RequestSpan attribute(String key, String value) {
        span.setAttribute(key, value);
        return this;
    }

    @Override
    public RequestSpan attribute(String key, long value) {
        span.setAttribute(key, value);
        return this;
    }

    @Override
    public RequestSpan fail(String description) {
        span.setStatus(StatusCode.ERROR, description);
        return this;
    }

    @Override
    public RequestSpan fail(Throwable error) {
        span.recordException(error);
        span.setStatus(StatusCode.ERROR, error.getMessage() == null ? error.getClass().getName() : error.getMessage());
        return this;
    }

    @Override
    public Activation activate() {
        Scope scope = span.makeCurrent();
        if (!sampled()) {
            return scope::close;
        }
        String previous = MDC.get(TRACE_ID_KEY);
        MDC.put(TRACE_ID_KEY, span.getSpanContext().getTraceId());
        return () -> {
            if (previous == null) {
                MDC.remove(TRACE_ID_KEY);
            } else {
                MDC.put(TRACE_ID_KEY, previous);
            }
            scope.close();
        };
    }

    @Override
    public void close() {
        span.end();
    }
}
