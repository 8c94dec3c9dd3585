package io.cairn.apiserver.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuthenticatorTest {

    @TempDir
    static Path directory;

    private static Authenticator authenticator;
    private static Authenticator withoutTokens;
    private static Credential authority;
    private static CertificateIssuer issuer;

    @BeforeAll
    static void setUp() throws IOException, GeneralSecurityException {
        Path file = Files.writeString(directory.resolve("tokens.csv"),
                "good,alice,1001,\"dev,ops\"\nauth,bob,1002,system:authenticated\n");
        authenticator = Authenticator.create(Optional.of(TokenFile.load(file)));
        withoutTokens = Authenticator.create(Optional.empty());
        issuer = new CertificateIssuer(Clock.systemUTC(), new SecureRandom());
        authority = issuer.authority("cairn-ca");
    }

    private static Optional<X509Certificate[]> chain(String commonName, String... organizations)
            throws GeneralSecurityException {
        X509Certificate leaf = issuer.client(authority, commonName, List.of(organizations)).certificate();
        return Optional.of(new X509Certificate[] {leaf, authority.certificate()});
    }

    private static AuthResult.Authenticated user(String name, String uid, String... groups) {
        return new AuthResult.Authenticated(new UserInfo(name, uid, List.of(groups)));
    }

    @Test
    void aClientCertificateIsItsCommonNameWithItsOrganisationsAsGroups() throws Exception {
        assertThat(authenticator.authenticate(chain("jane", "system:masters", "team-a"), Optional.empty()))
                .isEqualTo(user("jane", "", "system:masters", "team-a", "system:authenticated"));
    }

    @Test
    void aClientCertificateWinsOverAnUnknownBearerToken() throws Exception {
        assertThat(authenticator.authenticate(chain("jane"), Optional.of("Bearer unknown")))
                .isEqualTo(user("jane", "", "system:authenticated"));
    }

    @Test
    void aClientCertificateWithoutCommonNameLeavesTheDecisionToTheToken() throws Exception {
        assertThat(authenticator.authenticate(chain("", "system:masters"), Optional.of("Bearer good")))
                .isEqualTo(user("alice", "1001", "dev", "ops", "system:authenticated"));
        assertThat(authenticator.authenticate(chain("", "system:masters"), Optional.empty()))
                .isInstanceOf(AuthResult.Anonymous.class);
    }

    @Test
    void anEmptyCertificateChainCountsAsNoCertificate() {
        assertThat(authenticator.authenticate(Optional.of(new X509Certificate[0]), Optional.empty()))
                .isInstanceOf(AuthResult.Anonymous.class);
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(quoteCharacter = '\'', value = {"Bearer good", "bearer good", "BEARER good", "'  Bearer good  '",
        "Bearer good trailing-words"})
    void aKnownBearerTokenIsItsUserFromTheTokenFile(String header) {
        assertThat(authenticator.authenticate(Optional.empty(), Optional.of(header)))
                .isEqualTo(user("alice", "1001", "dev", "ops", "system:authenticated"));
    }

    @Test
    void systemAuthenticatedIsNotAddedTwice() {
        assertThat(authenticator.authenticate(Optional.empty(), Optional.of("Bearer auth")))
                .isEqualTo(user("bob", "1002", "system:authenticated"));
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(quoteCharacter = '\'', value = {"Bearer unknown", "Bearer Good", "'Bearer good,'"})
    void anUnknownBearerTokenIsRejected(String header) {
        assertThat(authenticator.authenticate(Optional.empty(), Optional.of(header)))
                .isEqualTo(new AuthResult.Rejected("invalid bearer token"));
    }

    @Test
    void aBearerTokenIsRejectedWhenNoTokenFileIsConfigured() {
        assertThat(withoutTokens.authenticate(Optional.empty(), Optional.of("Bearer good")))
                .isEqualTo(new AuthResult.Rejected("invalid bearer token"));
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(quoteCharacter = '\'', value = {"''", "'   '", "Bearer", "'Bearer '", "'Bearer  good'",
        "Basic YWxpY2U6cHc=", "Token good", "good"})
    void aHeaderWithoutABearerTokenIsAnonymous(String header) {
        AuthResult result = authenticator.authenticate(Optional.empty(), Optional.of(header));

        assertThat(result).isInstanceOf(AuthResult.Anonymous.class);
        assertThat(((AuthResult.Anonymous) result).user())
                .isEqualTo(new UserInfo("system:anonymous", "", List.of("system:unauthenticated")));
    }

    @Test
    void noCredentialsAtAllIsAnonymous() {
        assertThat(withoutTokens.authenticate(Optional.empty(), Optional.empty()))
                .isInstanceOf(AuthResult.Anonymous.class);
    }
}
