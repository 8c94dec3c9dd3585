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
 * Carries the caller's etcd auth {@code token} (and, for a caller known by its client certificate, the member's
 * {@link ConcurrencyServices#FORWARDED_USER} header) from a Lock or Election call onto the loopback calls it
 * makes.
 *
 * <p>Why: etcd's in-process client hands the server the caller's own request context, so the recipes' KV, Lease
 * and Watch calls are authorised as the caller. Over a loopback channel the token must be copied explicitly: the
 * server side stores it in the gRPC {@link Context}, which the waits inherit, and the client side adds it back.
 */
final class CallerToken {

    /** The metadata key etcd clients send their auth token in. */
    static final Metadata.Key<String> TOKEN = Metadata.Key.of("token", Metadata.ASCII_STRING_MARSHALLER);

    private static final Context.Key<String> CURRENT = Context.key("cairn-caller-token");
    private static final Context.Key<String> CURRENT_USER = Context.key("cairn-caller-forwarded-user");

    private CallerToken() {
    }

    /** Remembers the incoming token, if any, in the call's context. */
    static ServerInterceptor capture() {
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                               ServerCallHandler<Q, R> next) {
                String token = headers.get(TOKEN);
                String user = headers.get(ConcurrencyServices.FORWARDED_USER);
                if (token == null && user == null) {
                    return next.startCall(call, headers);
                }
                Context c = Context.current();
                if (token != null) {
                    c = c.withValue(CURRENT, token);
                }
                if (user != null) {
                    c = c.withValue(CURRENT_USER, user);
                }
                return Contexts.interceptCall(c, call, headers, next);
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
                String user = CURRENT_USER.get();
                ClientCall<Q, R> call = next.newCall(method, options);
                if (token == null && user == null) {
                    return call;
                }
                return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
                    @Override
                    public void start(Listener<R> listener, Metadata headers) {
                        if (token != null) {
                            headers.put(TOKEN, token);
                        }
                        if (user != null) {
                            headers.put(ConcurrencyServices.FORWARDED_USER, user);
                        }
                        super.start(listener, headers);
                    }
                };
            }
        };
    }
}
