package io.cairn.apiserver.pki;

import java.util.List;
import java.util.Objects;

/**
 * Who a request comes from, as kube-apiserver's {@code user.Info}: the name authorization rules and audit refer to,
 * a uid (empty when the credential has none, as with client certificates), and the groups.
 *
 * <p>Why a value: authorization (RBAC subjects), impersonation checks and audit all read the same three fields.
 *
 * @param name the user name, e.g. {@code cairn-admin}
 * @param uid the user's uid, or the empty string
 * @param groups the groups, including {@code system:authenticated} for authenticated users
 */
public record UserInfo(String name, String uid, List<String> groups) {

    /** kube-apiserver's group of every authenticated user. */
    public static final String AUTHENTICATED_GROUP = "system:authenticated";

    /** The user of a request without credentials, should anonymous requests ever be allowed. */
    public static final UserInfo ANONYMOUS = new UserInfo("system:anonymous", "", List.of("system:unauthenticated"));

    public UserInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uid, "uid");
        groups = List.copyOf(groups);
    }
}
