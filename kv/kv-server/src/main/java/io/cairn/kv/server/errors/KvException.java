package io.cairn.kv.server.errors;

/**
 * Every failure the store reports to a client, one subclass per etcd error.
 *
 * <p>Why: domain code (mvcc, apply) throws these without knowing gRPC; the rpc package maps each onto etcd's
 * exact code and message in one table. The set is closed so that the table is checked for exhaustiveness.
 */
public abstract sealed class KvException extends RuntimeException {

    private KvException(String message) {
        super(message, null, false, false);
    }

    /** The request has no key. */
    public static final class EmptyKey extends KvException {
        public EmptyKey() { super("key is not provided"); }
    }

    /** {@code ignore_value}/{@code ignore_lease} on a key that does not exist. */
    public static final class KeyNotFound extends KvException {
        public KeyNotFound() { super("key not found"); }
    }

    /** {@code ignore_value} together with a value. */
    public static final class ValueProvided extends KvException {
        public ValueProvided() { super("value is provided"); }
    }

    /** {@code ignore_lease} together with a lease. */
    public static final class LeaseProvided extends KvException {
        public LeaseProvided() { super("lease is provided"); }
    }

    /** More operations in a txn than {@code --max-txn-ops}. */
    public static final class TooManyOps extends KvException {
        public TooManyOps() { super("too many operations in txn request"); }
    }

    /** A key written twice (or written and deleted) in one txn. */
    public static final class DuplicateKey extends KvException {
        public DuplicateKey() { super("duplicate key given in txn request"); }
    }

    /** The requested revision has been compacted. */
    public static final class Compacted extends KvException {
        public Compacted() { super("required revision has been compacted"); }
    }

    /** The requested revision is above the current revision. */
    public static final class FutureRevision extends KvException {
        public FutureRevision() { super("required revision is a future revision"); }
    }

    /** The request is larger than {@code --max-request-bytes}. */
    public static final class RequestTooLarge extends KvException {
        public RequestTooLarge() { super("request is too large"); }
    }

    /** The proposal queue is full. */
    public static final class TooManyRequests extends KvException {
        public TooManyRequests() { super("too many requests"); }
    }

    /** The backend quota is exhausted. */
    public static final class NoSpace extends KvException {
        public NoSpace() { super("database space exceeded"); }
    }

    /** The member has no leader. */
    public static final class NoLeader extends KvException {
        public NoLeader() { super("no leader"); }
    }

    /** The member is not the leader and cannot forward. */
    public static final class NotLeader extends KvException {
        public NotLeader() { super("not leader"); }
    }

    /** Leadership changed while the request was in flight; its outcome is unknown. */
    public static final class LeaderChanged extends KvException {
        public LeaderChanged() { super("leader changed"); }
    }

    /** The request did not complete in time. */
    public static final class Timeout extends KvException {
        public Timeout() { super("request timed out"); }
    }

    /** The lease does not exist. */
    public static final class LeaseNotFound extends KvException {
        public LeaseNotFound() { super("requested lease not found"); }
    }

    /** A lease with the requested id exists already. */
    public static final class LeaseExists extends KvException {
        public LeaseExists() { super("lease already exists"); }
    }

    /** The requested TTL is above etcd's maximum. */
    public static final class LeaseTtlTooLarge extends KvException {
        public LeaseTtlTooLarge() { super("too large lease TTL"); }
    }

    /** The member is shutting down. */
    public static final class Stopped extends KvException {
        public Stopped() { super("server stopped"); }
    }
    /** A member with that id is already in the cluster. */
    public static final class MemberExists extends KvException {
        public MemberExists() { super("member ID already exist"); }
    }

    /** Another member already uses one of the peer URLs. */
    public static final class PeerUrlExists extends KvException {
        public PeerUrlExists() { super("Peer URLs already exists"); }
    }

    /** The peer URLs of a membership request are not valid. */
    public static final class MemberBadUrls extends KvException {
        public MemberBadUrls() { super("given member URLs are invalid"); }
    }

    /** No member has that id. */
    public static final class MemberNotFound extends KvException {
        public MemberNotFound() { super("member not found"); }
    }

    /** Promote of a member that is already a voter. */
    public static final class MemberNotLearner extends KvException {
        public MemberNotLearner() { super("can only promote a learner member"); }
    }

    /** Promote of a learner that has not caught up with the leader. */
    public static final class LearnerNotReady extends KvException {
        public LearnerNotReady() { super("can only promote a learner member which is in sync with leader"); }
    }

    /** The cluster already has the maximum number of learners. */
    public static final class TooManyLearners extends KvException {
        public TooManyLearners() { super("too many learner members in cluster"); }
    }

    /** A membership change that would leave the cluster without a working quorum. */
    public static final class Unhealthy extends KvException {
        public Unhealthy() { super("unhealthy cluster"); }
    }

    /** A request a learner does not serve. */
    public static final class NotForLearner extends KvException {
        public NotForLearner() { super("rpc not supported for learner"); }
    }

    /** Auth is enabled and the request carries no user (no token). */
    public static final class UserEmpty extends KvException {
        public UserEmpty() { super("user name is empty"); }
    }

    /** A user of that name exists already. */
    public static final class UserExists extends KvException {
        public UserExists() { super("user name already exists"); }
    }

    /** No user has that name. */
    public static final class UserNotFound extends KvException {
        public UserNotFound() { super("user name not found"); }
    }

    /** A role of that name exists already. */
    public static final class RoleExists extends KvException {
        public RoleExists() { super("role name already exists"); }
    }

    /** No role has that name. */
    public static final class RoleNotFound extends KvException {
        public RoleNotFound() { super("role name not found"); }
    }

    /** A role without a name. */
    public static final class RoleEmpty extends KvException {
        public RoleEmpty() { super("role name is empty"); }
    }

    /** Unknown user or wrong password (the two are not told apart). */
    public static final class AuthFailed extends KvException {
        public AuthFailed() { super("authentication failed, invalid user ID or password"); }
    }

    /** A password was given for a user created without one. */
    public static final class NoPasswordUser extends KvException {
        public NoPasswordUser() { super("authentication failed, password was given for no password user"); }
    }

    /** The user's roles do not allow the request. */
    public static final class PermissionDenied extends KvException {
        public PermissionDenied() { super("permission denied"); }
    }

    /** Revoke of a role the user does not have. */
    public static final class RoleNotGranted extends KvException {
        public RoleNotGranted() { super("role is not granted to the user"); }
    }

    /** Revoke of a permission the role does not have. */
    public static final class PermissionNotGranted extends KvException {
        public PermissionNotGranted() { super("permission is not granted to the role"); }
    }

    /** Authenticate while auth is disabled. */
    public static final class AuthNotEnabled extends KvException {
        public AuthNotEnabled() { super("authentication is not enabled"); }
    }

    /** The token is unknown, expired, tampered with or malformed. */
    public static final class InvalidAuthToken extends KvException {
        public InvalidAuthToken() { super("invalid auth token"); }
    }

    /** A change that would lock everyone out (deleting root, revoking root's root role) while auth is on. */
    public static final class InvalidAuthManagement extends KvException {
        public InvalidAuthManagement() { super("invalid auth management"); }
    }

    /** The auth state changed between the permission check and the apply; the client retries. */
    public static final class AuthOldRevision extends KvException {
        public AuthOldRevision() { super("revision of auth store is old"); }
    }

    /** Auth enable without a root user. */
    public static final class RootUserNotExist extends KvException {
        public RootUserNotExist() { super("root user does not exist"); }
    }

    /** Auth enable while the root user lacks the root role. */
    public static final class RootRoleNotExist extends KvException {
        public RootRoleNotExist() { super("root user does not have root role"); }
    }

    /**
     * Rebuilds a failure reported by another member by its class name (every subclass has a no-argument
     * constructor).
     *
     * @return the failure, or a {@link Timeout} for a name this version does not know
     */
    public static KvException byName(String simpleName) {
        for (Class<?> c : KvException.class.getPermittedSubclasses()) {
            if (c.getSimpleName().equals(simpleName)) {
                try {
                    return (KvException) c.getConstructor().newInstance();
                } catch (ReflectiveOperationException e) {
                    break;
                }
            }
        }
        return new Timeout();
    }
}
