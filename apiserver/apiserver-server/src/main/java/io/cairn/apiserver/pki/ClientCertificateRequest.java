package io.cairn.apiserver.pki;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The listener's trust manager: asks for a client certificate (naming Cairn's authority as the accepted issuer)
 * and lets the handshake finish whatever the client presents; {@link Authenticator} verifies the chain.
 *
 * <p>Why: kube-apiserver requests client certificates without verifying them in the handshake and checks them in
 * its x509 authenticator, so a certificate from another authority gets an HTTP 401 Status, not a TLS alert. The
 * chain is never trusted here: an unverified certificate identifies no one.
 */
final class ClientCertificateRequest extends X509ExtendedTrustManager {
    private final X509Certificate authority;

    ClientCertificateRequest(X509Certificate authority) {
        this.authority = authority;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        // verified per request by the Authenticator
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        // verified per request by the Authenticator
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        // verified per request by the Authenticator
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("the API server's listener does not verify servers");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("the API server's listener does not verify servers");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the API server's listener does not verify servers");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[] {authority};
    }
}
