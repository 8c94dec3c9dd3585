package io.cairn.kv.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtTokensTest {

    @TempDir
    Path dir;

    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);

    private Path pem(String name, String type, Key key) throws Exception {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded());
        return Files.writeString(dir.resolve(name), "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type
                + "-----\n");
    }

    private TokenProvider provider(String method, boolean withPublicKey) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance(method.startsWith("ES") ? "EC" : "RSA");
        g.initialize(method.startsWith("ES") ? switch (method) {
            case "ES384" -> 384;
            case "ES512" -> 521;
            default -> 256;
        } : 2048);
        KeyPair kp = g.generateKeyPair();
        String spec = "jwt,priv-key=" + pem("k.pem", "PRIVATE KEY", kp.getPrivate()) + ",sign-method=" + method
                + ",ttl=10m" + (withPublicKey ? ",pub-key=" + pem("k.pub", "PUBLIC KEY", kp.getPublic()) : "");
        return TokenProvider.create(spec, Duration.ofSeconds(300), now::get, new Random(1), i -> false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"})
    void aTokenSignedWithEachOfEtcdsMethodsCarriesUserAndRevision(String method) throws Exception {
        TokenProvider jwt = provider(method, true);

        String token = jwt.assign("alice", 7, "", 3);

        assertThat(jwt.info(token, 99)).contains(new AuthInfo("alice", 7));
    }

    @Test
    void withoutAPublicKeyThePrivateKeysPublicHalfVerifies() throws Exception {
        TokenProvider rsa = provider("RS256", false);
        TokenProvider ec = provider("ES256", false);

        assertThat(rsa.info(rsa.assign("a", 1, "", 1), 1)).isPresent();
        assertThat(ec.info(ec.assign("a", 1, "", 1), 1)).isPresent();
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        TokenProvider jwt = provider("RS256", true);
        String token = jwt.assign("alice", 1, "", 1);

        now.addAndGet(Duration.ofMinutes(9).toMillis());
        assertThat(jwt.info(token, 1)).isPresent();
        now.addAndGet(Duration.ofMinutes(2).toMillis());
        assertThat(jwt.info(token, 1)).isEmpty();
    }

    @Test
    void aTamperedTokenIsRefused() throws Exception {
        TokenProvider jwt = provider("ES256", true);
        String token = jwt.assign("alice", 1, "", 1);
        String[] parts = token.split("\\.");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1])).replace("alice", "root_").getBytes());

        assertThat(jwt.info(parts[0] + "." + forged + "." + parts[2], 1)).isEmpty();
        assertThat(jwt.info("not-a-jwt", 1)).isEmpty();
    }

    @Test
    void aTokenOfAnotherKeyIsRefused() throws Exception {
        TokenProvider one = provider("RS256", true);
        TokenProvider other = provider("RS256", true);

        assertThat(other.info(one.assign("alice", 1, "", 1), 1)).isEmpty();
    }

    @Test
    void unknownKindsAndMethodsAreEtcdsInvalidOptions() {
        assertThatThrownBy(() -> TokenProvider.create("magic", Duration.ZERO, now::get, new Random(), i -> false))
                .hasMessage("auth: invalid auth options");
        assertThatThrownBy(() -> TokenProvider.create("jwt,sign-method=XX1", Duration.ZERO, now::get, new Random(),
                i -> false)).hasMessage("auth: invalid auth signature method");
        assertThatThrownBy(() -> TokenProvider.create("jwt,sign-method=RS256", Duration.ZERO, now::get, new Random(),
                i -> false)).hasMessage("auth: missing key data");
    }
}
