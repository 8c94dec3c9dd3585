package io.cairn.kv.server.tls;

import io.cairn.kv.server.TlsConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Everything one side of a member (client or peer) needs to speak TLS: its own certificate, the CA bundle that
 * callers' certificates must chain to, whether callers must present one, and the cipher suites.
 *
 * <p>Why JSSE managers rather than a ready TLS context: the client port's gRPC server uses grpc's shaded Netty, the
 * peer port's Bolt transport an unshaded Netty of its own; each builds its context from these managers, and both
 * pick up replaced files without a restart (see {@link WatchedFiles}).
 */
public final class TlsMaterial {

    /** TLS 1.2 and 1.3, as etcd's minimum of TLS 1.2 allows. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private final X509ExtendedKeyManager keyManager;
    private final Optional<X509ExtendedTrustManager> trustManager;
    private final boolean requireClientCertificate;
    private final List<String> cipherSuites;
    private final List<String> protocols;
    private final boolean selfSigned;

    private TlsMaterial(X509ExtendedKeyManager keyManager, Optional<X509ExtendedTrustManager> trustManager,
                        boolean requireClientCertificate, List<String> cipherSuites, List<String> protocols,
                        boolean selfSigned) {
        this.keyManager = keyManager;
        this.trustManager = trustManager;
        this.requireClientCertificate = requireClientCertificate;
        this.cipherSuites = cipherSuites;
        this.protocols = List.copyOf(protocols);
        this.selfSigned = selfSigned;
    }

    /**
     * Loads the files of {@code config}, generating etcd's self-signed certificate in {@code fixtures} first when
     * {@code auto-tls} is on and no certificate is given.
     *
     * @param fixtures       {@code <data-dir>/fixtures/client} or {@code .../peer}
     * @param hosts          the listen hosts, written into a generated certificate
     * @param goCipherSuites {@code --cipher-suites}, Go names
     * @param protocols      the TLS versions to speak, JSSE names
     * @param peer           whether this is the peer side, whose certificate also serves as a client certificate
     * @param nanoTime       spaces the checks for replaced files
     * @throws IllegalArgumentException naming the file that cannot be read
     */
    public static TlsMaterial load(TlsConfig config, Path fixtures, List<String> hosts, List<String> goCipherSuites,
                                   List<String> protocols, boolean peer, LongSupplier nanoTime) {
        Path cert;
        Path key;
        boolean selfSigned = config.certFile().isEmpty();
        if (selfSigned) {
            if (!config.autoTls()) {
                throw new IllegalArgumentException("no certificate given and auto TLS is off");
            }
            Path[] files = SelfSignedCertificate.ensure(fixtures, hosts, peer, new SecureRandom());
            cert = files[0];
            key = files[1];
        } else {
            cert = config.certFile().orElseThrow();
            key = config.keyFile().orElseThrow();
        }
        try {
            X509ExtendedKeyManager keys = new ReloadingKeyManager(cert, key, nanoTime);
            Optional<X509ExtendedTrustManager> trust = config.trustedCaFile().isPresent()
                    ? Optional.of(new ReloadingTrustManager(config.trustedCaFile().orElseThrow(), nanoTime))
                    : Optional.empty();
            return new TlsMaterial(keys, trust, config.requiresClientCertificate(),
                    GoCipherSuites.toJsse(goCipherSuites), protocols, selfSigned);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * The JSSE names of etcd's {@code --cipher-suites} (TLS 1.3's suites appended, as Go keeps them); empty for
     * the JVM's defaults.
     *
     * @throws IllegalArgumentException {@code unexpected TLS cipher suite "<name>"} for a name etcd rejects
     */
    public static List<String> jsseCipherSuites(List<String> goNames) {
        return GoCipherSuites.toJsse(goNames);
    }

    /** The member's own certificate and key, re-read when the files change. */
    public X509ExtendedKeyManager keyManager() {
        return keyManager;
    }

    /** The CA bundle callers must chain to (and, on the peer side, other members' server certificates). */
    public Optional<X509ExtendedTrustManager> trustManager() {
        return trustManager;
    }

    /** Whether the handshake requires a certificate from the caller. */
    public boolean requireClientCertificate() {
        return requireClientCertificate;
    }

    /** JSSE cipher-suite names to enable; empty for the JVM's defaults. */
    public List<String> cipherSuites() {
        return cipherSuites;
    }

    /** The TLS versions to speak, JSSE names. */
    public List<String> protocols() {
        return protocols;
    }

    /** Whether the certificate is etcd's generated self-signed one (peers then skip verifying each other). */
    public boolean selfSigned() {
        return selfSigned;
    }
}
