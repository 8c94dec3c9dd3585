package io.cairn.kv.server.rpc;

import io.cairn.kv.server.apply.Command;
import io.cairn.kv.server.auth.AuthInfo;
import io.cairn.kv.server.auth.AuthStore;
import io.cairn.kv.server.errors.KvException;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.util.Optional;
import java.util.Set;

/**
 * Who a call is (etcd's {@code AuthInfoFromCtx}): the {@code token} metadata, else the client certificate's
 * common name, resolved lazily when a handler asks, so calls that need no identity never fail on a stale token.
 *
 * <p>Why an interceptor that only records: with auth disabled it passes the call through after one volatile
 * read; with auth enabled it keeps the raw credentials in the call's gRPC {@link Context}, where handlers (and
 * the Lock/Election recipes' loopback calls) find them.
 */
final class CallerAuth implements ServerInterceptor {

    static final Metadata.Key<String> TOKEN = Metadata.Key.of("token", Metadata.ASCII_STRING_MARSHALLER);

    private record Credentials(String token, Optional<String> commonName) {
    }

    private static final Context.Key<Credentials> CREDENTIALS = Context.key("cairn-auth-credentials");

    private static final Metadata.Key<String> FORWARDED_USER =
            io.cairn.kv.server.concurrency.ConcurrencyServices.FORWARDED_USER;

    private final AuthStore store;
    private final CommonNameSource commonNames;
    private final boolean trustForwardedUser;

    CallerAuth(AuthStore store, CommonNameSource commonNames) {
        this(store, commonNames, false);
    }

    private CallerAuth(AuthStore store, CommonNameSource commonNames, boolean trustForwardedUser) {
        this.store = store;
        this.commonNames = commonNames;
        this.trustForwardedUser = trustForwardedUser;
    }

    /**
     * The same resolution for the member's in-process loopback server, where a Lock or Election call's
     * certificate identity arrives as the {@code cairn-forwarded-user} header (no client can reach that server).
     */
    CallerAuth forLoopback() {
        return new CallerAuth(store, commonNames, true);
    }

    /**
     * For Lock and Election on the public server: drops any forwarded-user header a client sent and, for a caller
     * without a token, names its certificate identity for the recipes' loopback calls.
     */
    ServerInterceptor forwardingCaller() {
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                               ServerCallHandler<Q, R> next) {
                headers.discardAll(FORWARDED_USER);
                if (store.enabled() && headers.get(TOKEN) == null) {
                    commonNames.commonName(call).ifPresent(cn -> headers.put(FORWARDED_USER, cn));
                }
                return next.startCall(call, headers);
            }
        };
    }

    AuthStore store() {
        return store;
    }

    /** True while auth is enabled (one volatile read). */
    boolean enabled() {
        return store.enabled();
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        if (!store.enabled()) {
            return next.startCall(call, headers);
        }
        Optional<String> cn = trustForwardedUser ? Optional.ofNullable(headers.get(FORWARDED_USER))
                : commonNames.commonName(call);
        Credentials c = new Credentials(headers.get(TOKEN), cn);
        return Contexts.interceptCall(Context.current().withValue(CREDENTIALS, c), call, headers, next);
    }

    /**
     * The caller of the current call (to be asked on the call's thread, before any asynchronous hop):
     * {@link AuthInfo#NONE} without credentials.
     *
     * @throws KvException.InvalidAuthToken when the token is not valid
     */
    AuthInfo current() {
        Credentials c = CREDENTIALS.get();
        if (c == null) {
            return AuthInfo.NONE;
        }
        if (c.token() != null) {
            return store.authInfo(c.token());
        }
        return c.commonName().map(cn -> new AuthInfo(cn, store.revision())).orElse(AuthInfo.NONE);
    }

    /**
     * {@code command} as the log carries it: unchanged while auth is off, else with its sender, for the checks
     * at apply.
     */
    Command attribute(Command command) {
        if (!store.enabled()) {
            return command;
        }
        AuthInfo ai = current();
        return new Command.AsUser(ai.user(), ai.revision(), command);
    }

    /** etcd's unmapped auth error: code Unknown, the auth package's message. */
    private static io.grpc.Status rawStatus(KvException e) {
        String text = switch (e) {
            case KvException.UserNotFound x -> "user not found";
            case KvException.InvalidAuthToken x -> "invalid auth token";
            default -> e.getMessage();
        };
        return io.grpc.Status.UNKNOWN.withDescription("auth: " + text);
    }

    /**
     * etcd's root-only operations outside the Auth service (Maintenance Defragment, Snapshot, Hash, HashKV;
     * Cluster member changes): refused at call start unless the caller has the root role.
     *
     * @param rawErrors etcd 3.4's Maintenance service answers these refusals with the auth package's own error
     *                  text and code Unknown ({@code auth: permission denied}); its Cluster service maps them
     */
    ServerInterceptor adminOnly(Set<String> fullMethodNames, boolean rawErrors) {
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                               ServerCallHandler<Q, R> next) {
                if (!store.enabled() || !fullMethodNames.contains(call.getMethodDescriptor().getFullMethodName())) {
                    return next.startCall(call, headers);
                }
                try {
                    String token = headers.get(TOKEN);
                    AuthInfo ai = token != null ? store.authInfo(token)
                            : commonNames.commonName(call).map(cn -> new AuthInfo(cn, store.revision()))
                                    .orElse(AuthInfo.NONE);
                    store.checkAdmin(ai);
                } catch (KvException e) {
                    call.close(rawErrors ? rawStatus(e) : GrpcErrors.toStatus(e), new Metadata());
                    return new ServerCall.Listener<>() { };
                }
                return next.startCall(call, headers);
            }
        };
    }
}
