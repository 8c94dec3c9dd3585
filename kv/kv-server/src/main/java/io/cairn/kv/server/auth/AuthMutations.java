package io.cairn.kv.server.auth;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import io.cairn.kv.server.backend.Table;
import io.cairn.kv.server.errors.KvException;
import io.cairn.kv.server.mvcc.WriteTxn;
import io.cairn.kv.server.schema.Schema;
import io.etcd.jetcd.api.AuthDisableRequest;
import io.etcd.jetcd.api.AuthDisableResponse;
import io.etcd.jetcd.api.AuthEnableRequest;
import io.etcd.jetcd.api.AuthEnableResponse;
import io.etcd.jetcd.api.AuthRoleAddRequest;
import io.etcd.jetcd.api.AuthRoleAddResponse;
import io.etcd.jetcd.api.AuthRoleDeleteRequest;
import io.etcd.jetcd.api.AuthRoleDeleteResponse;
import io.etcd.jetcd.api.AuthRoleGrantPermissionRequest;
import io.etcd.jetcd.api.AuthRoleGrantPermissionResponse;
import io.etcd.jetcd.api.AuthRoleRevokePermissionRequest;
import io.etcd.jetcd.api.AuthRoleRevokePermissionResponse;
import io.etcd.jetcd.api.AuthUserAddRequest;
import io.etcd.jetcd.api.AuthUserAddResponse;
import io.etcd.jetcd.api.AuthUserChangePasswordRequest;
import io.etcd.jetcd.api.AuthUserChangePasswordResponse;
import io.etcd.jetcd.api.AuthUserDeleteRequest;
import io.etcd.jetcd.api.AuthUserDeleteResponse;
import io.etcd.jetcd.api.AuthUserGrantRoleRequest;
import io.etcd.jetcd.api.AuthUserGrantRoleResponse;
import io.etcd.jetcd.api.AuthUserRevokeRoleRequest;
import io.etcd.jetcd.api.AuthUserRevokeRoleResponse;
import io.etcd.jetcd.api.AuthenticateRequest;
import io.etcd.jetcd.api.AuthenticateResponse;
import io.etcd.jetcd.api.Permission;
import io.etcd.jetcd.api.Role;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies one auth request from the log to a state, writing what changed into the entry's write transaction;
 * etcd's rules and errors (auth/store.go), deterministic on every member.
 *
 * <p>The log carries etcd's request messages with two Cairn conventions, both using etcd's own later field
 * numbers: UserAdd and ChangePassword carry the bcrypt hash computed by the proposer ({@code hashedPassword},
 * fields 4 and 3, as etcd 3.5 does) and never the password; Authenticate carries the simple-token prefix the
 * proposer chose (field 3, as etcd's {@code InternalAuthenticateRequest}) and no password.
 */
final class AuthMutations {

    static final int USER_ADD_OPTIONS = 3;
    static final int USER_ADD_HASHED_PASSWORD = 4;
    static final int CHANGE_PASSWORD_HASHED_PASSWORD = 3;
    static final int AUTHENTICATE_SIMPLE_TOKEN = 3;

    private final TokenProvider tokens;
    private final WriteTxn w;
    private final Map<String, User> users;
    private final Map<String, Role> roles;
    private AuthState state;

    AuthMutations(AuthState state, TokenProvider tokens, WriteTxn w) {
        this.state = state;
        this.tokens = tokens;
        this.w = w;
        this.users = new HashMap<>(state.users());
        this.roles = new HashMap<>(state.roles());
    }

    AuthState result() {
        return state;
    }

    Message apply(Message request, long index) {
        return switch (request) {
            case AuthEnableRequest r -> enable();
            case AuthDisableRequest r -> disable();
            case AuthenticateRequest r -> authenticate(r, index);
            case AuthUserAddRequest r -> userAdd(r);
            case AuthUserDeleteRequest r -> userDelete(r);
            case AuthUserChangePasswordRequest r -> changePassword(r);
            case AuthUserGrantRoleRequest r -> grantRole(r);
            case AuthUserRevokeRoleRequest r -> revokeRole(r);
            case AuthRoleAddRequest r -> roleAdd(r);
            case AuthRoleDeleteRequest r -> roleDelete(r);
            case AuthRoleGrantPermissionRequest r -> grantPermission(r);
            case AuthRoleRevokePermissionRequest r -> revokePermission(r);
            default -> throw new IllegalStateException("not an auth change: " + request.getClass().getName());
        };
    }

    static String unknownString(UnknownFieldSet fields, int number) {
        UnknownFieldSet.Field f = fields.getField(number);
        if (f == null || f.getLengthDelimitedList().isEmpty()) {
            return "";
        }
        return f.getLengthDelimitedList().getLast().toStringUtf8();
    }

    private Message enable() {
        if (state.enabled()) {
            return AuthEnableResponse.getDefaultInstance();
        }
        User root = users.get(AuthState.ROOT);
        if (root == null) {
            throw new KvException.RootUserNotExist();
        }
        if (!root.hasRole(AuthState.ROOT)) {
            throw new KvException.RootRoleNotExist();
        }
        w.putRecord(Table.AUTH, Schema.AUTH_ENABLED, new byte[] {1});
        state = state.withEnabled(true);
        tokens.enable();
        return AuthEnableResponse.getDefaultInstance();
    }

    private Message disable() {
        if (!state.enabled()) {
            return AuthDisableResponse.getDefaultInstance();
        }
        w.putRecord(Table.AUTH, Schema.AUTH_ENABLED, new byte[] {0});
        state = state.withEnabled(false).changed(users, roles);
        writeRevision();
        tokens.disable();
        return AuthDisableResponse.getDefaultInstance();
    }

    private Message authenticate(AuthenticateRequest r, long index) {
        if (!state.enabled()) {
            throw new KvException.AuthNotEnabled();
        }
        User u = users.get(r.getName());
        if (u == null || u.noPassword()) {
            throw new KvException.AuthFailed();
        }
        String prefix = unknownString(r.getUnknownFields(), AUTHENTICATE_SIMPLE_TOKEN);
        String token = tokens.assign(u.name(), state.revision(), prefix, index);
        return AuthenticateResponse.newBuilder().setToken(token).build();
    }

    private Message userAdd(AuthUserAddRequest r) {
        if (r.getName().isEmpty()) {
            throw new KvException.UserEmpty();
        }
        if (users.containsKey(r.getName())) {
            throw new KvException.UserExists();
        }
        boolean noPassword = User.noPasswordIn(r.getUnknownFields(), USER_ADD_OPTIONS);
        String hash = noPassword ? "" : unknownString(r.getUnknownFields(), USER_ADD_HASHED_PASSWORD);
        putUser(new User(r.getName(), hash, List.of(), noPassword));
        commit();
        return AuthUserAddResponse.getDefaultInstance();
    }

    private Message userDelete(AuthUserDeleteRequest r) {
        if (state.enabled() && r.getName().equals(AuthState.ROOT)) {
            throw new KvException.InvalidAuthManagement();
        }
        if (users.remove(r.getName()) == null) {
            throw new KvException.UserNotFound();
        }
        w.deleteRecord(Table.AUTH_USERS, AuthStore.utf8(r.getName()));
        commit();
        tokens.invalidateUser(r.getName());
        return AuthUserDeleteResponse.getDefaultInstance();
    }

    private Message changePassword(AuthUserChangePasswordRequest r) {
        User u = users.get(r.getName());
        if (u == null) {
            throw new KvException.UserNotFound();
        }
        putUser(u.withPasswordHash(unknownString(r.getUnknownFields(), CHANGE_PASSWORD_HASHED_PASSWORD)));
        commit();
        tokens.invalidateUser(r.getName());
        return AuthUserChangePasswordResponse.getDefaultInstance();
    }

    private Message grantRole(AuthUserGrantRoleRequest r) {
        User u = users.get(r.getUser());
        if (u == null) {
            throw new KvException.UserNotFound();
        }
        if (!r.getRole().equals(AuthState.ROOT) && !roles.containsKey(r.getRole())) {
            throw new KvException.RoleNotFound();
        }
        if (u.hasRole(r.getRole())) {
            return AuthUserGrantRoleResponse.getDefaultInstance(); // etcd ignores a repeated grant
        }
        List<String> newRoles = new ArrayList<>(u.roles());
        newRoles.add(r.getRole());
        putUser(u.withRoles(newRoles));
        commit();
        return AuthUserGrantRoleResponse.getDefaultInstance();
    }

    private Message revokeRole(AuthUserRevokeRoleRequest r) {
        if (state.enabled() && r.getName().equals(AuthState.ROOT) && r.getRole().equals(AuthState.ROOT)) {
            throw new KvException.InvalidAuthManagement();
        }
        User u = users.get(r.getName());
        if (u == null) {
            throw new KvException.UserNotFound();
        }
        if (!u.hasRole(r.getRole())) {
            throw new KvException.RoleNotGranted();
        }
        putUser(u.withRoles(u.roles().stream().filter(x -> !x.equals(r.getRole())).toList()));
        commit();
        return AuthUserRevokeRoleResponse.getDefaultInstance();
    }

    private Message roleAdd(AuthRoleAddRequest r) {
        if (r.getName().isEmpty()) {
            throw new KvException.RoleEmpty();
        }
        if (roles.containsKey(r.getName())) {
            throw new KvException.RoleExists();
        }
        putRole(Role.newBuilder().setName(ByteString.copyFromUtf8(r.getName())).build());
        commit();
        return AuthRoleAddResponse.getDefaultInstance();
    }

    private Message roleDelete(AuthRoleDeleteRequest r) {
        if (state.enabled() && r.getRole().equals(AuthState.ROOT)) {
            throw new KvException.InvalidAuthManagement();
        }
        if (roles.remove(r.getRole()) == null) {
            throw new KvException.RoleNotFound();
        }
        w.deleteRecord(Table.AUTH_ROLES, AuthStore.utf8(r.getRole()));
        for (User u : List.copyOf(users.values())) {
            if (u.hasRole(r.getRole())) {
                putUser(u.withRoles(u.roles().stream().filter(x -> !x.equals(r.getRole())).toList()));
            }
        }
        commit();
        return AuthRoleDeleteResponse.getDefaultInstance();
    }

    private Message grantPermission(AuthRoleGrantPermissionRequest r) {
        Role role = roles.get(r.getName());
        if (role == null) {
            throw new KvException.RoleNotFound();
        }
        Permission p = r.getPerm();
        List<Permission> perms = new ArrayList<>(role.getKeyPermissionList());
        var order = ByteString.unsignedLexicographicalComparator();
        int idx = 0;
        while (idx < perms.size() && order.compare(perms.get(idx).getKey(), p.getKey()) < 0) {
            idx++;
        }
        Permission clean = Permission.newBuilder().setKey(p.getKey()).setRangeEnd(p.getRangeEnd())
                .setPermType(p.getPermType()).build();
        if (idx < perms.size() && perms.get(idx).getKey().equals(p.getKey())
                && perms.get(idx).getRangeEnd().equals(p.getRangeEnd())) {
            perms.set(idx, clean); // the same range again: its type is updated
        } else {
            perms.add(clean);
            perms.sort((a, b) -> order.compare(a.getKey(), b.getKey()));
        }
        putRole(role.toBuilder().clearKeyPermission().addAllKeyPermission(perms).build());
        commit();
        return AuthRoleGrantPermissionResponse.getDefaultInstance();
    }

    private Message revokePermission(AuthRoleRevokePermissionRequest r) {
        Role role = roles.get(r.getRole());
        if (role == null) {
            throw new KvException.RoleNotFound();
        }
        List<Permission> kept = role.getKeyPermissionList().stream()
                .filter(p -> !(p.getKey().equals(r.getKey()) && p.getRangeEnd().equals(r.getRangeEnd())))
                .toList();
        if (kept.size() == role.getKeyPermissionCount()) {
            throw new KvException.PermissionNotGranted();
        }
        putRole(role.toBuilder().clearKeyPermission().addAllKeyPermission(kept).build());
        commit();
        return AuthRoleRevokePermissionResponse.getDefaultInstance();
    }

    private void putUser(User u) {
        users.put(u.name(), u);
        w.putRecord(Table.AUTH_USERS, AuthStore.utf8(u.name()), u.encode());
    }

    private void putRole(Role r) {
        roles.put(r.getName().toStringUtf8(), r);
        w.putRecord(Table.AUTH_ROLES, r.getName().toByteArray(), r.toByteArray());
    }

    /** Users or roles changed: bump the revision and re-merge permissions. */
    private void commit() {
        state = state.changed(users, roles);
        writeRevision();
    }

    private void writeRevision() {
        w.putRecord(Table.AUTH, Schema.AUTH_REVISION, Schema.longValue(state.revision()));
    }
}
