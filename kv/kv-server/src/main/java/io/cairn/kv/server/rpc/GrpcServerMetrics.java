package io.cairn.kv.server.rpc;

import com.google.protobuf.MessageLite;
import io.cairn.observe.metrics.Counter;
import io.cairn.observe.metrics.CounterFamily;
import io.cairn.observe.metrics.Metrics;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * The gRPC server metrics etcd exports through go-grpc-prometheus — {@code grpc_server_started_total},
 * {@code grpc_server_handled_total}, {@code grpc_server_msg_received_total}, {@code grpc_server_msg_sent_total},
 * labelled {@code grpc_type}, {@code grpc_service}, {@code grpc_method} (and {@code grpc_code}) — and etcd's own
 * {@code etcd_network_client_grpc_received_bytes_total} / {@code _sent_bytes_total}.
 *
 * <p>Why: etcd dashboards and alerts (error ratios, request rates per method) are written against these series.
 * As go-grpc-prometheus does, every method of the served services is registered up front with every status code,
 * so the series exist at 0 before the first call; a call then finds its method's counters with one map lookup and
 * records without allocating.
 */
public final class GrpcServerMetrics implements ServerInterceptor {

    private final CounterFamily started;
    private final CounterFamily handled;
    private final CounterFamily received;
    private final CounterFamily sent;
    private final Counter receivedBytes;
    private final Counter sentBytes;
    private final Map<String, MethodCounters> methods = new ConcurrentHashMap<>();

    private GrpcServerMetrics(Metrics metrics) {
        started = metrics.counterFamily("grpc_server_started_total",
                "Total number of RPCs started on the server.", "grpc_type", "grpc_service", "grpc_method");
        handled = metrics.counterFamily("grpc_server_handled_total",
                "Total number of RPCs completed on the server, regardless of success or failure.",
                "grpc_type", "grpc_service", "grpc_method", "grpc_code");
        received = metrics.counterFamily("grpc_server_msg_received_total",
                "Total number of RPC stream messages received on the server.",
                "grpc_type", "grpc_service", "grpc_method");
        sent = metrics.counterFamily("grpc_server_msg_sent_total",
                "Total number of gRPC stream messages sent by the server.",
                "grpc_type", "grpc_service", "grpc_method");
        receivedBytes = metrics.counter("etcd_network_client_grpc_received_bytes_total",
                "The total number of bytes received from grpc clients.");
        sentBytes = metrics.counter("etcd_network_client_grpc_sent_bytes_total",
                "The total number of bytes sent to grpc clients.");
    }

    /** Registers the families on {@code metrics}. */
    public static GrpcServerMetrics register(Metrics metrics) {
        return new GrpcServerMetrics(metrics);
    }

    /** Creates the series of every method of {@code services}, at 0. */
    public void preRegister(List<ServerServiceDefinition> services) {
        for (ServerServiceDefinition service : services) {
            for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
                counters(method.getMethodDescriptor());
            }
        }
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                      ServerCallHandler<Q, R> next) {
        MethodCounters counters = counters(call.getMethodDescriptor());
        counters.started.inc();
        MonitoredCall<Q, R> monitored = new MonitoredCall<>(call, counters, sentBytes);
        return new MonitoredListener<>(next.startCall(monitored, headers), monitored, counters, receivedBytes);
    }

    private MethodCounters counters(MethodDescriptor<?, ?> method) {
        MethodCounters counters = methods.get(method.getFullMethodName());
        return counters != null ? counters : methods.computeIfAbsent(method.getFullMethodName(), name -> bind(method));
    }

    private MethodCounters bind(MethodDescriptor<?, ?> method) {
        String type = type(method.getType());
        String service = method.getServiceName() == null ? "unknown" : method.getServiceName();
        String name = method.getBareMethodName() == null ? method.getFullMethodName() : method.getBareMethodName();
        Status.Code[] codes = Status.Code.values();
        Counter[] byCode = new Counter[codes.length];
        for (Status.Code code : codes) {
            byCode[code.ordinal()] = handled.labels(type, service, name, codeName(code));
        }
        return new MethodCounters(started.labels(type, service, name), byCode, received.labels(type, service, name),
                sent.labels(type, service, name));
    }

    /** go-grpc-prometheus's names: {@code unary}, {@code client_stream}, {@code server_stream}, {@code bidi_stream}. */
    static String type(MethodDescriptor.MethodType type) {
        return switch (type) {
            case UNARY -> "unary";
            case CLIENT_STREAMING -> "client_stream";
            case SERVER_STREAMING -> "server_stream";
            case BIDI_STREAMING, UNKNOWN -> "bidi_stream";
        };
    }

    /** Go's code names, as go-grpc-prometheus writes them: {@code OK}, {@code Canceled}, {@code InvalidArgument}... */
    static String codeName(Status.Code code) {
        if (code == Status.Code.OK) {
            return "OK";
        }
        if (code == Status.Code.CANCELLED) {
            return "Canceled"; // Go spells it with one l
        }
        StringBuilder name = new StringBuilder();
        for (String word : code.name().split("_")) {
            name.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return name.toString();
    }

    private static long size(Object message) {
        return message instanceof MessageLite m ? m.getSerializedSize() : 0;
    }

    private record MethodCounters(Counter started, Counter[] handled, Counter received, Counter sent) {
    }

    private static final class MonitoredCall<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {
        private static final AtomicIntegerFieldUpdater<MonitoredCall> DONE =
                AtomicIntegerFieldUpdater.newUpdater(MonitoredCall.class, "done");

        private final MethodCounters counters;
        private final Counter sentBytes;
        private volatile int done;

        MonitoredCall(ServerCall<Q, R> call, MethodCounters counters, Counter sentBytes) {
            super(call);
            this.counters = counters;
            this.sentBytes = sentBytes;
        }

        @Override
        public void sendMessage(R message) {
            counters.sent.inc();
            sentBytes.inc(size(message));
            super.sendMessage(message);
        }

        @Override
        public void close(Status status, Metadata trailers) {
            finished(status.getCode());
            super.close(status, trailers);
        }

        void finished(Status.Code code) {
            if (DONE.compareAndSet(this, 0, 1)) {
                counters.handled[code.ordinal()].inc();
            }
        }
    }

    private static final class MonitoredListener<Q>
            extends ForwardingServerCallListener.SimpleForwardingServerCallListener<Q> {
        private final MonitoredCall<Q, ?> call;
        private final MethodCounters counters;
        private final Counter receivedBytes;

        MonitoredListener(ServerCall.Listener<Q> delegate, MonitoredCall<Q, ?> call, MethodCounters counters,
                          Counter receivedBytes) {
            super(delegate);
            this.call = call;
            this.counters = counters;
            this.receivedBytes = receivedBytes;
        }

        @Override
        public void onMessage(Q message) {
            counters.received.inc();
            receivedBytes.inc(size(message));
            super.onMessage(message);
        }

        @Override
        public void onCancel() {
            call.finished(Status.Code.CANCELLED); // the client went away before the server answered
            super.onCancel();
        }
    }
}
