package io.cairn.kv.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadingKeyManagerTest {

    @TempDir
    Path dir;

    private final AtomicLong nanos = new AtomicLong();
    private Path cert;
    private Path key;

    @BeforeEach
    void files() {
        cert = dir.resolve("server.pem");
        key = dir.resolve("server-key.pem");
    }

    @Test
    void replacedFilesAreServedAfterTheNextCheck() throws IOException {
        write(Certificates.selfSigned("CN=before", 1), 0);
        ReloadingKeyManager keys = new ReloadingKeyManager(cert, key, nanos::get);
        assertThat(served(keys).getSerialNumber()).hasToString("1");

        write(Certificates.selfSigned("CN=after", 2), 10);
        assertThat(served(keys).getSerialNumber()).as("checked at most once a second").hasToString("1");

        nanos.addAndGet(WatchedFiles.CHECK_INTERVAL.toNanos());
        assertThat(served(keys).getSerialNumber()).hasToString("2");
        assertThat(keys.getPrivateKey(keys.chooseEngineServerAlias("EC", null, null))).isNotNull();
    }

    @Test
    void anUnreadableReplacementKeepsThePreviousCertificate() throws IOException {
        write(Certificates.selfSigned("CN=before", 1), 0);
        ReloadingKeyManager keys = new ReloadingKeyManager(cert, key, nanos::get);

        Files.writeString(cert, "-----BEGIN CERTIFICATE-----\nhalf written");
        Files.setLastModifiedTime(cert, FileTime.from(Instant.now().plus(Duration.ofSeconds(10))));
        nanos.addAndGet(WatchedFiles.CHECK_INTERVAL.toNanos());

        assertThat(served(keys).getSerialNumber()).hasToString("1");
    }

    @Test
    void theAliasOfAHandshakeStillResolvesAfterARotation() throws IOException {
        write(Certificates.selfSigned("CN=before", 1), 0);
        ReloadingKeyManager keys = new ReloadingKeyManager(cert, key, nanos::get);
        String alias = keys.chooseEngineServerAlias("EC", null, null);

        write(Certificates.selfSigned("CN=after", 2), 10);
        nanos.addAndGet(WatchedFiles.CHECK_INTERVAL.toNanos());
        keys.chooseEngineServerAlias("EC", null, null);

        assertThat(keys.getCertificateChain(alias)[0].getSerialNumber()).hasToString("1");
        assertThat(keys.getPrivateKey(alias)).isNotNull();
    }

    @Test
    void aKeyOfAnotherTypeIsNotOffered() throws IOException {
        write(Certificates.selfSigned("CN=ec", 1), 0);
        ReloadingKeyManager keys = new ReloadingKeyManager(cert, key, nanos::get);

        assertThat(keys.chooseEngineServerAlias("RSA", null, null)).isNull();
        assertThat(keys.chooseEngineServerAlias("EC", null, null)).isNotNull();
    }

    private static X509Certificate served(ReloadingKeyManager keys) {
        return keys.getCertificateChain(keys.chooseEngineServerAlias("EC", null, null))[0];
    }

    /** Writes both files with a modification time {@code secondsLater} than now, so each write is seen. */
    private void write(Certificates.Pair pair, int secondsLater) throws IOException {
        Certificates.write(pair, cert, key);
        FileTime time = FileTime.from(Instant.now().plus(Duration.ofSeconds(secondsLater)));
        Files.setLastModifiedTime(cert, time);
        Files.setLastModifiedTime(key, time);
    }
}
