package io.cairn.kv.tests;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test certificate authorities and the certificates they issue, written as PEM files that etcd, etcdctl, Cairn and
 * jetcd all read.
 *
 * <p>Why generated per test run: fixed certificates expire and tie tests to files nobody can regenerate; a CA made
 * here lives as long as the test. Keys are ECDSA P-256 (quick to make, read by Go and the JDK alike); private keys
 * are PKCS#8.
 */
final class TestCertificates {

    private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime() & 0xffffffL);

    /** A CA: its certificate file and what it needs to sign. */
    record Authority(String name, Path certFile, X509Certificate certificate, KeyPair keys) {
    }

    /** An issued certificate and its key, as files. */
    record Issued(Path certFile, Path keyFile, X509Certificate certificate) {
    }

    private TestCertificates() {
    }

    /** A self-signed CA named {@code CN=<name>}, written to {@code <dir>/<name>.pem}. */
    static Authority authority(Path dir, String name) {
        KeyPair keys = newKeys();
        X500Name subject = new X500Name("CN=" + name);
        JcaX509v3CertificateBuilder builder = builder(subject, subject, keys);
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate certificate = sign(builder, keys);
            Path file = dir.resolve(name + ".pem");
            Files.writeString(file, pem(certificate));
            return new Authority(name, file, certificate, keys);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A certificate for a member, {@code CN=<commonName>}, valid for 127.0.0.1 and localhost, usable as server and
     * client certificate (as etcd's peer certificates are), written to {@code <dir>/<fileName>.pem} and
     * {@code <dir>/<fileName>-key.pem}.
     */
    static Issued server(Authority ca, Path dir, String fileName, String commonName) {
        return issue(ca, dir, fileName, commonName, true);
    }

    /** A client certificate {@code CN=<commonName>} without host names. */
    static Issued client(Authority ca, Path dir, String fileName, String commonName) {
        return issue(ca, dir, fileName, commonName, false);
    }

    private static Issued issue(Authority ca, Path dir, String fileName, String commonName, boolean server) {
        KeyPair keys = newKeys();
        JcaX509v3CertificateBuilder builder = builder(new X500Name("CN=" + ca.name()), new X500Name("CN=" + commonName),
                keys);
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            builder.addExtension(Extension.extendedKeyUsage, false, server
                    ? new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth,
                            KeyPurposeId.id_kp_clientAuth})
                    : new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            if (server) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                        new GeneralName(GeneralName.dNSName, "localhost")}));
            }
            X509Certificate certificate = sign(builder, ca.keys());
            Path certFile = dir.resolve(fileName + ".pem");
            Path keyFile = dir.resolve(fileName + "-key.pem");
            Files.writeString(certFile, pem(certificate));
            Files.writeString(keyFile, pem(keys.getPrivate()));
            return new Issued(certFile, keyFile, certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JcaX509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIALS.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject,
                keys.getPublic());
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder builder, KeyPair signer) {
        try {
            X509CertificateHolder holder = builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate()));
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair newKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object instanceof java.security.PrivateKey key
                    ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null) : object);
        }
        return out.toString();
    }
}
