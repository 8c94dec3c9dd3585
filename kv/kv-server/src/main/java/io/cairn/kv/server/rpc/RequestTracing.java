package io.cairn.kv.server.rpc;

import io.cairn.kv.server.txn.TxnOp;
import io.cairn.observe.tracing.RequestSpan;
import io.cairn.observe.tracing.Tracing;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.TxnRequest;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A span per gRPC request, continuing the caller's W3C {@code traceparent}, and etcd's
 * {@code "apply request took too long"} warning for reads ({@code Range}, read-only {@code Txn}) slower than
 * {@code --warning-apply-duration}, from arrival to answer as etcd times them.
 *
 * <p>Why one interceptor: the warning names the request's trace id when it has one, so that the slow request's
 * trace can be looked up. The span is current on the thread while the request's handler runs, so the handler's
 * log lines carry the trace id too. With tracing off the span is a shared no-op and the metadata is not read.
 * Writes are timed where etcd times them, at the apply loop (see {@code SlowApplies}): their time here includes
 * the Raft round, and under load nearly every write would pass the threshold.
 */
public final class RequestTracing implements ServerInterceptor {
    private static final Logger LOG = LoggerFactory.getLogger(RequestTracing.class);
    private static final Metadata.Key<String> TRACEPARENT =
            Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> TRACESTATE =
            Metadata.Key.of("tracestate", Metadata.ASCII_STRING_MARSHALLER);

    private static final String RANGE = KVGrpc.getRangeMethod().getFullMethodName();

    private final Tracing tracing;
    private final long warnAfterNanos;
    private final LongSupplier nanoClock;

    /**
     * @param tracing     starts the spans ({@link Tracing#disabled()} for none)
     * @param warnAfter   unary requests slower than this are logged; zero turns the warning off
     * @param nanoClock   measures the requests
     */
    public RequestTracing(Tracing tracing, Duration warnAfter, LongSupplier nanoClock) {
        this.tracing = tracing;
        this.warnAfterNanos = warnAfter.isZero() || warnAfter.isNegative() ? Long.MAX_VALUE : warnAfter.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Whether this interceptor does anything (tracing on, or the slow-request warning on). */
    public boolean active() {
        return tracing.enabled() || warnAfterNanos != Long.MAX_VALUE;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                      ServerCallHandler<Q, R> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        RequestSpan span = tracing.serverSpan(method, tracing.enabled() ? carrier(headers) : Map.of());
        if (span.sampled()) {
            span.attribute("rpc.system", "grpc");
            span.attribute("rpc.method", method);
        }
        TracedCall<Q, R> traced = new TracedCall<>(call, span, nanoClock.getAsLong());
        if (method.equals(RANGE)) {
            traced.read = true;
        }
        ServerCall.Listener<Q> listener;
        try (RequestSpan.Activation ignored = span.activate()) {
            listener = next.startCall(traced, headers);
        }
        return new TracedListener<>(listener, span, traced);
    }

    private static Map<String, String> carrier(Metadata headers) {
        Map<String, String> carrier = new HashMap<>(4);
        String parent = headers.get(TRACEPARENT);
        if (parent != null) {
            carrier.put("traceparent", parent);
            String state = headers.get(TRACESTATE);
            if (state != null) {
                carrier.put("tracestate", state);
            }
        }
        return carrier;
    }

    private final class TracedCall<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {
        private final RequestSpan span;
        private final long started;
        /** A read: timed here (a write is timed at the apply loop). */
        private volatile boolean read;

        TracedCall(ServerCall<Q, R> call, RequestSpan span, long started) {
            super(call);
            this.span = span;
            this.started = started;
        }

        @Override
        public void close(Status status, Metadata trailers) {
            long took = nanoClock.getAsLong() - started;
            if (span.sampled()) {
                span.attribute("rpc.grpc.status_code", status.getCode().value());
                if (!status.isOk()) {
                    span.fail(status.getCode() + (status.getDescription() == null ? ""
                            : ": " + status.getDescription()));
                }
            }
            if (read && took > warnAfterNanos) {
                warn(took, status);
            }
            span.close();
            super.close(status, trailers);
        }

        private void warn(long took, Status status) {
            try (RequestSpan.Activation ignored = span.activate()) {
                LOG.atWarn().setMessage("apply request took too long")
                        .addKeyValue("took", Duration.ofNanos(took))
                        .addKeyValue("expected-duration", Duration.ofNanos(warnAfterNanos))
                        .addKeyValue("method", getMethodDescriptor().getFullMethodName())
                        .addKeyValue("code", status.getCode())
                        .log();
            }
        }
    }

    private static final class TracedListener<Q>
            extends ForwardingServerCallListener.SimpleForwardingServerCallListener<Q> {
        private final RequestSpan span;
        private final TracedCall<Q, ?> call;

        TracedListener(ServerCall.Listener<Q> delegate, RequestSpan span, TracedCall<Q, ?> call) {
            super(delegate);
            this.span = span;
            this.call = call;
        }

        @Override
        public void onMessage(Q message) {
            if (message instanceof TxnRequest txn && TxnOp.isReadOnly(txn)) {
                call.read = true;
            }
            try (RequestSpan.Activation ignored = span.activate()) {
                super.onMessage(message);
            }
        }

        @Override
        public void onHalfClose() {
            try (RequestSpan.Activation ignored = span.activate()) {
                super.onHalfClose();
            }
        }

        @Override
        public void onCancel() {
            span.fail("CANCELLED: the client canceled the request");
            span.close();
            super.onCancel();
        }
    }
}
