package io.cairn.kv.server;

import java.time.Duration;
import java.util.Objects;

/**
 * How a member authenticates clients: etcd's {@code --auth-token}, {@code --auth-token-ttl} and
 * {@code --bcrypt-cost}. Whether auth is on is not configuration: it is replicated state
 * ({@code etcdctl auth enable}).
 *
 * @param token      {@code simple} (default) or {@code jwt,pub-key=<path>,priv-key=<path>,sign-method=<alg>,ttl=<d>}
 * @param tokenTtl   idle lifetime of a simple token (300 s)
 * @param bcryptCost bcrypt cost of stored password hashes (10; out of [4, 31] etcd falls back to 10)
 */
public record AuthSettings(String token, Duration tokenTtl, int bcryptCost) {

    /** etcd's defaults. */
    public static final AuthSettings DEFAULTS = new AuthSettings("simple", Duration.ofSeconds(300), 10);

    public AuthSettings {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(tokenTtl, "tokenTtl");
    }
}
