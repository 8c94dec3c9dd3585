package io.cairn.kv.server.tls;

import java.io.IOException;
import java.io.StringWriter;
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
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Self-signed test certificates, in memory or as PEM files. */
public final class Certificates {

    /** A certificate and the key pair it certifies. */
    public record Pair(X509Certificate certificate, KeyPair keys) {
    }

    private Certificates() {
    }

    /** A self-signed certificate with the subject {@code dn}, e.g. {@code CN=some-user,O=Cairn}. */
    public static Pair selfSigned(String dn, long serial) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            Instant now = Instant.now();
            X500Name name = new X500Name(dn);
            var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(serial), Date.from(now),
                    Date.from(now.plus(Duration.ofDays(1))), name, keys.getPublic());
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            return new Pair(certificate, keys);
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the certificate and its PKCS#8 key as PEM. */
    public static void write(Pair pair, Path certFile, Path keyFile) throws IOException {
        Files.writeString(certFile, pem(pair.certificate()));
        Files.writeString(keyFile, pem(new JcaPKCS8Generator(pair.keys().getPrivate(), null)));
    }

    private static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }
}
