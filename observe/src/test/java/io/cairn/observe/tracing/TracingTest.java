package io.cairn.observe.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class TracingTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT_SPAN_ID = "00f067aa0ba902b7";
    private static final String SAMPLED_PARENT = "00-" + TRACE_ID + "-" + PARENT_SPAN_ID + "-01";

    // Closing the tracing shuts the in-memory exporter down, which drops what it holds: assert before.
    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final Tracing tracing = Tracing.create(TracingConfig.of(1.0, ""), exporter);

    @AfterEach
    void close() {
        tracing.close();
        MDC.clear();
    }

    @Test
    void aSampledServerSpanContinuesTheIncomingTraceparent() {
        try (RequestSpan span = tracing.serverSpan("etcdserverpb.KV/Put", Map.of("traceparent", SAMPLED_PARENT))) {
            span.attribute("key_count", 1).attribute("rpc.system", "grpc");
            assertThat(span.sampled()).isTrue();
            assertThat(span.traceId()).isEqualTo(TRACE_ID);
        }

        List<SpanData> spans = exporter.getFinishedSpanItems();
        assertThat(spans).hasSize(1);
        SpanData span = spans.get(0);
        assertThat(span.getName()).isEqualTo("etcdserverpb.KV/Put");
        assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(span.getParentSpanId()).isEqualTo(PARENT_SPAN_ID);
        assertThat(span.getParentSpanContext().isRemote()).isTrue();
        assertThat(span.getResource().getAttributes().asMap().toString()).contains("service.name=cairn");
    }

    @Test
    void headerNamesAreMatchedWithoutRegardToCase() {
        tracing.serverSpan("GET /health", Map.of("Traceparent", SAMPLED_PARENT)).close();

        assertThat(exporter.getFinishedSpanItems()).singleElement()
                .satisfies(span -> assertThat(span.getTraceId()).isEqualTo(TRACE_ID));
    }

    @Test
    void theParentsNotSampledFlagWinsOverTheRatio() {
        RequestSpan span = tracing.serverSpan("etcdserverpb.KV/Range",
                Map.of("traceparent", "00-" + TRACE_ID + "-" + PARENT_SPAN_ID + "-00"));
        span.close();

        assertThat(span.sampled()).isFalse();
        assertThat(span.traceId()).isEmpty();
        assertThat(exporter.getFinishedSpanItems()).isEmpty();
    }

    @Test
    void withoutAValidTraceparentANewTraceIsStartedAndChildSpansJoinIt() {
        try (RequestSpan server = tracing.serverSpan("etcdserverpb.KV/Txn", Map.of("traceparent", "garbage"));
             RequestSpan.Activation active = server.activate()) {
            tracing.span("apply").fail(new IllegalStateException("boom")).close();
        }

        List<SpanData> spans = exporter.getFinishedSpanItems();
        assertThat(spans).hasSize(2);
        SpanData child = spans.get(0);
        SpanData server = spans.get(1);
        assertThat(server.getParentSpanContext().isValid()).isFalse();
        assertThat(child.getTraceId()).isEqualTo(server.getTraceId());
        assertThat(child.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(child.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(child.getEvents()).extracting(EventData::getName).contains("exception");
    }

    @Test
    void anActiveSampledSpanPutsItsTraceIdInTheMdcAndRestoresItAfter() {
        MDC.put("trace_id", "outer");
        try (RequestSpan span = tracing.serverSpan("x", Map.of("traceparent", SAMPLED_PARENT))) {
            try (RequestSpan.Activation active = span.activate()) {
                assertThat(MDC.get("trace_id")).isEqualTo(TRACE_ID);
            }
            assertThat(MDC.get("trace_id")).isEqualTo("outer");
        }
    }

    @Test
    void ratioZeroRecordsNothingAndHandsOutTheSharedNoopSpan() {
        InMemorySpanExporter unused = InMemorySpanExporter.create();
        try (Tracing off = Tracing.create(TracingConfig.of(0, "localhost:4317"), unused)) {
            RequestSpan span = off.serverSpan("etcdserverpb.KV/Put", Map.of("traceparent", SAMPLED_PARENT));
            try (RequestSpan.Activation active = span.activate()) {
                assertThat(MDC.get("trace_id")).isNull();
            }
            span.close();

            assertThat(off.enabled()).isFalse();
            assertThat(span).isSameAs(off.span("other"));
            assertThat(span.sampled()).isFalse();
            assertThat(span.traceId()).isEmpty();
            assertThat(unused.getFinishedSpanItems()).isEmpty();
        }
        assertThat(Tracing.create(0, "")).isSameAs(Tracing.disabled());
    }

    @Test
    void ratiosOutsideZeroToOneAreRefused() {
        assertThatThrownBy(() -> TracingConfig.of(1.5, "")).hasMessageContaining("--trace-sampling-ratio");
        assertThatThrownBy(() -> TracingConfig.of(Double.NaN, "")).isInstanceOf(IllegalArgumentException.class);
    }
}
