package io.cairn.kv.server.auth;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.cairn.kv.server.backend.Backend;
import io.cairn.kv.server.backend.Cursor;
import io.cairn.kv.server.backend.Table;
import io.cairn.kv.server.errors.KvException;
import io.cairn.kv.server.mvcc.WriteTxn;
import io.cairn.kv.server.schema.Schema;
import io.etcd.jetcd.api.DeleteRangeRequest;
import io.etcd.jetcd.api.Permission;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.Role;
import io.etcd.jetcd.api.TxnRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The member's replica of etcd's auth store: users, roles, the enabled flag and the auth revision, changed only
 * by applying log entries, and the permission checks that read it.
 *
 * <p>Why the checks live beside the state: etcd checks reads at the API edge and writes at apply, with the same
 * rules ({@code isOpPermitted}); both sides call these methods. With auth disabled every check is one volatile
 * read.
 */
public final class AuthStore {

    private final TokenProvider tokens;
    private volatile AuthState state;

    /** Loads the auth state stored in {@code backend}. */
    public AuthStore(Backend backend, TokenProvider tokens) {
        this.tokens = tokens;
        reload(backend);
    }

    /** The auth state in {@code backend} with etcd's default tokens (simple, 300 s), for embedders and tools. */
    public static AuthStore open(Backend backend) {
        return new AuthStore(backend, TokenProvider.create("simple", java.time.Duration.ofSeconds(300),
                System::currentTimeMillis, new java.security.SecureRandom(), index -> false));
    }

    /** Reads the state again (after a store was installed from another member). */
    public void reload(Backend backend) {
        boolean enabled = backend.get(Table.AUTH, Schema.AUTH_ENABLED).map(v -> v.length == 1 && v[0] == 1)
                .orElse(false);
        long revision = backend.get(Table.AUTH, Schema.AUTH_REVISION).map(Schema::longValue).orElse(1L);
        Map<String, User> users = new HashMap<>();
        try (Cursor c = backend.cursor(Table.AUTH_USERS)) {
            for (c.seekToFirst(); c.valid(); c.next()) {
                User u = User.decode(c.value());
                users.put(u.name(), u);
            }
        }
        Map<String, Role> roles = new HashMap<>();
        try (Cursor c = backend.cursor(Table.AUTH_ROLES)) {
            for (c.seekToFirst(); c.valid(); c.next()) {
                try {
                    Role r = Role.parseFrom(c.value());
                    roles.put(r.getName().toStringUtf8(), r);
                } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                    throw new IllegalStateException("corrupt role record", e);
                }
            }
        }
        state = AuthState.of(enabled, revision, users, roles);
        if (enabled) {
            tokens.enable();
        } else {
            tokens.disable();
        }
    }

    /** True while auth is enabled: the one volatile read a request pays when it is not. */
    public boolean enabled() {
        return state.enabled();
    }

    /** The auth revision: moves on with every change of users, roles or permissions. */
    public long revision() {
        return state.revision();
    }

    /** The member's token provider. */
    public TokenProvider tokens() {
        return tokens;
    }

    /**
     * Applies one auth request from the log and returns its response (header to be filled by the caller).
     *
     * @throws KvException etcd's error for a refused change (nothing is written then)
     */
    public Message apply(WriteTxn w, Message request, long index) {
        AuthMutations m = new AuthMutations(state, tokens, w);
        Message response = m.apply(request, index);
        state = m.result();
        return response;
    }

    // ---- identity ----

    /** The user a token stands for. @throws KvException.InvalidAuthToken when it is not valid */
    public AuthInfo authInfo(String token) {
        return tokens.info(token, state.revision()).orElseThrow(KvException.InvalidAuthToken::new);
    }

    /**
     * Checks a password (bcrypt, so it takes the cost's time whether or not the user exists) and returns the auth
     * revision it was checked at.
     */
    public long checkPassword(String name, String password) {
        AuthState s = state;
        if (!s.enabled()) {
            throw new KvException.AuthNotEnabled();
        }
        User u = s.users().get(name);
        if (u == null) {
            Passwords.matches(DUMMY_HASH, password); // same cost as a real check: no user-name oracle
            throw new KvException.AuthFailed();
        }
        if (u.noPassword()) {
            throw new KvException.NoPasswordUser();
        }
        if (!Passwords.matches(u.passwordHash(), password)) {
            throw new KvException.AuthFailed();
        }
        return s.revision();
    }

    private static final String DUMMY_HASH = "$2a$10$" + "N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy";

    // ---- checks (etcd's isOpPermitted and friends) ----

    private void check(AuthInfo ai, ByteString key, ByteString rangeEnd, boolean write) {
        AuthState s = state;
        if (!s.enabled()) {
            return;
        }
        if (ai.revision() == 0) {
            throw new KvException.UserEmpty();
        }
        if (ai.revision() < s.revision()) {
            throw new KvException.AuthOldRevision();
        }
        User u = s.users().get(ai.user());
        if (u == null) {
            throw new KvException.PermissionDenied();
        }
        if (u.hasRole(AuthState.ROOT)) {
            return;
        }
        RangePermissions p = s.permissions().getOrDefault(ai.user(), RangePermissions.NONE);
        if (!(write ? p.mayWrite(key, rangeEnd) : p.mayRead(key, rangeEnd))) {
            throw new KvException.PermissionDenied();
        }
    }

    /** Read permission on [key, rangeEnd) (a single key when rangeEnd is empty). */
    public void checkRange(AuthInfo ai, ByteString key, ByteString rangeEnd) {
        check(ai, key, rangeEnd, false);
    }

    /** Write permission on one key. */
    public void checkPut(AuthInfo ai, ByteString key) {
        check(ai, key, ByteString.EMPTY, true);
    }

    /** Write permission on [key, rangeEnd). */
    public void checkDelete(AuthInfo ai, ByteString key, ByteString rangeEnd) {
        check(ai, key, rangeEnd, true);
    }

    /** etcd's {@code IsAdminPermitted}: the user must have the root role. */
    public void checkAdmin(AuthInfo ai) {
        AuthState s = state;
        if (!s.enabled()) {
            return;
        }
        if (ai.user().isEmpty()) {
            throw new KvException.UserEmpty();
        }
        User u = s.users().get(ai.user());
        if (u == null) {
            throw new KvException.UserNotFound();
        }
        if (!u.hasRole(AuthState.ROOT)) {
            throw new KvException.PermissionDenied();
        }
    }

    /** A Put: write on the key, write on every key already on its lease, read for prev_kv. */
    public void checkPut(AuthInfo ai, PutRequest r, List<ByteString> leaseKeys) {
        checkPut(ai, r.getKey());
        for (ByteString k : leaseKeys) {
            checkPut(ai, k);
        }
        if (r.getPrevKv()) {
            checkRange(ai, r.getKey(), ByteString.EMPTY);
        }
    }

    /** A DeleteRange: write on the range, read for prev_kv. */
    public void checkDelete(AuthInfo ai, DeleteRangeRequest r) {
        checkDelete(ai, r.getKey(), r.getRangeEnd());
        if (r.getPrevKv()) {
            checkRange(ai, r.getKey(), r.getRangeEnd());
        }
    }

    /** A Txn: read on every compare, and each operation of both branches. */
    public void checkTxn(AuthInfo ai, TxnRequest r) {
        for (var c : r.getCompareList()) {
            checkRange(ai, c.getKey(), c.getRangeEnd());
        }
        checkOps(ai, r.getSuccessList());
        checkOps(ai, r.getFailureList());
    }

    private void checkOps(AuthInfo ai, List<RequestOp> ops) {
        for (RequestOp op : ops) {
            switch (op.getRequestCase()) {
                case REQUEST_RANGE -> checkRange(ai, op.getRequestRange().getKey(),
                        op.getRequestRange().getRangeEnd());
                case REQUEST_PUT -> checkPut(ai, op.getRequestPut().getKey());
                case REQUEST_DELETE_RANGE -> {
                    DeleteRangeRequest d = op.getRequestDeleteRange();
                    if (d.getPrevKv()) {
                        checkRange(ai, d.getKey(), d.getRangeEnd());
                    }
                    checkDelete(ai, d.getKey(), d.getRangeEnd());
                }
                case REQUEST_TXN -> checkTxn(ai, op.getRequestTxn());
                default -> { }
            }
        }
    }

    /** Write on every key of a lease (revoking it deletes them). */
    public void checkLeaseKeys(AuthInfo ai, List<ByteString> keys) {
        for (ByteString k : keys) {
            checkPut(ai, k);
        }
    }

    // ---- queries ----

    /** A user's roles; allowed to root and to the user itself. */
    public List<String> userGet(AuthInfo caller, String name) {
        AuthState s = state;
        try {
            checkAdmin(caller);
        } catch (KvException e) {
            if (!name.equals(caller.user())) {
                throw e;
            }
        }
        User u = s.users().get(name);
        if (u == null) {
            throw new KvException.UserNotFound();
        }
        return u.roles();
    }

    /** A role's permissions; allowed to root and to holders of the role. */
    public List<Permission> roleGet(AuthInfo caller, String role) {
        AuthState s = state;
        try {
            checkAdmin(caller);
        } catch (KvException e) {
            User u = s.users().get(caller.user());
            if (u == null || !u.hasRole(role)) {
                throw e;
            }
        }
        Role r = s.roles().get(role);
        if (r == null) {
            throw new KvException.RoleNotFound();
        }
        return r.getKeyPermissionList();
    }

    /** Every user name, sorted; root only. */
    public List<String> userList(AuthInfo caller) {
        checkAdmin(caller);
        return List.copyOf(state.users().keySet());
    }

    /** Every role name, sorted; root only. */
    public List<String> roleList(AuthInfo caller) {
        checkAdmin(caller);
        return List.copyOf(state.roles().keySet());
    }

    /** True when the user exists and has no password (it cannot authenticate). */
    public Optional<Boolean> userHasNoPassword(String name) {
        return Optional.ofNullable(state.users().get(name)).map(User::noPassword);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
