package io.cairn.kv.server.auth;

import java.util.Objects;

/**
 * Who a request runs as: the user name and the auth revision its credentials were checked at.
 *
 * <p>Why the revision: a permission check compares it with the store's auth revision, so a request admitted
 * before a change of users or roles is refused at apply ({@code revision of auth store is old}) instead of
 * running with outdated rights. Revision 0 means "no user" (etcd's empty auth info).
 *
 * @param user     the user name; empty for a request without credentials
 * @param revision the auth revision the credentials stand for
 */
public record AuthInfo(String user, long revision) {

    /** A request without credentials. */
    public static final AuthInfo NONE = new AuthInfo("", 0);

    public AuthInfo {
        Objects.requireNonNull(user, "user");
    }

    /** True for a request without credentials. */
    public boolean isEmpty() {
        return user.isEmpty() || revision == 0;
    }
}
