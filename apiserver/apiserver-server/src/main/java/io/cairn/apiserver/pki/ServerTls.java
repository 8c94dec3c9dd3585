package io.cairn.apiserver.pki;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The listener's TLS context: it presents the serving certificate (with the authority behind it) and trusts
 * exactly one authority for client certificates.
 *
 * <p>Why only the Cairn authority is trusted: a client certificate that verifies is an identity (its common name
 * is the user), so trusting the JDK's public roots here would let anyone with a public certificate log in.
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

            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("cairn-ca", authority);
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
            trustManagers.init(trusted);

            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), random);
            return context;
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("in-memory key store cannot be initialised", e);
        }
    }
}
