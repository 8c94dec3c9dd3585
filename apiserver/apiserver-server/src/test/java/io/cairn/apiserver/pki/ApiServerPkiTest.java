package io.cairn.apiserver.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ApiServerPkiTest {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    @TempDir
    Path dataDir;

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    private ApiServerPki load(Instant now, String... extraSans) throws IOException {
        return ApiServerPki.loadOrCreate(dataDir, List.of(extraSans), at(now), new SecureRandom());
    }

    private Path pki() {
        return dataDir.resolve("apiserver").resolve("pki");
    }

    @Test
    void firstStartCreatesTheAuthorityServingAndAdminFilesAndNothingElse() throws IOException {
        ApiServerPki pki = load(T0);

        assertThat(pki.directory()).isEqualTo(pki());
        try (Stream<Path> files = Files.list(pki())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "ca.crt", "ca.key", "apiserver.crt", "apiserver.key", "admin.crt", "admin.key");
        }
        try (Stream<Path> siblings = Files.list(pki().getParent())) {
            assertThat(siblings).containsExactly(pki());
        }
        assertThat(Files.readString(pki().resolve("ca.crt"))).isEqualTo(pki.caPem());
        assertThat(Files.readString(pki().resolve("admin.crt"))).isEqualTo(pki.adminCertificatePem());
        assertThat(Files.readString(pki().resolve("admin.key"))).isEqualTo(pki.adminKeyPem())
                .startsWith("-----BEGIN PRIVATE KEY-----\n");
    }

    @Test
    void theKubeconfigCarriesTheAdminKeyAsSec1WithItsCurveSoHeaderSniffingClientsLoadIt() throws IOException {
        ApiServerPki pki = load(T0);

        String pem = pki.adminKeyKubeconfigPem();

        assertThat(pem).startsWith("-----BEGIN EC PRIVATE KEY-----\n").endsWith("-----END EC PRIVATE KEY-----\n");
        assertThat(((ECPrivateKey) Pem.readPrivateKey(pem, "kubeconfig")).getS())
                .isEqualTo(((ECPrivateKey) Pem.readPrivateKey(pki.adminKeyPem(), "admin.key")).getS());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ca.key", "apiserver.key", "admin.key"})
    void keysAreReadableByTheOwnerOnly(String key) throws IOException {
        load(T0);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pki().resolve(key))))
                .isEqualTo("rw-------");
    }

    @Test
    void theAuthorityIsASelfSignedTenYearEcdsaCaNamedCairnCa() throws Exception {
        X509Certificate ca = load(T0).caCertificate();

        assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=cairn-ca");
        assertThat(ca.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(ca.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(ca.getNotAfter().toInstant()).isEqualTo(T0.plus(Duration.ofDays(3650)));
        assertThat(ca.getNotBefore().toInstant()).isEqualTo(T0.minus(Duration.ofMinutes(5)));
        ca.verify(ca.getPublicKey());
    }

    @Test
    void theServingCertificateCarriesTheDefaultNamesAndTheExtraOnesForServerAuth() throws Exception {
        ApiServerPki pki = load(T0, "10.0.0.7", "cairn.example.org", "[fd00::1]", "0.0.0.0");
        X509Certificate serving = pki.servingCertificate();

        assertThat(serving.getSubjectAlternativeNames()).extracting(entry -> (Object) entry.get(1)).containsExactlyInAnyOrder(
                "localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc",
                "kubernetes.default.svc.cluster.local", "cairn.example.org",
                "127.0.0.1", "0:0:0:0:0:0:0:1", "10.0.0.7", "fd00:0:0:0:0:0:0:1");
        assertThat(serving.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(serving.getBasicConstraints()).isEqualTo(-1);
        assertThat(serving.getNotAfter().toInstant()).isEqualTo(T0.plus(Duration.ofDays(365)));
        serving.verify(pki.caCertificate().getPublicKey());
    }

    @Test
    void theAdminCertificateIsCairnAdminInSystemMastersForClientAuth() throws Exception {
        ApiServerPki pki = load(T0);
        X509Certificate admin = pki.adminCertificate();

        assertThat(Authenticator.certificateUser(admin)).contains(
                new UserInfo("cairn-admin", "", List.of("system:masters")));
        assertThat(admin.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(admin.getNotAfter().toInstant()).isEqualTo(T0.plus(Duration.ofDays(365)));
        admin.verify(pki.caCertificate().getPublicKey());
    }

    @Test
    void aLaterStartLoadsTheSameAuthorityAndCertificates() throws IOException {
        ApiServerPki first = load(T0);
        ApiServerPki second = load(T0.plus(Duration.ofDays(100)));

        assertThat(second.caCertificate()).isEqualTo(first.caCertificate());
        assertThat(second.servingCertificate()).isEqualTo(first.servingCertificate());
        assertThat(second.adminCertificatePem()).isEqualTo(first.adminCertificatePem());
        assertThat(second.adminKeyPem()).isEqualTo(first.adminKeyPem());
    }

    @Test
    void aMissingNameReissuesTheServingCertificateWithTheSameAuthority() throws Exception {
        ApiServerPki first = load(T0);
        ApiServerPki second = load(T0, "cairn.example.org");

        assertThat(second.caCertificate()).isEqualTo(first.caCertificate());
        assertThat(second.servingCertificate()).isNotEqualTo(first.servingCertificate());
        assertThat(second.servingCertificate().getSubjectAlternativeNames()).extracting(entry -> (Object) entry.get(1))
                .contains("cairn.example.org", "localhost");
        assertThat(Files.readString(pki().resolve("apiserver.crt")))
                .isEqualTo(Pem.certificate(second.servingCertificate()));
        assertThat(second.adminCertificatePem()).isEqualTo(first.adminCertificatePem());
    }

    @ParameterizedTest(name = "{0} days after issue: reissued = {1}")
    @CsvSource({"300, false", "334, false", "335, true", "340, true", "400, true"})
    void certificatesAreReissuedWhenTheyExpireWithinThirtyDays(int days, boolean reissued) throws IOException {
        ApiServerPki first = load(T0);
        Instant later = T0.plus(Duration.ofDays(days)).plusSeconds(1);
        ApiServerPki second = load(later);

        assertThat(second.caCertificate()).isEqualTo(first.caCertificate());
        assertThat(second.servingCertificate().equals(first.servingCertificate())).isEqualTo(!reissued);
        assertThat(second.adminCertificatePem().equals(first.adminCertificatePem())).isEqualTo(!reissued);
        if (reissued) {
            assertThat(second.servingCertificate().getNotAfter().toInstant())
                    .isEqualTo(later.plus(Duration.ofDays(365)));
        }
    }

    @Test
    void removedServingFilesAreIssuedAgainByTheSameAuthority() throws Exception {
        ApiServerPki first = load(T0);
        Files.delete(pki().resolve("apiserver.crt"));
        Files.delete(pki().resolve("apiserver.key"));

        ApiServerPki second = load(T0);

        assertThat(second.caCertificate()).isEqualTo(first.caCertificate());
        assertThat(Files.exists(pki().resolve("apiserver.crt"))).isTrue();
        second.servingCertificate().verify(first.caCertificate().getPublicKey());
    }

    @Test
    void aServingKeyThatNoLongerMatchesItsCertificateIsReissued() throws IOException {
        ApiServerPki first = load(T0);
        Files.copy(pki().resolve("admin.key"), pki().resolve("apiserver.key"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        ApiServerPki second = load(T0);

        assertThat(second.servingCertificate()).isNotEqualTo(first.servingCertificate());
        assertThat(second.caCertificate()).isEqualTo(first.caCertificate());
    }

    @ParameterizedTest(name = "{0} missing")
    @ValueSource(strings = {"ca.crt", "ca.key", "apiserver.crt", "apiserver.key", "admin.crt", "admin.key"})
    void halfAPairFailsTheStartNamingTheMissingFile(String file) throws IOException {
        ApiServerPki first = load(T0);
        Files.delete(pki().resolve(file));

        assertThatThrownBy(() -> load(T0)).isInstanceOf(IOException.class)
                .hasMessageContaining(pki().resolve(file).toString()).hasMessageContaining("is missing");
        assertThat(Files.readString(pki().resolve(file.startsWith("ca.") ? "admin.crt" : "ca.crt")))
                .isEqualTo(file.startsWith("ca.") ? first.adminCertificatePem() : first.caPem());
    }

    @Test
    void aMissingAuthorityIsNeverRecreatedWhileOtherCertificatesExist() throws IOException {
        load(T0);
        Files.delete(pki().resolve("ca.crt"));
        Files.delete(pki().resolve("ca.key"));

        assertThatThrownBy(() -> load(T0)).isInstanceOf(IOException.class)
                .hasMessageContaining(pki().resolve("ca.crt").toString())
                .hasMessageContaining("refusing to create a new certificate authority");
        assertThat(Files.exists(pki().resolve("ca.crt"))).isFalse();
    }

    @ParameterizedTest(name = "{0} holding {1}")
    @CsvSource(delimiter = '|', value = {
        "ca.crt        | garbage",
        "ca.key        | garbage",
        "apiserver.crt | -----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----\\n",
        "apiserver.key | -----BEGIN PRIVATE KEY-----\\nAAAA\\n-----END PRIVATE KEY-----\\n",
        "admin.crt     | ''",
        "admin.key     | -----BEGIN PRIVATE KEY-----\\nMIIB",
    })
    void aCorruptFileFailsTheStartNamingTheFile(String file, String content) throws IOException {
        load(T0);
        Path target = pki().resolve(file);
        Files.writeString(target, content.replace("\\n", "\n"));

        assertThatThrownBy(() -> load(T0)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(target.toString());
        assertThat(Files.readString(target)).isEqualTo(content.replace("\\n", "\n"));
    }

    @Test
    void anAuthorityKeyThatDoesNotBelongToTheAuthorityFailsTheStart() throws IOException {
        load(T0);
        Files.copy(pki().resolve("admin.key"), pki().resolve("ca.key"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> load(T0)).isInstanceOf(IOException.class)
                .hasMessageContaining(pki().resolve("ca.key").toString())
                .hasMessageContaining("does not belong");
    }

    @Test
    void anEmptyPkiDirectoryIsFilledOnFirstStart() throws IOException {
        Files.createDirectories(pki());

        ApiServerPki pki = load(T0);

        assertThat(Files.readString(pki().resolve("ca.crt"))).isEqualTo(pki.caPem());
    }

    @Test
    void anExtraNameThatIsNeitherADnsNameNorAnIpAddressIsRefused() {
        assertThatThrownBy(() -> load(T0, "host:6443")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("host:6443");
    }
}
