package io.cairn.kv.server.rpc;

import io.cairn.kv.server.tls.TlsMaterial;
import io.cairn.observe.http.ObserveEndpoints;
import io.grpc.InsecureServerCredentials;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.InternalNettyServerCredentials;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * What the client port serves besides the etcd API: interceptors around every call (metrics, tracing) and the
 * HTTP/1.x observe endpoints next to gRPC.
 *
 * <p>Why a type of its own: the API server stays as it is, and the member decides what is observed.
 *
 * @param metrics   gRPC server metrics, if recorded
 * @param tracing   request spans and the slow-request warning, if either is on
 * @param endpoints {@code /metrics}, {@code /health}, {@code /livez}, {@code /readyz} on the client port, if served
 * @param tls       the certificate and client-certificate policy of {@code https://} client URLs; empty for
 *                  plain text
 */
public record ClientPortExtras(Optional<GrpcServerMetrics> metrics, Optional<RequestTracing> tracing,
                               Optional<ObserveEndpoints> endpoints, Optional<TlsMaterial> tls) {

    /** Plain text, without the given TLS material. */
    public ClientPortExtras(Optional<GrpcServerMetrics> metrics, Optional<RequestTracing> tracing,
                            Optional<ObserveEndpoints> endpoints) {
        this(metrics, tracing, endpoints, Optional.empty());
    }

    /** Nothing besides the API. */
    public static ClientPortExtras none() {
        return new ClientPortExtras(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** These extras, served over TLS with {@code material} (or in plain text when it is empty). */
    public ClientPortExtras withTls(Optional<TlsMaterial> material) {
        return new ClientPortExtras(metrics, tracing, endpoints, material);
    }

    /**
     * The interceptors, in the order to add them to the server builder, which runs the last added first: metrics
     * wrap everything else, so they see every call, including ones that fail inside tracing.
     */
    List<ServerInterceptor> interceptors() {
        List<ServerInterceptor> out = new ArrayList<>(2);
        tracing.filter(RequestTracing::active).ifPresent(out::add);
        metrics.ifPresent(out::add);
        return out;
    }

    /**
     * gRPC over TLS when {@link #tls} is given, else in plain text; either way with the observe endpoints on
     * HTTP/1.x connections when they are served.
     */
    ServerCredentials credentials(Executor executor) {
        if (tls.isPresent()) {
            return InternalNettyServerCredentials.create(
                    new TlsNegotiator(ClientTlsContext.create(tls.get()), endpoints, executor));
        }
        return endpoints.<ServerCredentials>map(e -> InternalNettyServerCredentials.create(
                new HttpSniffingNegotiator(e, executor))).orElseGet(InsecureServerCredentials::create);
    }

    /** Creates the metric series of every served method. */
    void servicesBound(List<ServerServiceDefinition> services) {
        metrics.ifPresent(m -> m.preRegister(services));
    }
}
