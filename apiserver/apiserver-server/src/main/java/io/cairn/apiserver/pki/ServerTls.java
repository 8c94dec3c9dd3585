package io.cairn.apiserver.pki;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The listener's TLS context: it presents the serving certificate (with the authority behind it) and requests a
 * client certificate issued by Cairn's authority.
 *
 * <p>Why the chain is checked later: as in kube-apiserver, a certificate from elsewhere must end in a 401, which
 * only the HTTP layer can send; {@link Authenticator} accepts only chains signed by Cairn's authority (never the
 * JDK's public roots, which would let anyone with a public certificate log in).
 */
final class ServerTls {

    private static final char[] IN_MEMORY = "cairn".toCharArray();

    private ServerTls() {
    }

    static SSLContext context(Credential serving, X509Certificate authority, SecureRandom random)
            throws GeneralSecurityException {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("apiserver", serving.key(), IN_MEMORY,
                    new X509Certificate[] {serving.certificate(), authority});
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, IN_MEMORY);

            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(),
                    new javax.net.ssl.TrustManager[] {new ClientCertificateRequest(authority)}, random);
            return context;
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("in-memory key store cannot be initialised", e);
        }
    }
}
