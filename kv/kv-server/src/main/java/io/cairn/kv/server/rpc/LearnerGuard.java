package io.cairn.kv.server.rpc;

import io.cairn.kv.api.EtcdError;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.StatusRequest;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.util.function.BooleanSupplier;

/**
 * What a learner serves, as etcd decides it: Status, serializable Range and the Snapshot stream; every other call
 * (and every other stream) fails with {@code etcdserver: rpc not supported for learner}, so clients move on to a
 * voting member.
 */
final class LearnerGuard implements ServerInterceptor {
    private final BooleanSupplier learner;

    LearnerGuard(BooleanSupplier learner) {
        this.learner = learner;
    }

    static boolean supported(Object request) {
        return request instanceof StatusRequest || request instanceof RangeRequest r && r.getSerializable();
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        if (!learner.getAsBoolean()) {
            return next.startCall(call, headers);
        }
        if (call.getMethodDescriptor().getType() != MethodDescriptor.MethodType.UNARY
                && !call.getMethodDescriptor().getFullMethodName().equals("etcdserverpb.Maintenance/Snapshot")) {
            call.close(EtcdError.LEARNER_NOT_SUPPORTED.status(), new Metadata());
            return new ServerCall.Listener<>() { };
        }
        ServerCall.Listener<Q> delegate = next.startCall(call, headers);
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
            private boolean rejected;

            @Override
            public void onMessage(Q message) {
                if (!supported(message)) {
                    rejected = true;
                    call.close(EtcdError.LEARNER_NOT_SUPPORTED.status(), new Metadata());
                    return;
                }
                super.onMessage(message);
            }

            @Override
            public void onHalfClose() {
                if (!rejected) {
                    super.onHalfClose();
                }
            }
        };
    }
}
