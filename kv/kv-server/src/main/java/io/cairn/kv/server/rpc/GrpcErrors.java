package io.cairn.kv.server.rpc;

import io.cairn.kv.api.EtcdError;
import io.cairn.kv.server.errors.KvException;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The one table from Cairn's failures to etcd's gRPC statuses (code and exact message).
 *
 * <p>Why: etcd clients rebuild typed errors from the message text; reviewing one exhaustive switch is how we
 * keep every answer identical to etcd's. Anything unexpected becomes {@code UNKNOWN}; cancellation and
 * deadlines pass through.
 */
public final class GrpcErrors {

    private GrpcErrors() {
    }

    /** The etcd error for a Cairn failure. */
    public static EtcdError toEtcdError(KvException e) {
        return switch (e) {
            case KvException.EmptyKey x -> EtcdError.EMPTY_KEY;
            case KvException.KeyNotFound x -> EtcdError.KEY_NOT_FOUND;
            case KvException.ValueProvided x -> EtcdError.VALUE_PROVIDED;
            case KvException.LeaseProvided x -> EtcdError.LEASE_PROVIDED;
            case KvException.TooManyOps x -> EtcdError.TOO_MANY_OPS;
            case KvException.DuplicateKey x -> EtcdError.DUPLICATE_KEY;
            case KvException.Compacted x -> EtcdError.COMPACTED;
            case KvException.FutureRevision x -> EtcdError.FUTURE_REV;
            case KvException.RequestTooLarge x -> EtcdError.REQUEST_TOO_LARGE;
            case KvException.TooManyRequests x -> EtcdError.TOO_MANY_REQUESTS;
            case KvException.NoSpace x -> EtcdError.NO_SPACE;
            case KvException.NoLeader x -> EtcdError.NO_LEADER;
            case KvException.NotLeader x -> EtcdError.NOT_LEADER;
            case KvException.LeaderChanged x -> EtcdError.LEADER_CHANGED;
            case KvException.Timeout x -> EtcdError.TIMEOUT;
            case KvException.Stopped x -> EtcdError.STOPPED;
            case KvException.LeaseNotFound x -> EtcdError.LEASE_NOT_FOUND;
            case KvException.LeaseExists x -> EtcdError.LEASE_EXIST;
            case KvException.LeaseTtlTooLarge x -> EtcdError.LEASE_TTL_TOO_LARGE;
            case KvException.MemberExists x -> EtcdError.MEMBER_EXIST;
            case KvException.PeerUrlExists x -> EtcdError.PEER_URL_EXIST;
            case KvException.MemberBadUrls x -> EtcdError.MEMBER_BAD_URLS;
            case KvException.MemberNotFound x -> EtcdError.MEMBER_NOT_FOUND;
            case KvException.MemberNotLearner x -> EtcdError.MEMBER_NOT_LEARNER;
            case KvException.LearnerNotReady x -> EtcdError.LEARNER_NOT_READY;
            case KvException.TooManyLearners x -> EtcdError.TOO_MANY_LEARNERS;
            case KvException.Unhealthy x -> EtcdError.UNHEALTHY;
            case KvException.NotForLearner x -> EtcdError.LEARNER_NOT_SUPPORTED;
            case KvException.UserEmpty x -> EtcdError.USER_EMPTY;
            case KvException.UserExists x -> EtcdError.USER_ALREADY_EXIST;
            case KvException.UserNotFound x -> EtcdError.USER_NOT_FOUND;
            case KvException.RoleExists x -> EtcdError.ROLE_ALREADY_EXIST;
            case KvException.RoleNotFound x -> EtcdError.ROLE_NOT_FOUND;
            case KvException.RoleEmpty x -> EtcdError.ROLE_EMPTY;
            case KvException.AuthFailed x -> EtcdError.AUTH_FAILED;
            case KvException.NoPasswordUser x -> EtcdError.NO_PASSWORD_USER;
            case KvException.PermissionDenied x -> EtcdError.PERMISSION_DENIED;
            case KvException.RoleNotGranted x -> EtcdError.ROLE_NOT_GRANTED;
            case KvException.PermissionNotGranted x -> EtcdError.PERMISSION_NOT_GRANTED;
            case KvException.AuthNotEnabled x -> EtcdError.AUTH_NOT_ENABLED;
            case KvException.InvalidAuthToken x -> EtcdError.INVALID_AUTH_TOKEN;
            case KvException.InvalidAuthManagement x -> EtcdError.INVALID_AUTH_MGMT;
            case KvException.AuthOldRevision x -> EtcdError.AUTH_OLD_REVISION;
            case KvException.RootUserNotExist x -> EtcdError.ROOT_USER_NOT_EXIST;
            case KvException.RootRoleNotExist x -> EtcdError.ROOT_ROLE_NOT_EXIST;
        };
    }

    /** The gRPC status for any failure. */
    public static Status toStatus(Throwable t) {
        Throwable e = unwrap(t);
        if (e instanceof KvException kv) {
            return toEtcdError(kv).status();
        }
        if (e instanceof StatusRuntimeException sre) {
            return sre.getStatus();
        }
        if (e instanceof StatusException se) {
            return se.getStatus();
        }
        if (e instanceof CancellationException) {
            return Status.CANCELLED.withDescription(e.getMessage());
        }
        if (e instanceof java.util.concurrent.TimeoutException) {
            return EtcdError.TIMEOUT.status();
        }
        return Status.UNKNOWN.withDescription(String.valueOf(e.getMessage())).withCause(e);
    }

    /** {@link #toStatus(Throwable)} as an exception for a StreamObserver. */
    public static StatusRuntimeException toException(Throwable t) {
        return toStatus(t).asRuntimeException();
    }

    private static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
