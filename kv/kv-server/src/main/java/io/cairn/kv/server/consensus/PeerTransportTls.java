package io.cairn.kv.server.consensus;

import com.alipay.remoting.ExtendedNettyChannelHandler;
import io.cairn.kv.server.tls.TlsMaterial;
import io.netty.channel.ChannelHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;

/**
 * TLS on the peer link: one TLS handler in front of every Bolt connection, accepted and opened, built from the
 * member's peer {@link TlsMaterial}.
 *
 * <p>Why Bolt's "extended channel handler" hook rather than Bolt's own SSL options: those options take a keystore
 * file and a password, and on the connecting side only a trust store, so a member could not present a certificate
 * and {@code --peer-client-cert-auth} could not be enforced. The hook puts a handler of Cairn's own first in the
 * pipeline of each new connection, on the listening and the connecting side alike; that handler uses the same
 * reloading key and trust managers as the client port, so the peer certificate can be rotated without a restart
 * too. TLS 1.2 only: the peer link runs on the old Netty that Bolt brings. A peer certificate is checked against
 * {@code --peer-trusted-ca-file} (its chain, not its host names); with {@code --peer-auto-tls} and no CA, as in
 * etcd, members accept each other's self-signed certificates unverified.
 */
final class PeerTransportTls {
    private static final long HANDSHAKE_TIMEOUT_SECONDS = 10;
    private static final String[] PROTOCOLS = {"TLSv1.2"};

    private final TlsMaterial material;
    private final SSLContext context;

    PeerTransportTls(TlsMaterial material) {
        this.material = material;
        TrustManager[] trust = material.trustManager().<TrustManager[]>map(t -> new TrustManager[] {t})
                .orElse(material.selfSigned() ? InsecureTrustManagerFactory.INSTANCE.getTrustManagers() : null);
        try {
            this.context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {material.keyManager()}, trust, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot set up TLS for peer connections: " + e.getMessage(), e);
        }
    }

    /** The handlers for connections this member accepts. */
    ExtendedNettyChannelHandler accepting() {
        return handlers(false);
    }

    /** The handlers for connections this member opens to others. */
    ExtendedNettyChannelHandler connecting() {
        return handlers(true);
    }

    private SSLEngine engine(boolean client) {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(client);
        engine.setEnabledProtocols(PROTOCOLS);
        if (!client) {
            engine.setNeedClientAuth(material.requireClientCertificate());
        }
        if (!material.cipherSuites().isEmpty()) {
            List<String> supported = List.of(engine.getSupportedCipherSuites());
            engine.setEnabledCipherSuites(material.cipherSuites().stream().filter(supported::contains)
                    .toArray(String[]::new));
        }
        return engine;
    }

    private ExtendedNettyChannelHandler handlers(boolean client) {
        return new ExtendedNettyChannelHandler() {
            @Override
            public List<ChannelHandler> frontChannelHandlers() { // called once per new connection
                SslHandler tls = new SslHandler(engine(client));
                tls.setHandshakeTimeout(HANDSHAKE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                return List.of(tls, new PeerHandshakeLog(!client));
            }

            @Override
            public List<ChannelHandler> backChannelHandlers() {
                return List.of();
            }
        };
    }
}
