package io.cairn.kv.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replacing the certificate files of a running member changes the certificate new connections see, without a
 * restart, as etcd does.
 */
@Tag("slow")
class CertificateRotationE2eTest {

    @TempDir
    Path dir;

    @Test
    void aNewConnectionSeesTheReplacedCertificateWithoutARestart() throws Exception {
        TestCertificates.Authority ca = TestCertificates.authority(dir, "rotation-ca");
        TestCertificates.Issued first = TestCertificates.server(ca, dir, "first", "server-one");
        TestCertificates.Issued second = TestCertificates.server(ca, dir, "second", "server-two");
        Path certFile = dir.resolve("server.pem");
        Path keyFile = dir.resolve("server-key.pem");
        Files.copy(first.certFile(), certFile);
        Files.copy(first.keyFile(), keyFile);
        ClientTls probe = new ClientTls(java.util.Optional.of(ca.certFile()), java.util.Optional.empty(),
                java.util.Optional.empty());
        try (CairnProcess cairn = CairnProcess.createTls(Files.createDirectories(dir.resolve("cairn")),
                List.of("--cert-file", certFile.toString(), "--key-file", keyFile.toString()), probe)) {
            cairn.start();
            SSLContext client = trusting(ca);
            assertThat(servedCertificate(client, cairn).getSubjectX500Principal().getName())
                    .isEqualTo("CN=server-one");

            // replace the key first, then the certificate, each by an atomic rename, as rotation tools do
            Path staged = Files.createDirectories(dir.resolve("staged"));
            Files.copy(second.keyFile(), staged.resolve("key"));
            Files.copy(second.certFile(), staged.resolve("cert"));
            Files.move(staged.resolve("key"), keyFile, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            Files.move(staged.resolve("cert"), certFile, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);

            X509Certificate seen = awaitCertificate(client, cairn, "CN=server-two");
            assertThat(seen.getSerialNumber()).isEqualTo(second.certificate().getSerialNumber());
            Etcdctl etcdctl = new Etcdctl(cairn.endpoint(), Files.createDirectories(dir.resolve("etcdctl")));
            Etcdctl.Output put = etcdctl.run(List.of("--cacert=" + ca.certFile(), "put", "rotated", "yes"), null);
            assertThat(put.exitCode()).as(put.render()).isZero();
        }
    }

    /** Opens new connections until one presents {@code subject} (the member checks its files once a second). */
    private static X509Certificate awaitCertificate(SSLContext client, CairnProcess cairn, String subject)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        X509Certificate seen = servedCertificate(client, cairn);
        while (!seen.getSubjectX500Principal().getName().equals(subject) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            seen = servedCertificate(client, cairn);
        }
        assertThat(seen.getSubjectX500Principal().getName()).as("certificate of a new connection").isEqualTo(subject);
        return seen;
    }

    private static X509Certificate servedCertificate(SSLContext client, CairnProcess cairn) throws IOException {
        try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1",
                cairn.endpoint().getPort())) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    private static SSLContext trusting(TestCertificates.Authority ca) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.certificate());
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
