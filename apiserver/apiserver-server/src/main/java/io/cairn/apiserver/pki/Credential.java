package io.cairn.apiserver.pki;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;

/**
 * A certificate and the private key that belongs to it.
 *
 * <p>Why a value: the PKI passes pairs around (issue, write, load, check) and the checks that need both halves
 * (does the key match, is it issued by this authority) live with the pair.
 */
record Credential(X509Certificate certificate, PrivateKey key) {

    Credential {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(key, "key");
    }

    /** Whether {@code key} is the private half of the certificate's public key (a signature round trip). */
    boolean keyMatches() {
        try {
            String algorithm = "EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
            byte[] probe = "cairn key pair probe".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Whether the certificate carries a signature made by {@code authority}'s key. */
    boolean issuedBy(X509Certificate authority) {
        try {
            certificate.verify(authority.getPublicKey());
            return certificate.getIssuerX500Principal().equals(authority.getSubjectX500Principal());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    Instant notAfter() {
        return certificate.getNotAfter().toInstant();
    }
}
