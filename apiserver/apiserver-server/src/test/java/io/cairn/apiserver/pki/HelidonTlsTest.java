package io.cairn.apiserver.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.helidon.common.tls.Tls;
import io.helidon.common.tls.TlsClientAuth;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The listener setup the API server uses: Helidon with {@link ApiServerPki#serverContext()} and optional client
 * authentication, a handler that asks the {@link Authenticator}, and clients with and without certificates.
 */
class HelidonTlsTest {

    private static final String TOKEN = "s3cr3t-token";

    @TempDir
    static Path dataDir;

    private static ApiServerPki pki;
    private static WebServer server;

    @BeforeAll
    static void start() throws IOException {
        pki = ApiServerPki.loadOrCreate(dataDir, List.of(), Clock.systemUTC());
        Path tokens = Files.writeString(dataDir.resolve("tokens.csv"), TOKEN + ",alice,1001,\"dev,ops\"\n");
        Authenticator authenticator = Authenticator.create(Optional.of(TokenFile.load(tokens)), pki.caCertificate(),
                Clock.systemUTC());
        server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .tls(Tls.builder()
                        .sslContext(pki.serverContext())
                        .clientAuth(TlsClientAuth.OPTIONAL)
                        .build())
                .routing(routing -> routing.get("/whoami", (request, response) -> {
                    Optional<X509Certificate[]> chain = request.remotePeer().tlsCertificates()
                            .map(certificates -> Arrays.stream(certificates)
                                    .map(X509Certificate.class::cast).toArray(X509Certificate[]::new));
                    AuthResult result = authenticator.authenticate(chain,
                            request.headers().first(io.helidon.http.HeaderNames.AUTHORIZATION));
                    switch (result) {
                        case AuthResult.Authenticated(UserInfo user) ->
                                response.send(user.name() + " " + String.join(",", user.groups()));
                        case AuthResult.Anonymous anonymous -> response.status(Status.UNAUTHORIZED_401)
                                .send("anonymous");
                        case AuthResult.Rejected(String reason) -> response.status(Status.UNAUTHORIZED_401)
                                .send(reason);
                    }
                }))
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private static URI whoami(String host) {
        return URI.create("https://" + host + ":" + server.port() + "/whoami");
    }

    private static HttpResponse<String> get(SSLContext client, Optional<String> authorization)
            throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newBuilder().sslContext(client).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(whoami("localhost")).timeout(Duration.ofSeconds(10));
            authorization.ifPresent(value -> request.header("Authorization", value));
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static SSLContext clientContext(Optional<Credential> identity) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("cairn-ca", pki.caCertificate());
        TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
        trust.init(trusted);
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        if (identity.isPresent()) {
            store.setKeyEntry("client", identity.get().key(), new char[0],
                    new Certificate[] {identity.get().certificate()});
        }
        keys.init(store, new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), new SecureRandom());
        return context;
    }

    private static Credential admin() throws IOException {
        return new Credential(Pem.readCertificate(pki.adminCertificatePem(), "admin.crt"),
                Pem.readPrivateKey(pki.adminKeyPem(), "admin.key"));
    }

    @Test
    void theAdminCertificateAuthenticatesAsCairnAdminInSystemMasters() throws Exception {
        HttpResponse<String> response = get(clientContext(Optional.of(admin())), Optional.empty());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("cairn-admin system:masters,system:authenticated");
    }

    @Test
    void theAdminCertificateWinsOverAnUnknownBearerToken() throws Exception {
        HttpResponse<String> response = get(clientContext(Optional.of(admin())), Optional.of("Bearer nope"));

        assertThat(response.body()).isEqualTo("cairn-admin system:masters,system:authenticated");
    }

    @Test
    void withoutACertificateTheHandshakeSucceedsAndTheRequestIsAnonymous() throws Exception {
        HttpResponse<String> response = get(clientContext(Optional.empty()), Optional.empty());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("anonymous");
    }

    @Test
    void withoutACertificateAKnownBearerTokenAuthenticates() throws Exception {
        HttpResponse<String> response = get(clientContext(Optional.empty()), Optional.of("Bearer " + TOKEN));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("alice dev,ops,system:authenticated");
    }

    @Test
    void withoutACertificateAnUnknownBearerTokenIsRejected() throws Exception {
        HttpResponse<String> response = get(clientContext(Optional.empty()), Optional.of("Bearer nope"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("invalid bearer token");
    }

    @Test
    void aClientCertificateFromAnotherAuthorityIsUnauthorizedNotAHandshakeFailure() throws Exception {
        CertificateIssuer issuer = new CertificateIssuer(Clock.systemUTC(), new SecureRandom());
        Credential foreign = issuer.client(issuer.authority("cairn-ca"), "cairn-admin", List.of("system:masters"));
        SSLContext client = clientContext(Optional.of(foreign));

        // as kube-apiserver: the handshake completes, the x509 authenticator refuses the chain
        HttpResponse<String> response = get(client, Optional.empty());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("x509: certificate signed by unknown authority");
    }

    @Test
    void aForeignCertificateDoesNotHideAValidBearerToken() throws Exception {
        CertificateIssuer issuer = new CertificateIssuer(Clock.systemUTC(), new SecureRandom());
        Credential foreign = issuer.client(issuer.authority("cairn-ca"), "cairn-admin", List.of("system:masters"));

        HttpResponse<String> response = get(clientContext(Optional.of(foreign)), Optional.of("Bearer " + TOKEN));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("alice ");
    }

    @Test
    void kubectlConnectsWithTheKubeconfigAndIsCairnAdmin() throws Exception {
        assumeThat(Kubectl.available()).as("kubectl on PATH").isTrue();
        Path kubeconfig = dataDir.resolve("kubeconfig.yaml");
        Kubeconfig.write(kubeconfig, "https://127.0.0.1:" + server.port(), pki.caPem(),
                pki.adminCertificatePem(), pki.adminKeyPem());

        Kubectl.Result result = Kubectl.run("--kubeconfig", kubeconfig.toString(), "get", "--raw", "/whoami");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).isEqualTo("cairn-admin system:masters,system:authenticated");
    }
}
