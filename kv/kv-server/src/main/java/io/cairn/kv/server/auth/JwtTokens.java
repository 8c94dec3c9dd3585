package io.cairn.kv.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * etcd's JWT tokens: signed with {@code priv-key}, verified with {@code pub-key} (or the private key's public
 * half), claims {@code username}, {@code revision} and {@code exp} ({@code ttl} after issue, default 5 min).
 *
 * <p>Why no memory: the signature is the truth, so any member holding the key accepts the token, even after a
 * restart. A token whose signature, algorithm or expiry does not check out is invalid. With only a public key
 * the member verifies but cannot issue (etcd's verify-only mode).
 */
final class JwtTokens implements TokenProvider {

    private static final Set<String> METHODS = Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
            "ES256", "ES384", "ES512");

    private final JWSAlgorithm algorithm;
    private final JWSSigner signer;
    private final JWSVerifier verifier;
    private final Duration ttl;
    private final LongSupplier nowMillis;

    JwtTokens(JWSAlgorithm algorithm, JWSSigner signer, JWSVerifier verifier, Duration ttl, LongSupplier nowMillis) {
        this.algorithm = algorithm;
        this.signer = signer;
        this.verifier = verifier;
        this.ttl = ttl;
        this.nowMillis = nowMillis;
    }

    static TokenProvider create(Map<String, String> options, LongSupplier nowMillis) {
        String method = options.getOrDefault("sign-method", "");
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("auth: invalid auth signature method");
        }
        Duration ttl = options.getOrDefault("ttl", "").isEmpty() ? Duration.ofMinutes(5)
                : io.cairn.kv.server.GoDuration.parse(options.get("ttl"));
        PemKeys.Pair keys = PemKeys.load(options.getOrDefault("priv-key", ""), options.getOrDefault("pub-key", ""),
                method.startsWith("ES") ? "EC" : "RSA");
        try {
            JWSAlgorithm alg = JWSAlgorithm.parse(method);
            JWSSigner signer = null;
            JWSVerifier verifier;
            if (method.startsWith("ES")) {
                if (keys.privateKey() != null) {
                    signer = new ECDSASigner((ECPrivateKey) keys.privateKey());
                }
                verifier = new ECDSAVerifier((ECPublicKey) keys.publicKey());
            } else {
                if (keys.privateKey() != null) {
                    signer = new RSASSASigner((RSAPrivateKey) keys.privateKey());
                }
                verifier = new RSASSAVerifier((RSAPublicKey) keys.publicKey());
            }
            return new JwtTokens(alg, signer, verifier, ttl, nowMillis);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("auth: invalid auth options: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<AuthInfo> info(String token, long currentRevision) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!algorithm.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date exp = claims.getExpirationTime();
            if (exp != null && nowMillis.getAsLong() >= exp.getTime()) {
                return Optional.empty();
            }
            String user = claims.getStringClaim("username");
            Number revision = (Number) claims.getClaim("revision");
            if (user == null || revision == null) {
                return Optional.empty();
            }
            return Optional.of(new AuthInfo(user, revision.longValue()));
        } catch (java.text.ParseException | JOSEException | ClassCastException e) {
            return Optional.empty();
        }
    }

    @Override
    public String assign(String user, long revision, String prefix, long index) {
        if (signer == null) {
            throw new IllegalStateException("auth: token signing attempted with verify-only key");
        }
        long exp = (nowMillis.getAsLong() + ttl.toMillis()) / 1000;
        JWTClaimsSet claims = new JWTClaimsSet.Builder().claim("username", user).claim("revision", revision)
                .expirationTime(new Date(exp * 1000)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }

    @Override
    public String newPrefix() {
        return "";
    }

    @Override
    public void enable() {
    }

    @Override
    public void disable() {
    }

    @Override
    public void invalidateUser(String user) {
    }
}
