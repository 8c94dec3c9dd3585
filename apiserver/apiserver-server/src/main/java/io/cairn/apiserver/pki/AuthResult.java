package io.cairn.apiserver.pki;

import java.util.Objects;

/**
 * What {@link Authenticator#authenticate} decided about a request.
 *
 * <p>Why three outcomes rather than an optional user: kube-apiserver tells "no credentials" (anonymous: 401 while
 * anonymous access is off) apart from "bad credentials" (always 401, even when anonymous access is on).
 */
public sealed interface AuthResult permits AuthResult.Authenticated, AuthResult.Anonymous, AuthResult.Rejected {

    /** The request carries a credential that identifies {@code user}. */
    record Authenticated(UserInfo user) implements AuthResult {
        public Authenticated {
            Objects.requireNonNull(user, "user");
        }
    }

    /** The request carries no credential Cairn understands; it is {@link UserInfo#ANONYMOUS} if allowed at all. */
    record Anonymous() implements AuthResult {
        /** The identity an anonymous request would have. */
        public UserInfo user() {
            return UserInfo.ANONYMOUS;
        }
    }

    /** The request carries a credential that is not valid; {@code reason} is for the log, not for the client. */
    record Rejected(String reason) implements AuthResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
