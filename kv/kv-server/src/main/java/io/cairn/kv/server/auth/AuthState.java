package io.cairn.kv.server.auth;

import io.etcd.jetcd.api.Permission;
import io.etcd.jetcd.api.Role;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One immutable version of the auth state: the enabled flag, the auth revision, users, roles, and every user's
 * merged permissions.
 *
 * <p>Why immutable: the apply thread builds the next version and publishes it with one volatile write, so the
 * many concurrent permission checks read a consistent state without locks (etcd takes a lock per check).
 */
record AuthState(boolean enabled, long revision, Map<String, User> users, Map<String, Role> roles,
                 Map<String, RangePermissions> permissions) {

    static final String ROOT = "root";

    AuthState {
        users = Collections.unmodifiableMap(new TreeMap<>(users));
        roles = Collections.unmodifiableMap(new TreeMap<>(roles));
        permissions = Map.copyOf(permissions);
    }

    /** A state with {@code users} and {@code roles}; the merged permissions are derived. */
    static AuthState of(boolean enabled, long revision, Map<String, User> users, Map<String, Role> roles) {
        Map<String, RangePermissions> perms = new HashMap<>();
        for (User u : users.values()) {
            List<Permission> all = new ArrayList<>();
            for (String r : u.roles()) {
                Role role = roles.get(r);
                if (role != null) {
                    all.addAll(role.getKeyPermissionList());
                }
            }
            perms.put(u.name(), RangePermissions.of(all));
        }
        return new AuthState(enabled, revision, users, roles, perms);
    }

    AuthState withEnabled(boolean on) {
        return new AuthState(on, revision, users, roles, permissions);
    }

    /** Users and roles changed: the revision moves on and permissions are merged again. */
    AuthState changed(Map<String, User> newUsers, Map<String, Role> newRoles) {
        return of(enabled, revision + 1, newUsers, newRoles);
    }

    boolean isRoot(String user) {
        User u = users.get(user);
        return u != null && u.hasRole(ROOT);
    }
}
