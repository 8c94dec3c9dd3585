package io.cairn.kv.server.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * etcd's {@code --auto-tls} / {@code --peer-auto-tls}: a self-signed certificate and key written once to
 * {@code cert.pem} and {@code key.pem} in a directory under the data directory, and reused on later starts.
 *
 * <p>Why etcd's shape (ECDSA P-521, organisation {@code etcd}, one year, the listen hosts as subject alternative
 * names, the files kept): clients and scripts written for etcd's auto-TLS find the same files in the same place.
 * The key is written as PKCS#8 ({@code PRIVATE KEY}), which both Go and the JDK read.
 */
final class SelfSignedCertificate {

    private SelfSignedCertificate() {
    }

    /** The certificate and key files in {@code directory}, generated first if either is missing. */
    static Path[] ensure(Path directory, List<String> hosts, boolean alsoClientAuth, SecureRandom random) {
        Path cert = directory.resolve("cert.pem");
        Path key = directory.resolve("key.pem");
        if (Files.isRegularFile(cert) && Files.isRegularFile(key)) {
            return new Path[] {cert, key};
        }
        try {
            Files.createDirectories(directory);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp521r1"), random);
            KeyPair pair = generator.generateKeyPair();
            Instant now = Instant.now();
            X500Name subject = new X500Name("O=etcd");
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(128, random), Date.from(now), Date.from(now.plus(Duration.ofDays(365))), subject,
                    pair.getPublic());
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.keyEncipherment | KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, alsoClientAuth
                    ? new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth,
                            KeyPurposeId.id_kp_clientAuth})
                    : new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            List<GeneralName> names = new ArrayList<>();
            for (String host : hosts) {
                boolean ip = host.startsWith("[") || host.chars().allMatch(c -> Character.isDigit(c) || c == '.');
                names.add(ip ? new GeneralName(GeneralName.iPAddress, host.replace("[", "").replace("]", ""))
                        : new GeneralName(GeneralName.dNSName, host));
            }
            if (!names.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(GeneralName[]::new)));
            }
            X509CertificateHolder holder = builder.build(
                    new JcaContentSignerBuilder("SHA512withECDSA").build(pair.getPrivate()));
            Files.writeString(cert, pem(holder));
            Files.writeString(key, pem(new JcaPKCS8Generator(pair.getPrivate(), null)));
            try {
                Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // the key stays readable by whoever can read the data directory
            }
            return new Path[] {cert, key};
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write self-signed certificate to " + directory, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot generate a self-signed certificate: " + e.getMessage(), e);
        }
    }

    private static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }
}
