package io.cairn.kv.server;

import java.util.List;
import java.util.Objects;

/**
 * A member's transport security: the client side, the peer side, and the TLS 1.2 cipher suites both use.
 *
 * <p>Why together: etcd's {@code --cipher-suites} applies to both sides, and a single field keeps the member's
 * configuration record from growing a field per flag.
 *
 * @param client       {@code --cert-file}, {@code --key-file}, {@code --client-cert-auth}, {@code --trusted-ca-file},
 *                     {@code --auto-tls}; used by {@code https://} client URLs
 * @param peer         the {@code --peer-*} equivalents; used by {@code https://} peer URLs
 * @param cipherSuites {@code --cipher-suites}: Go names such as {@code TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256};
 *                     empty for the JVM's defaults
 */
public record TransportSecurity(TlsConfig client, TlsConfig peer, List<String> cipherSuites) {

    public TransportSecurity {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(peer, "peer");
        cipherSuites = List.copyOf(cipherSuites);
        io.cairn.kv.server.tls.TlsMaterial.jsseCipherSuites(cipherSuites); // unknown names fail here, at startup
    }

    /** No TLS anywhere. */
    public static TransportSecurity none() {
        return new TransportSecurity(TlsConfig.off(), TlsConfig.off(), List.of());
    }
}
