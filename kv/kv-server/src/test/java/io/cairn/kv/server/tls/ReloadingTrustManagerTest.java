package io.cairn.kv.server.tls;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadingTrustManagerTest {

    @TempDir
    Path dir;

    private final AtomicLong nanos = new AtomicLong();

    @Test
    void aReplacedCaBundleDecidesWhoIsTrustedAfterTheNextCheck() throws Exception {
        Certificates.Pair oldCa = Certificates.selfSigned("CN=old-ca", 1);
        Certificates.Pair newCa = Certificates.selfSigned("CN=new-ca", 2);
        Path bundle = dir.resolve("ca.pem");
        writeBundle(bundle, oldCa, 0);
        ReloadingTrustManager trust = new ReloadingTrustManager(bundle, nanos::get);
        assertThatCode(() -> trust.checkClientTrusted(chain(oldCa), "ECDHE_ECDSA")).doesNotThrowAnyException();
        assertThatThrownBy(() -> trust.checkClientTrusted(chain(newCa), "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class);

        writeBundle(bundle, newCa, 10);
        nanos.addAndGet(WatchedFiles.CHECK_INTERVAL.toNanos());

        assertThatCode(() -> trust.checkClientTrusted(chain(newCa), "ECDHE_ECDSA")).doesNotThrowAnyException();
        assertThatThrownBy(() -> trust.checkClientTrusted(chain(oldCa), "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class);
    }

    private static X509Certificate[] chain(Certificates.Pair pair) {
        return new X509Certificate[] {pair.certificate()};
    }

    private static void writeBundle(Path bundle, Certificates.Pair ca, int secondsLater) throws IOException {
        Path key = bundle.resolveSibling("unused-key.pem");
        Certificates.write(ca, bundle, key);
        Files.setLastModifiedTime(bundle, FileTime.from(Instant.now().plus(Duration.ofSeconds(secondsLater))));
    }
}
