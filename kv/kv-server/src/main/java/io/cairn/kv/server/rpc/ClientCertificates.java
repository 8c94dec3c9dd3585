package io.cairn.kv.server.rpc;

import io.grpc.Grpc;
import io.grpc.ServerCall;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * The verified client certificate behind a gRPC call on an {@code https://} client URL.
 *
 * <p>Why: with {@code --client-cert-auth}, etcd takes the certificate's Common Name as the user name when auth is
 * enabled and no token is given. The TLS session is attached to every call of a TLS connection (see
 * {@link TlsFront}); this is the one place that reads it, so the auth layer needs no TLS knowledge.
 */
public final class ClientCertificates {

    private ClientCertificates() {
    }

    /**
     * The Common Name of the certificate the caller presented and the handshake verified; empty for a plain-text
     * connection, a caller without a certificate, or a certificate without a Common Name.
     */
    public static Optional<String> commonName(ServerCall<?, ?> call) {
        return commonName(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
    }

    static Optional<String> commonName(SSLSession session) {
        if (session == null) {
            return Optional.empty();
        }
        Certificate[] chain;
        try {
            chain = session.getPeerCertificates();
        } catch (SSLPeerUnverifiedException noCertificate) {
            return Optional.empty();
        }
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
            return Optional.empty();
        }
        try {
            LdapName name = new LdapName(leaf.getSubjectX500Principal().getName());
            Optional<String> cn = Optional.empty();
            for (Rdn rdn : name.getRdns()) { // encoding order: the last CN wins, as in Go's certificate parser
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    cn = Optional.of(String.valueOf(rdn.getValue()));
                }
            }
            return cn;
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }
}
