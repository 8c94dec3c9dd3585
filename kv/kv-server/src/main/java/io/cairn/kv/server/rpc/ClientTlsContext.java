package io.cairn.kv.server.rpc;

import io.cairn.kv.server.tls.TlsMaterial;
import io.grpc.netty.shaded.io.netty.handler.ssl.ApplicationProtocolConfig;
import io.grpc.netty.shaded.io.netty.handler.ssl.ApplicationProtocolNames;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import io.grpc.netty.shaded.io.netty.handler.ssl.SupportedCipherSuiteFilter;
import javax.net.ssl.SSLException;

/**
 * Builds the client port's TLS context from the member's {@link TlsMaterial}.
 *
 * <p>Why ALPN offers {@code http/1.1} before {@code h2}: the server's order decides, so a client offering both
 * (curl, a browser) gets HTTP/1.1 and reaches {@code /health} and {@code /metrics}, while gRPC clients, which offer
 * only {@code h2}, get {@code h2}. Clients without ALPN work too: the first bytes decide. The JDK provider is used
 * because it asks the key and trust managers on every handshake, which is what makes replaced files count.
 */
final class ClientTlsContext {

    private ClientTlsContext() {
    }

    static SslContext create(TlsMaterial material) {
        SslContextBuilder builder = SslContextBuilder.forServer(material.keyManager())
                .sslProvider(SslProvider.JDK)
                .protocols(material.protocols())
                .clientAuth(material.requireClientCertificate() ? ClientAuth.REQUIRE : ClientAuth.NONE)
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_1_1, ApplicationProtocolNames.HTTP_2));
        material.trustManager().ifPresent(builder::trustManager);
        if (!material.cipherSuites().isEmpty()) {
            builder.ciphers(material.cipherSuites(), SupportedCipherSuiteFilter.INSTANCE);
        }
        try {
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("cannot set up TLS for client connections: " + e.getMessage(), e);
        }
    }
}
