package io.cairn.kv.server;

import io.cairn.kv.server.tls.TlsMaterial;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which of a member's ports speak TLS and loads their key material, as etcd does.
 *
 * <p>Why: a port speaks TLS when its URLs are {@code https://}; certificate flags given for {@code http://} URLs
 * are ignored with etcd's warning. Auto-TLS certificates go to {@code <data-dir>/fixtures/client} and
 * {@code .../peer}, where etcd keeps them.
 */
final class MemberTls {
    private static final Logger LOG = LoggerFactory.getLogger(MemberTls.class);

    private MemberTls() {
    }

    /** The client port's TLS material, when its URLs are {@code https://}. */
    static Optional<TlsMaterial> client(KvServerConfig config) {
        TransportSecurity security = config.transportSecurity();
        return side(config, config.listenClientUrls(), security.client(), "client", "--client-cert-auth");
    }

    /** The peer port's TLS material, when its URLs are {@code https://}. */
    static Optional<TlsMaterial> peer(KvServerConfig config) {
        TransportSecurity security = config.transportSecurity();
        return side(config, config.listenPeerUrls(), security.peer(), "peer", "--peer-client-cert-auth");
    }

    private static Optional<TlsMaterial> side(KvServerConfig config, List<URI> urls, TlsConfig tls, String side,
                                              String certAuthFlag) {
        boolean https = urls.stream().anyMatch(u -> u.getScheme().equals("https"));
        if (!https) {
            if (tls.certFile().isPresent()) {
                LOG.warn("scheme is HTTP while key and cert files are present; ignoring key and cert files ({} urls {})",
                        side, urls);
            }
            if (tls.clientCertAuth()) {
                LOG.warn("scheme is HTTP while {} is enabled; ignoring client cert auth for this URL ({} urls {})",
                        certAuthFlag, side, urls);
            }
            return Optional.empty();
        }
        if (tls.autoTls() && tls.certFile().isPresent()) {
            LOG.warn("ignoring {} auto TLS since certs given", side);
        }
        List<String> protocols = config.transportSecurity().protocols();
        if (side.equals("peer") && !protocols.contains("TLSv1.2")) {
            // the peer transport's Netty (brought by the Raft library) speaks TLS 1.2 only
            throw new IllegalArgumentException("--tls-min-version TLS1.3 is not supported with https:// peer URLs"
                    + " (the peer transport speaks TLS 1.2)");
        }
        TlsMaterial material = TlsMaterial.load(tls, config.dataDir().resolve("fixtures").resolve(side),
                urls.stream().map(URI::getHost).toList(), config.transportSecurity().cipherSuites(), protocols,
                side.equals("peer"), System::nanoTime);
        LOG.info("starting with {} TLS (cert: {}, trusted CA: {}, client cert auth: {})", side,
                tls.certFile().map(Object::toString).orElse("auto-generated"),
                tls.trustedCaFile().map(Object::toString).orElse("none"), material.requireClientCertificate());
        return Optional.of(material);
    }
}
