package io.cairn.kv.server.auth;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongPredicate;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * Issues and checks auth tokens ({@code --auth-token}): etcd's {@code simple} tokens or signed JWTs.
 *
 * <p>Why an interface: the two kinds differ in where their truth lives — simple tokens in each member's memory
 * (registered when the Authenticate entry is applied, so every member knows them), JWTs in their signature —
 * while the rest of auth only asks "who is this token?" and "give this user a token".
 */
public interface TokenProvider {

    /**
     * The user behind {@code token}, with the auth revision the check runs at; empty when the token is unknown,
     * expired or not genuine.
     *
     * @param currentRevision the store's auth revision (what a simple token stands for)
     */
    Optional<AuthInfo> info(String token, long currentRevision);

    /**
     * A token for {@code user}, assigned when the Authenticate entry at raft {@code index} is applied.
     *
     * @param prefix the random part the proposer chose ({@link #newPrefix()}); ignored by JWT
     */
    String assign(String user, long revision, String prefix, long index);

    /** The random part of a new simple token (16 letters); empty for JWT. */
    String newPrefix();

    /** Auth was turned on (tokens may be assigned from now on). */
    void enable();

    /** Auth was turned off: every token is forgotten. */
    void disable();

    /** The user was deleted or its password changed: its tokens stop working. */
    void invalidateUser(String user);

    /**
     * The provider {@code spec} names ({@code simple}, or {@code jwt,pub-key=...,priv-key=...,sign-method=...,
     * ttl=...}).
     *
     * @param simpleTtl      {@code --auth-token-ttl}: idle lifetime of a simple token
     * @param nowMillis      the wall clock (expiry)
     * @param random         chooses simple-token prefixes
     * @param awaitApplied   waits (bounded) until this member applied a raft index; true when it has
     * @throws IllegalArgumentException for an unknown kind or bad options (etcd's {@code invalid auth options})
     */
    static TokenProvider create(String spec, Duration simpleTtl, LongSupplier nowMillis, RandomGenerator random,
                                LongPredicate awaitApplied) {
        String[] parts = spec.split(",", -1);
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", -1);
            if (kv.length != 2 || options.putIfAbsent(kv[0], kv[1]) != null) {
                throw new IllegalArgumentException("auth: invalid auth options");
            }
        }
        return switch (parts[0]) {
            case "simple" -> new SimpleTokens(simpleTtl, nowMillis, random, awaitApplied);
            case "jwt" -> JwtTokens.create(options, nowMillis);
            default -> throw new IllegalArgumentException("auth: invalid auth options");
        };
    }
}
