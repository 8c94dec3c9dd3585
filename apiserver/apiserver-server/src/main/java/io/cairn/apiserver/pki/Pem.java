package io.cairn.apiserver.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * PEM text for certificates and private keys, in both directions.
 *
 * <p>Why PKCS#8 ({@code PRIVATE KEY}) for keys written: Go's {@code tls.X509KeyPair} (kubectl, client-go) and the
 * JDK both read it, whatever the key algorithm. Reading also accepts the older {@code EC PRIVATE KEY} and
 * {@code RSA PRIVATE KEY} blocks so that a key an operator placed by hand is understood.
 */
final class Pem {

    private static final Base64.Encoder BODY = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private Pem() {
    }

    static String certificate(X509Certificate certificate) {
        try {
            return block("CERTIFICATE", certificate.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("certificate cannot be encoded", e);
        }
    }

    static String privateKey(PrivateKey key) {
        return block("PRIVATE KEY", key.getEncoded());
    }

    /**
     * {@code key} in the form a kubeconfig carries it: SEC 1 ({@code EC PRIVATE KEY}, with the named curve and
     * {@code publicKey}, as OpenSSL writes it) for an EC key, PKCS#8 otherwise.
     *
     * <p>Why: fabric8 picks the key algorithm from the PEM header alone ({@code EC PRIVATE KEY} means EC, anything
     * else RSA), so a PKCS#8 EC key in {@code client-key-data} fails to load there. Go reads both forms; k3s writes
     * SEC 1 in its kubeconfig for the same reason.
     */
    static String kubeconfigKey(PrivateKey key, PublicKey publicKey) {
        if (!(key instanceof java.security.interfaces.ECPrivateKey ec)) {
            return privateKey(key);
        }
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
            ECPrivateKey sec1 = new ECPrivateKey(ec.getParams().getOrder().bitLength(), ec.getS(),
                    SubjectPublicKeyInfo.getInstance(publicKey.getEncoded()).getPublicKeyData(),
                    info.getPrivateKeyAlgorithm().getParameters());
            return block("EC PRIVATE KEY", sec1.getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException("EC private key cannot be encoded", e);
        }
    }

    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + BODY.encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /** The first certificate in {@code pem}; {@code source} names the file in the error. */
    static X509Certificate readCertificate(String pem, String source) throws IOException {
        Object object = first(pem, source);
        if (!(object instanceof X509CertificateHolder holder)) {
            throw new IOException(source + ": no PEM CERTIFICATE block found");
        }
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(holder.getEncoded()));
        } catch (CertificateException e) {
            throw new IOException(source + ": not a valid X.509 certificate: " + e.getMessage(), e);
        }
    }

    /** The first private key in {@code pem}; {@code source} names the file in the error. */
    static PrivateKey readPrivateKey(String pem, String source) throws IOException {
        Object object = first(pem, source);
        try {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (object instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (object instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
        } catch (IOException | RuntimeException e) {
            throw new IOException(source + ": not a valid private key: " + e.getMessage(), e);
        }
        throw new IOException(source + ": no PEM PRIVATE KEY block found");
    }

    private static Object first(String pem, String source) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            if (object == null) {
                throw new IOException(source + ": no PEM block found");
            }
            return object;
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(source + ":")) {
                throw e;
            }
            throw new IOException(source + ": malformed PEM: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IOException(source + ": malformed PEM: " + e.getMessage(), e);
        }
    }
}
