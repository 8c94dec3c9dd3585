package io.cairn.kv.tests;

import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * How a test client reaches an {@code https://} client URL: the CA to trust (none: trust anything, for auto-TLS)
 * and the client certificate to present, if any.
 *
 * @param caFile   the CA bundle to verify the server with; empty to skip verification
 * @param certFile the client certificate; empty for none
 * @param keyFile  its key
 */
record ClientTls(Optional<Path> caFile, Optional<Path> certFile, Optional<Path> keyFile) {

    /** Verify the server with {@code ca}, present {@code client}. */
    static ClientTls of(TestCertificates.Authority ca, TestCertificates.Issued client) {
        return new ClientTls(Optional.of(ca.certFile()), Optional.of(client.certFile()),
                Optional.of(client.keyFile()));
    }

    /** Trust any server certificate, present none (etcdctl's {@code --insecure-skip-tls-verify}). */
    static ClientTls insecure() {
        return new ClientTls(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** A gRPC client context (ALPN h2) for jetcd and the readiness probe. */
    SslContext grpcContext() {
        try {
            SslContextBuilder builder = GrpcSslContexts.forClient();
            if (caFile.isPresent()) {
                builder.trustManager(caFile.get().toFile());
            } else {
                builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
            }
            if (certFile.isPresent()) {
                builder.keyManager(certFile.get().toFile(), keyFile.orElseThrow().toFile());
            }
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * etcdctl's flags for this: {@code --cacert} (or, without a CA, {@code --insecure-transport=false
     * --insecure-skip-tls-verify}: etcdctl 3.4 speaks plain text when no TLS file is given), {@code --cert},
     * {@code --key}.
     */
    List<String> etcdctlFlags() {
        List<String> flags = new ArrayList<>();
        caFile.ifPresentOrElse(ca -> flags.add("--cacert=" + ca),
                () -> flags.addAll(List.of("--insecure-transport=false", "--insecure-skip-tls-verify")));
        certFile.ifPresent(c -> flags.add("--cert=" + c));
        keyFile.ifPresent(k -> flags.add("--key=" + k));
        return flags;
    }
}
