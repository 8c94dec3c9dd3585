package io.cairn.kv.server.concurrency;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * Carries the caller's etcd auth {@code token} from a Lock or Election call onto the loopback calls it makes.
 *
 * <p>Why: etcd's in-process client hands the server the caller's own request context, so the recipes' KV, Lease
 * and Watch calls are authorised as the caller. Over a loopback channel the token must be copied explicitly: the
 * server side stores it in the gRPC {@link Context}, which the waits inherit, and the client side adds it back.
 */
final class CallerToken {

    /** The metadata key etcd clients send their auth token in. */
    static final Metadata.Key<String> TOKEN = Metadata.Key.of("token", Metadata.ASCII_STRING_MARSHALLER);

    private static final Context.Key<String> CURRENT = Context.key("cairn-caller-token");

    private CallerToken() {
    }

    /** Remembers the incoming token, if any, in the call's context. */
    static ServerInterceptor capture() {
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                               ServerCallHandler<Q, R> next) {
                String token = headers.get(TOKEN);
                if (token == null) {
                    return next.startCall(call, headers);
                }
                return Contexts.interceptCall(Context.current().withValue(CURRENT, token), call, headers, next);
            }
        };
    }

    /** Sends the remembered token, if any, with each loopback call. */
    static ClientInterceptor forward() {
        return new ClientInterceptor() {
            @Override
            public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options,
                                                         Channel next) {
                String token = CURRENT.get();
                ClientCall<Q, R> call = next.newCall(method, options);
                if (token == null) {
                    return call;
                }
                return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
                    @Override
                    public void start(Listener<R> listener, Metadata headers) {
                        headers.put(TOKEN, token);
                        super.start(listener, headers);
                    }
                };
            }
        };
    }
}
