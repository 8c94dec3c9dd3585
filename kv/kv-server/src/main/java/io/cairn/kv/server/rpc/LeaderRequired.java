package io.cairn.kv.server.rpc;

import io.cairn.kv.api.EtcdError;
import io.cairn.kv.server.consensus.Consensus;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * Honours etcd's {@code hasleader} request metadata: a request that requires a leader fails with
 * {@code etcdserver: no leader} while this member has none.
 */
final class LeaderRequired implements ServerInterceptor {
    private static final Metadata.Key<String> HAS_LEADER =
            Metadata.Key.of("hasleader", Metadata.ASCII_STRING_MARSHALLER);

    private final Consensus consensus;

    LeaderRequired(Consensus consensus) {
        this.consensus = consensus;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        if ("true".equals(headers.get(HAS_LEADER)) && !consensus.hasLeader()) {
            call.close(EtcdError.NO_LEADER.status(), new Metadata());
            return new ServerCall.Listener<>() { };
        }
        return next.startCall(call, headers);
    }
}
