package io.cairn.kv.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.google.protobuf.ByteString;
import io.cairn.kv.server.apply.Applier;
import io.cairn.kv.server.rpc.RequestTracing;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.TxnRequest;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Request spans: a request carrying a sampled W3C {@code traceparent} is recorded as a server span of the caller's
 * trace; with {@code --trace-sampling-ratio 0} nothing is recorded; a slow read's warning names its trace, and a
 * write is timed by its apply alone, as etcd times it.
 */
class RequestTracingTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT_SPAN_ID = "00f067aa0ba902b7";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + PARENT_SPAN_ID + "-01";

    @TempDir
    Path dir;

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

    @AfterEach
    void closeExporter() {
        exporter.reset();
    }

    @Test
    void aSampledRequestIsAServerSpanOfTheCallersTrace() {
        try (EmbeddedServer s = server(0.01, Duration.ZERO)) {
            put(s, traced(s));

            assertThat(exporter.getFinishedSpanItems()).singleElement().satisfies(span -> {
                assertThat(span.getName()).isEqualTo("etcdserverpb.KV/Put");
                assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
                assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
                assertThat(span.getParentSpanId()).isEqualTo(PARENT_SPAN_ID);
                assertThat(span.getAttributes().asMap().toString()).contains("rpc.grpc.status_code=0");
                assertThat(span.getResource().getAttribute(
                        io.opentelemetry.api.common.AttributeKey.stringKey("service.name"))).isEqualTo("cairn-kv");
            });
        }
    }

    @Test
    void withRatioOneARequestWithoutParentStartsItsOwnTrace() {
        try (EmbeddedServer s = server(1.0, Duration.ZERO)) {
            put(s, KVGrpc.newBlockingStub(s.channel));

            List<SpanData> spans = exporter.getFinishedSpanItems();
            assertThat(spans).singleElement().satisfies(span -> {
                assertThat(span.getTraceId()).isNotEqualTo(TRACE_ID);
                assertThat(span.getParentSpanContext().isValid()).isFalse();
            });
        }
    }

    @Test
    void ratioZeroRecordsNothingEvenForASampledCaller() {
        try (EmbeddedServer s = server(0, Duration.ZERO)) {
            put(s, traced(s));
            put(s, KVGrpc.newBlockingStub(s.channel));

            assertThat(exporter.getFinishedSpanItems()).isEmpty();
        }
    }

    @Test
    void aSlowReadIsLoggedWithItsTraceId() {
        List<ILoggingEvent> events = slowRequestWarnings(Duration.ofNanos(1), s -> traced(s).range(
                RangeRequest.newBuilder().setKey(ByteString.copyFromUtf8("k")).build()));

        assertThat(from(RequestTracing.class, events)).singleElement().satisfies(event -> {
            assertThat(event.getMDCPropertyMap()).containsEntry("trace_id", TRACE_ID);
            assertThat(event.getKeyValuePairs().toString()).contains("etcdserverpb.KV/Range");
        });
    }

    @Test
    void aReadOnlyTxnIsTimedAsARead() {
        TxnRequest readOnly = TxnRequest.newBuilder().addSuccess(RequestOp.newBuilder().setRequestRange(
                RangeRequest.newBuilder().setKey(ByteString.copyFromUtf8("k")))).build();
        List<ILoggingEvent> events = slowRequestWarnings(Duration.ofNanos(1), s -> traced(s).txn(readOnly));

        assertThat(from(RequestTracing.class, events)).singleElement().satisfies(event ->
                assertThat(event.getKeyValuePairs().toString()).contains("etcdserverpb.KV/Txn"));
        assertThat(from(Applier.class, events)).noneMatch(e -> e.getKeyValuePairs().toString().contains("txn"));
    }

    @Test
    void aWriteIsTimedByItsApplyAloneAsEtcdDoes() {
        List<ILoggingEvent> events = slowRequestWarnings(Duration.ofNanos(1), s -> put(s, traced(s)));

        // once, from the apply loop, with what the entry asked for; not again for the whole request
        assertThat(from(RequestTracing.class, events)).isEmpty();
        assertThat(from(Applier.class, events)).filteredOn(e -> e.getKeyValuePairs().toString().contains("put"))
                .singleElement().satisfies(event -> assertThat(event.getKeyValuePairs().toString())
                        .contains("request=\"put key=\"k\" value_size=1\""));
    }

    @Test
    void aWriteFasterThanTheThresholdIsNotLoggedHoweverLongItsRaftRound() {
        // an hour: no apply takes that long, whatever the request waited for
        List<ILoggingEvent> events = slowRequestWarnings(Duration.ofHours(1), s -> put(s, traced(s)));

        assertThat(events).isEmpty();
    }

    private static List<ILoggingEvent> from(Class<?> logger, List<ILoggingEvent> events) {
        return events.stream().filter(e -> e.getLoggerName().equals(logger.getName())).toList();
    }

    /** The "apply request took too long" lines logged while {@code calls} ran against a fresh server. */
    private List<ILoggingEvent> slowRequestWarnings(Duration warnAfter, java.util.function.Consumer<EmbeddedServer> calls) {
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(events);
        try (EmbeddedServer s = server(0.01, warnAfter)) {
            calls.accept(s);
        } finally {
            root.detachAppender(events);
        }
        return events.list.stream().filter(e -> e.getFormattedMessage().equals("apply request took too long"))
                .toList();
    }

    private EmbeddedServer server(double ratio, Duration warnAfter) {
        return new EmbeddedServer(dir, builder -> builder.observability(ObservabilityConfig.defaults()
                .withTracing(ratio, "").withSpanExporter(exporter).withWarningApplyDuration(warnAfter))).start();
    }

    /** A stub whose calls carry {@link #TRACEPARENT}, as an instrumented client sends it. */
    private static KVGrpc.KVBlockingStub traced(EmbeddedServer s) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER), TRACEPARENT);
        return KVGrpc.newBlockingStub(s.channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private static void put(EmbeddedServer s, KVGrpc.KVBlockingStub kv) {
        kv.put(PutRequest.newBuilder().setKey(ByteString.copyFromUtf8("k")).setValue(ByteString.copyFromUtf8("v"))
                .build());
    }
}
