package io.cairn.kv.server;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The TLS settings of one side of a member (client or peer), with etcd's names.
 *
 * <p>Why a record of its own: the client side ({@code --cert-file}, {@code --key-file}, {@code --client-cert-auth},
 * {@code --trusted-ca-file}, {@code --auto-tls}) and the peer side ({@code --peer-*}) take the same five settings,
 * as etcd's {@code client-transport-security} and {@code peer-transport-security} config-file blocks do.
 *
 * @param certFile       the server certificate (PEM, chain allowed); empty for none
 * @param keyFile        its private key (PEM: PKCS#8, PKCS#1 or SEC1); empty for none
 * @param trustedCaFile  the CA bundle client certificates must chain to; setting it requires client certificates,
 *                       as in etcd
 * @param clientCertAuth whether a client must present a certificate signed by {@code trustedCaFile}
 * @param autoTls        whether to generate (once) a self-signed certificate under the data directory when no
 *                       certificate files are given
 */
public record TlsConfig(Optional<Path> certFile, Optional<Path> keyFile, Optional<Path> trustedCaFile,
                        boolean clientCertAuth, boolean autoTls) {

    public TlsConfig {
        Objects.requireNonNull(certFile, "certFile");
        Objects.requireNonNull(keyFile, "keyFile");
        Objects.requireNonNull(trustedCaFile, "trustedCaFile");
        if (certFile.isPresent() != keyFile.isPresent()) {
            throw new IllegalArgumentException("KeyFile and CertFile must both be present[key: "
                    + keyFile.map(Path::toString).orElse("") + ", cert: " + certFile.map(Path::toString).orElse("")
                    + "]");
        }
    }

    /** No TLS. */
    public static TlsConfig off() {
        return new TlsConfig(Optional.empty(), Optional.empty(), Optional.empty(), false, false);
    }

    /** Whether a certificate is given or generated, i.e. an {@code https://} URL can be served. */
    public boolean canServe() {
        return certFile.isPresent() || autoTls;
    }

    /** Whether clients must present a certificate: {@code client-cert-auth} or a trusted CA (etcd's rule). */
    public boolean requiresClientCertificate() {
        return clientCertAuth || trustedCaFile.isPresent();
    }
}
