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
 * @param protocols    the TLS versions spoken, JSSE names ({@code TLSv1.3}, {@code TLSv1.2}), from etcd 3.5's
 *                     {@code --tls-min-version} and {@code --tls-max-version}; TLS 1.2 and 1.3 by default
 */
public record TransportSecurity(TlsConfig client, TlsConfig peer, List<String> cipherSuites, List<String> protocols) {

    public TransportSecurity {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(peer, "peer");
        cipherSuites = List.copyOf(cipherSuites);
        protocols = List.copyOf(protocols);
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("no TLS version left between the minimum and the maximum");
        }
        io.cairn.kv.server.tls.TlsMaterial.jsseCipherSuites(cipherSuites); // unknown names fail here, at startup
    }

    /** TLS 1.2 and 1.3, etcd's default range. */
    public TransportSecurity(TlsConfig client, TlsConfig peer, List<String> cipherSuites) {
        this(client, peer, cipherSuites, io.cairn.kv.server.tls.TlsMaterial.PROTOCOLS);
    }

    /** No TLS anywhere. */
    public static TransportSecurity none() {
        return new TransportSecurity(TlsConfig.off(), TlsConfig.off(), List.of());
    }
}
