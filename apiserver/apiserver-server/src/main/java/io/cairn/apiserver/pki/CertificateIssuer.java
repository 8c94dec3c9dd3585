package io.cairn.apiserver.pki;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes the API server's certificates: the authority, the serving certificate and client certificates.
 *
 * <p>Why ECDSA P-256 with SHA-256: it is what k3s generates, every TLS stack Kubernetes clients use (Go, the JDK,
 * OpenSSL) accepts it, and a key takes milliseconds to generate where RSA 2048 takes far longer on a first start.
 * Certificates start five minutes before "now" so a client whose clock lags slightly still accepts them.
 */
final class CertificateIssuer {

    static final Duration CA_VALIDITY = Duration.ofDays(3650);
    static final Duration LEAF_VALIDITY = Duration.ofDays(365);
    static final Duration BACKDATE = Duration.ofMinutes(5);

    private final Clock clock;
    private final SecureRandom random;

    CertificateIssuer(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    /** A self-signed certificate authority named {@code commonName}. */
    Credential authority(String commonName) throws GeneralSecurityException {
        KeyPair pair = keyPair();
        X500Name name = name(commonName, List.of());
        X509v3CertificateBuilder builder = builder(name, name, pair.getPublic(), CA_VALIDITY);
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    utils.createSubjectKeyIdentifier(pair.getPublic()));
        } catch (CertIOException e) {
            throw new GeneralSecurityException("certificate extension cannot be encoded", e);
        }
        return new Credential(sign(builder, pair.getPrivate()), pair.getPrivate());
    }

    /** A serving certificate ({@code serverAuth}) for {@code names}, signed by {@code authority}. */
    Credential server(Credential authority, String commonName, SubjectAltNames names)
            throws GeneralSecurityException {
        List<GeneralName> altNames = new ArrayList<>();
        for (String dns : names.dnsNames()) {
            altNames.add(new GeneralName(GeneralName.dNSName, dns));
        }
        for (InetAddress ip : names.ipAddresses()) {
            altNames.add(new GeneralName(GeneralName.iPAddress, ip.getHostAddress()));
        }
        return leaf(authority, name(commonName, List.of()), KeyPurposeId.id_kp_serverAuth,
                Optional.of(new GeneralNames(altNames.toArray(GeneralName[]::new))));
    }

    /** A client certificate ({@code clientAuth}) for user {@code commonName} in {@code organizations}. */
    Credential client(Credential authority, String commonName, List<String> organizations)
            throws GeneralSecurityException {
        return leaf(authority, name(commonName, organizations), KeyPurposeId.id_kp_clientAuth, Optional.empty());
    }

    private Credential leaf(Credential authority, X500Name subject, KeyPurposeId purpose,
                            Optional<GeneralNames> altNames)
            throws GeneralSecurityException {
        KeyPair pair = keyPair();
        X500Name issuer = X500Name.getInstance(authority.certificate().getSubjectX500Principal().getEncoded());
        X509v3CertificateBuilder builder = builder(issuer, subject, pair.getPublic(), LEAF_VALIDITY);
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    utils.createAuthorityKeyIdentifier(authority.certificate()));
            if (altNames.isPresent()) {
                builder.addExtension(Extension.subjectAlternativeName, false, altNames.get());
            }
        } catch (CertIOException e) {
            throw new GeneralSecurityException("certificate extension cannot be encoded", e);
        }
        return new Credential(sign(builder, authority.key()), pair.getPrivate());
    }

    private X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key, Duration validity) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        BigInteger serial = new BigInteger(127, random).add(BigInteger.ONE);
        return new JcaX509v3CertificateBuilder(issuer, serial, Date.from(now.minus(BACKDATE)),
                Date.from(now.plus(validity)), subject, key);
    }

    private KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        return generator.generateKeyPair();
    }

    private static X500Name name(String commonName, List<String> organizations) {
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
        for (String organization : organizations) {
            builder.addRDN(BCStyle.O, organization);
        }
        builder.addRDN(BCStyle.CN, commonName);
        return builder.build();
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, java.security.PrivateKey key)
            throws GeneralSecurityException {
        try {
            String algorithm = "EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(key)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("certificate cannot be signed", e);
        }
    }
}
