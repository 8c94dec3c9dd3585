package io.cairn.client;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * One client call's span, trace headers and (for writes) audit record.
 *
 * <p>Why: tracing and audit wrap the call the caller made (an update with its re-reads and retries), not each HTTP
 * attempt; the same {@code traceparent} rides on every attempt so the server's logs join up under one trace.
 */
final class CallScope {
    private final KubeClusterClient client;
    private final String verb;
    private final ObjectRef ref;
    private final boolean mutating;
    private final Span span;
    private final Map<String, String> headers = new HashMap<>();
    private final String traceId;
    private final Instant started;
    private final long startNanos;
    int attempts;

    CallScope(KubeClusterClient client, Tracer tracer, String verb, ObjectRef ref, String resource, String namespace,
              boolean mutating) {
        this.client = client;
        this.verb = verb;
        this.ref = ref;
        this.mutating = mutating;
        ClientConfig c = client.config();
        this.started = c.clock().instant();
        this.startNanos = c.ticker().nanos();
        this.span = tracer.spanBuilder("kube " + verb + " " + resource).setSpanKind(SpanKind.CLIENT)
                .setAttribute("k8s.cluster.name", c.name()).setAttribute("k8s.resource", resource)
                .setAttribute("k8s.namespace.name", namespace)
                .setAttribute("k8s.object.name", ref == null ? "" : ref.name()).startSpan();
        if (span.getSpanContext().isValid()) {
            W3CTraceContextPropagator.getInstance().inject(Context.current().with(span), headers, Map::put);
            traceId = span.getSpanContext().getTraceId();
        } else {
            byte[] t = new byte[16];
            byte[] s = new byte[8];
            synchronized (c.random()) {
                c.random().nextBytes(t);
                c.random().nextBytes(s);
            }
            traceId = HexFormat.of().formatHex(t);
            headers.put("traceparent", "00-" + traceId + "-" + HexFormat.of().formatHex(s) + "-00");
        }
        if (c.impersonate() && !c.operator().isEmpty()) {
            headers.put("Impersonate-User", c.operator());
        }
    }

    Map<String, String> headers() {
        return headers;
    }

    String traceId() {
        return traceId;
    }

    /** Ends the span and, for a write, records the audit entry. */
    void finish(String resourceVersion, Throwable failure) {
        String outcome = failure == null ? "success" : outcome(failure);
        if (failure != null) {
            span.setStatus(StatusCode.ERROR, outcome);
            span.recordException(failure);
        }
        span.setAttribute("k8s.resource_version", resourceVersion);
        span.end();
        if (!mutating) {
            return;
        }
        ClientConfig c = client.config();
        AuditRecord r = new AuditRecord(started, c.name(), verb, resource(), ref.namespace(), ref.name(),
                resourceVersion, outcome, Duration.ofNanos(c.ticker().nanos() - startNanos), attempts, c.operator(),
                traceId);
        try {
            c.audit().record(r);
        } catch (RuntimeException e) {
            KubeClusterClient.LOG.warn("audit sink failed for {}", r, e);
        }
    }

    private String resource() {
        ResourceType t = ref.type();
        return t.group().isEmpty() ? t.plural() : t.plural() + "." + t.group();
    }

    private static String outcome(Throwable failure) {
        return switch (failure) {
            case ClientException.Status s -> s.reason();
            case ClientException.DeadlineExceeded d -> "DeadlineExceeded";
            case ClientException.Cancelled d -> "Cancelled";
            case ClientException.Invalid d -> "Invalid";
            case ClientException.Transport d -> "TransportError";
            default -> failure.getClass().getSimpleName();
        };
    }
}
