package io.cairn.kv.server.rpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import io.cairn.kv.server.apply.Command;
import io.cairn.kv.server.auth.AuthInfo;
import io.cairn.kv.server.auth.AuthStore;
import io.cairn.kv.server.auth.Passwords;
import io.cairn.kv.server.consensus.Consensus;
import io.cairn.kv.server.errors.KvException;
import io.cairn.kv.server.mvcc.MvccStore;
import io.etcd.jetcd.api.AuthDisableRequest;
import io.etcd.jetcd.api.AuthDisableResponse;
import io.etcd.jetcd.api.AuthEnableRequest;
import io.etcd.jetcd.api.AuthEnableResponse;
import io.etcd.jetcd.api.AuthGrpc;
import io.etcd.jetcd.api.AuthRoleAddRequest;
import io.etcd.jetcd.api.AuthRoleAddResponse;
import io.etcd.jetcd.api.AuthRoleDeleteRequest;
import io.etcd.jetcd.api.AuthRoleDeleteResponse;
import io.etcd.jetcd.api.AuthRoleGetRequest;
import io.etcd.jetcd.api.AuthRoleGetResponse;
import io.etcd.jetcd.api.AuthRoleGrantPermissionRequest;
import io.etcd.jetcd.api.AuthRoleGrantPermissionResponse;
import io.etcd.jetcd.api.AuthRoleListRequest;
import io.etcd.jetcd.api.AuthRoleListResponse;
import io.etcd.jetcd.api.AuthRoleRevokePermissionRequest;
import io.etcd.jetcd.api.AuthRoleRevokePermissionResponse;
import io.etcd.jetcd.api.AuthUserAddRequest;
import io.etcd.jetcd.api.AuthUserAddResponse;
import io.etcd.jetcd.api.AuthUserChangePasswordRequest;
import io.etcd.jetcd.api.AuthUserChangePasswordResponse;
import io.etcd.jetcd.api.AuthUserDeleteRequest;
import io.etcd.jetcd.api.AuthUserDeleteResponse;
import io.etcd.jetcd.api.AuthUserGetRequest;
import io.etcd.jetcd.api.AuthUserGetResponse;
import io.etcd.jetcd.api.AuthUserGrantRoleRequest;
import io.etcd.jetcd.api.AuthUserGrantRoleResponse;
import io.etcd.jetcd.api.AuthUserListRequest;
import io.etcd.jetcd.api.AuthUserListResponse;
import io.etcd.jetcd.api.AuthUserRevokeRoleRequest;
import io.etcd.jetcd.api.AuthUserRevokeRoleResponse;
import io.etcd.jetcd.api.AuthenticateRequest;
import io.etcd.jetcd.api.AuthenticateResponse;
import io.etcd.jetcd.api.ResponseHeader;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * etcd's {@code Auth} service. Changes go through the log (forwarded to the leader from any member) and are
 * checked there as etcd checks them; listings and gets are answered locally after a read barrier.
 *
 * <p>Authenticate checks the password here, on the member the client called (bcrypt, plus the
 * {@link LoginThrottle} wait after repeated failures), then proposes an entry without the password that makes
 * every member register the token.
 */
final class AuthService extends AuthGrpc.AuthImplBase {

    private static final int USER_ADD_OPTIONS = 3;
    private static final int USER_ADD_HASHED_PASSWORD = 4;
    private static final int CHANGE_PASSWORD_HASHED_PASSWORD = 3;
    private static final int AUTHENTICATE_SIMPLE_TOKEN = 3;
    private static final int AUTHENTICATE_ATTEMPTS = 5;

    private final AuthStore auth;
    private final CallerAuth callers;
    private final Proposer proposer;
    private final Consensus consensus;
    private final HeaderStamp headers;
    private final MvccStore store;
    private final Passwords passwords;
    private final Executor executor;
    private final LoginThrottle throttle = new LoginThrottle();

    AuthService(CallerAuth callers, Proposer proposer, Consensus consensus, HeaderStamp headers, MvccStore store,
                Passwords passwords, Executor executor) {
        this.auth = callers.store();
        this.callers = callers;
        this.proposer = proposer;
        this.consensus = consensus;
        this.headers = headers;
        this.store = store;
        this.passwords = passwords;
        this.executor = executor;
    }

    @SuppressWarnings("unchecked")
    private <T extends Message> T stamp(T m) {
        var field = m.getDescriptorForType().findFieldByName("header");
        ResponseHeader h = headers.stamp((ResponseHeader) m.getField(field), store.currentRevision());
        return (T) m.toBuilder().setField(field, h).build();
    }

    private <T extends Message> void change(Message request, StreamObserver<T> out) {
        proposer.<T>propose(new Command.AuthChange(request)).whenComplete((resp, e) -> answer(out, resp, e));
    }

    private <T extends Message> void answer(StreamObserver<T> out, T resp, Throwable e) {
        if (e != null) {
            out.onError(GrpcErrors.toException(e));
        } else {
            out.onNext(stamp(resp));
            out.onCompleted();
        }
    }

    /** A local read after a read barrier, as the caller (resolved now, on the call's thread). */
    private <T extends Message> void read(StreamObserver<T> out, Function<AuthInfo, T> body) {
        AuthInfo caller;
        try {
            caller = callers.current();
        } catch (KvException e) {
            out.onError(GrpcErrors.toException(e));
            return;
        }
        consensus.readBarrier().thenApplyAsync(v -> body.apply(caller), executor)
                .whenComplete((resp, e) -> answer(out, resp, e));
    }

    private static UnknownFieldSet.Field bytesField(ByteString b) {
        return UnknownFieldSet.Field.newBuilder().addLengthDelimited(b).build();
    }

    @Override
    public void authEnable(AuthEnableRequest r, StreamObserver<AuthEnableResponse> out) {
        change(r, out);
    }

    @Override
    public void authDisable(AuthDisableRequest r, StreamObserver<AuthDisableResponse> out) {
        change(r, out);
    }

    @Override
    public void authenticate(AuthenticateRequest r, StreamObserver<AuthenticateResponse> out) {
        consensus.readBarrier()
                .thenCompose(v -> CompletableFuture.runAsync(() -> { },
                        CompletableFuture.delayedExecutor(throttle.delay(r.getName()).toNanos(), TimeUnit.NANOSECONDS,
                                executor)))
                .thenCompose(v -> attempt(r, AUTHENTICATE_ATTEMPTS))
                .whenComplete((resp, e) -> answer(out, resp, e));
    }

    private CompletableFuture<AuthenticateResponse> attempt(AuthenticateRequest r, int left) {
        long checkedAt;
        try {
            checkedAt = auth.checkPassword(r.getName(), r.getPassword());
        } catch (KvException e) {
            if (e instanceof KvException.AuthFailed) {
                throw new java.util.concurrent.CompletionException(failed(r.getName(), e));
            }
            throw e;
        }
        throttle.succeeded(r.getName());
        // the password stays here: the log entry carries the name and the token's random part only
        AuthenticateRequest internal = AuthenticateRequest.newBuilder().setName(r.getName())
                .setUnknownFields(UnknownFieldSet.newBuilder().addField(AUTHENTICATE_SIMPLE_TOKEN,
                        bytesField(ByteString.copyFromUtf8(auth.tokens().newPrefix()))).build())
                .build();
        return proposer.<AuthenticateResponse>proposeAsIs(new Command.AuthChange(internal)).thenCompose(resp -> {
            if (checkedAt == auth.revision() || left <= 1) {
                return CompletableFuture.completedFuture(resp);
            }
            return CompletableFuture.supplyAsync(() -> attempt(r, left - 1), executor)
                    .thenCompose(Function.identity()); // the password changed meanwhile: check it again
        });
    }

    private KvException failed(String user, KvException e) {
        throttle.failed(user);
        return e;
    }

    @Override
    public void userAdd(AuthUserAddRequest r, StreamObserver<AuthUserAddResponse> out) {
        UnknownFieldSet.Builder extra = UnknownFieldSet.newBuilder();
        UnknownFieldSet.Field options = r.getUnknownFields().getField(USER_ADD_OPTIONS);
        boolean noPassword = false;
        if (options != null) {
            extra.addField(USER_ADD_OPTIONS, options);
            noPassword = noPassword(options);
        }
        if (!noPassword) {
            extra.addField(USER_ADD_HASHED_PASSWORD,
                    bytesField(ByteString.copyFromUtf8(passwords.hash(r.getPassword()))));
        }
        change(AuthUserAddRequest.newBuilder().setName(r.getName()).setUnknownFields(extra.build()).build(), out);
    }

    private static boolean noPassword(UnknownFieldSet.Field options) {
        for (ByteString o : options.getLengthDelimitedList()) {
            try {
                UnknownFieldSet f = UnknownFieldSet.parseFrom(o);
                if (f.hasField(1) && f.getField(1).getVarintList().stream().anyMatch(v -> v != 0)) {
                    return true;
                }
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                return false;
            }
        }
        return false;
    }

    @Override
    public void userGet(AuthUserGetRequest r, StreamObserver<AuthUserGetResponse> out) {
        read(out, caller -> AuthUserGetResponse.newBuilder().addAllRoles(auth.userGet(caller, r.getName())).build());
    }

    @Override
    public void userList(AuthUserListRequest r, StreamObserver<AuthUserListResponse> out) {
        read(out, caller -> AuthUserListResponse.newBuilder().addAllUsers(auth.userList(caller)).build());
    }

    @Override
    public void userDelete(AuthUserDeleteRequest r, StreamObserver<AuthUserDeleteResponse> out) {
        change(r, out);
    }

    @Override
    public void userChangePassword(AuthUserChangePasswordRequest r,
                                   StreamObserver<AuthUserChangePasswordResponse> out) {
        change(AuthUserChangePasswordRequest.newBuilder().setName(r.getName())
                .setUnknownFields(UnknownFieldSet.newBuilder().addField(CHANGE_PASSWORD_HASHED_PASSWORD,
                        bytesField(ByteString.copyFromUtf8(passwords.hash(r.getPassword())))).build())
                .build(), out);
    }

    @Override
    public void userGrantRole(AuthUserGrantRoleRequest r, StreamObserver<AuthUserGrantRoleResponse> out) {
        change(r, out);
    }

    @Override
    public void userRevokeRole(AuthUserRevokeRoleRequest r, StreamObserver<AuthUserRevokeRoleResponse> out) {
        change(r, out);
    }

    @Override
    public void roleAdd(AuthRoleAddRequest r, StreamObserver<AuthRoleAddResponse> out) {
        change(r, out);
    }

    @Override
    public void roleGet(AuthRoleGetRequest r, StreamObserver<AuthRoleGetResponse> out) {
        read(out, caller -> AuthRoleGetResponse.newBuilder().addAllPerm(auth.roleGet(caller, r.getRole())).build());
    }

    @Override
    public void roleList(AuthRoleListRequest r, StreamObserver<AuthRoleListResponse> out) {
        read(out, caller -> AuthRoleListResponse.newBuilder().addAllRoles(auth.roleList(caller)).build());
    }

    @Override
    public void roleDelete(AuthRoleDeleteRequest r, StreamObserver<AuthRoleDeleteResponse> out) {
        change(r, out);
    }

    @Override
    public void roleGrantPermission(AuthRoleGrantPermissionRequest r,
                                    StreamObserver<AuthRoleGrantPermissionResponse> out) {
        change(r, out);
    }

    @Override
    public void roleRevokePermission(AuthRoleRevokePermissionRequest r,
                                     StreamObserver<AuthRoleRevokePermissionResponse> out) {
        change(r, out);
    }
}
