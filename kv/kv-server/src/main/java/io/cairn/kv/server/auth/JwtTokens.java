package io.cairn.kv.server.auth;

import java.util.Map;
import java.util.function.LongSupplier;

/** JWT tokens: not available yet, so {@code --auth-token jwt,...} is refused as etcd refuses bad options. */
final class JwtTokens {
    private JwtTokens() {
    }

    static TokenProvider create(Map<String, String> options, LongSupplier nowMillis) {
        throw new IllegalArgumentException("auth: invalid auth options");
    }
}
