package io.cairn.kv.tests;

import static io.cairn.kv.tests.Requests.bs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.api.AuthEnableRequest;
import io.etcd.jetcd.api.AuthGrpc;
import io.etcd.jetcd.api.AuthRoleAddRequest;
import io.etcd.jetcd.api.AuthUserAddRequest;
import io.etcd.jetcd.api.AuthUserGrantRoleRequest;
import io.etcd.jetcd.api.AuthenticateRequest;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.RangeRequest;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * JWT tokens ({@code --auth-token jwt,...,ttl=2s}) against etcd 3.4 and Cairn: jetcd keeps working across token
 * expiry (it authenticates again on {@code invalid auth token}); expired, tampered and pre-change tokens are
 * refused with etcd's errors.
 */
@BothServers
class AuthJwtConformanceTest extends ConformanceTest {

    private static final Metadata.Key<String> TOKEN = Metadata.Key.of("token", Metadata.ASCII_STRING_MARSHALLER);
    private static final long TTL_MILLIS = 2000;
    private TestCluster enabledOn;

    @Override
    List<String> serverFlags() {
        try {
            Path dir = Files.createTempDirectory("cairn-jwt-keys-");
            // gone when the test JVM exits (files first: deleteOnExit runs in reverse order of registration)
            dir.toFile().deleteOnExit();
            dir.resolve("jwt.key").toFile().deleteOnExit();
            dir.resolve("jwt.pub").toFile().deleteOnExit();
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair kp = g.generateKeyPair();
            Path priv = pem(dir.resolve("jwt.key"), "PRIVATE KEY", kp.getPrivate());
            Path pub = pem(dir.resolve("jwt.pub"), "PUBLIC KEY", kp.getPublic());
            return List.of("--auth-token", "jwt,pub-key=" + pub + ",priv-key=" + priv + ",sign-method=RS256,ttl="
                    + TTL_MILLIS + "ms");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path pem(Path file, String type, Key key) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded());
        return Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
    }

    private AuthGrpc.AuthBlockingStub auth() {
        return AuthGrpc.newBlockingStub(cluster.channel()).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    private KVGrpc.KVBlockingStub kv(String token) {
        Metadata md = new Metadata();
        md.put(TOKEN, token);
        return KVGrpc.newBlockingStub(ClientInterceptors.intercept(cluster.channel(),
                MetadataUtils.newAttachHeadersInterceptor(md))).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    private String token() {
        return auth().authenticate(AuthenticateRequest.newBuilder().setName("root").setPassword("rootpw").build())
                .getToken();
    }

    @BeforeEach
    void enableAuthOnce() {
        if (enabledOn == cluster) {
            return;
        }
        auth().userAdd(AuthUserAddRequest.newBuilder().setName("root").setPassword("rootpw").build());
        auth().userGrantRole(AuthUserGrantRoleRequest.newBuilder().setUser("root").setRole("root").build());
        auth().authEnable(AuthEnableRequest.getDefaultInstance());
        enabledOn = cluster;
    }

    private static void assertInvalidToken(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(e.getStatus().getDescription()).isEqualTo("etcdserver: invalid auth token");
        });
    }

    @Test
    void aJetcdClientKeepsWorkingAcrossTheExpiryOfItsToken() throws Exception {
        ByteSequence user = ByteSequence.from("root", StandardCharsets.UTF_8);
        ByteSequence password = ByteSequence.from("rootpw", StandardCharsets.UTF_8);
        try (Client client = Client.builder().endpoints(cluster.server().endpoint()).user(user).password(password)
                .build()) {
            client.getKVClient().put(k("a"), bytes("1")).get(15, TimeUnit.SECONDS);

            Thread.sleep(TTL_MILLIS + 1500);

            assertThat(client.getKVClient().get(k("a")).get(15, TimeUnit.SECONDS).getKvs())
                    .extracting(kv -> text(kv.getValue())).containsExactly("1");
        }
    }

    @Test
    void anExpiredTokenIsRefusedAsInvalid() throws InterruptedException {
        String token = token();
        kv(token).range(RangeRequest.newBuilder().setKey(bs(key("a"))).build());

        Thread.sleep(TTL_MILLIS + 1500);

        assertInvalidToken(() -> kv(token).range(RangeRequest.newBuilder().setKey(bs(key("a"))).build()));
    }

    @Test
    void aTamperedTokenIsRefusedAsInvalid() {
        String token = token();
        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forgedClaims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                claims.replace("\"root\"", "\"toor\"").getBytes(StandardCharsets.UTF_8));
        char last = parts[2].charAt(parts[2].length() - 2);
        String forgedSignature = parts[2].substring(0, parts[2].length() - 2) + (last == 'A' ? 'B' : 'A')
                + parts[2].charAt(parts[2].length() - 1);

        assertInvalidToken(() -> kv(parts[0] + "." + forgedClaims + "." + parts[2]).range(
                RangeRequest.newBuilder().setKey(bs(key("a"))).build()));
        assertInvalidToken(() -> kv(parts[0] + "." + parts[1] + "." + forgedSignature).range(
                RangeRequest.newBuilder().setKey(bs(key("a"))).build()));
    }

    @Test
    void aTokenIssuedBeforeAnAuthChangeIsRefusedAsOfAnOldRevision() {
        String token = token();

        Metadata md = new Metadata();
        md.put(TOKEN, token());
        AuthGrpc.newBlockingStub(ClientInterceptors.intercept(cluster.channel(),
                MetadataUtils.newAttachHeadersInterceptor(md))).withDeadlineAfter(10, TimeUnit.SECONDS)
                .roleAdd(AuthRoleAddRequest.newBuilder().setName("r-" + prefix().hashCode()).build());

        assertThatThrownBy(() -> kv(token).range(RangeRequest.newBuilder().setKey(bs(key("a"))).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).isEqualTo("etcdserver: revision of auth store is old");
                });
        assertThat(kv(token()).range(RangeRequest.newBuilder().setKey(bs(key("a"))).build()).getCount()).isZero();
    }
}
