package io.cairn.kv.server.rpc;

import io.grpc.ServerCall;
import java.util.Optional;

/**
 * Where a call's verified client-certificate common name comes from, for etcd's client-certificate auth (the
 * CN is the user when the request carries no token).
 *
 * <p>Why a seam: certificates belong to the transport (TLS); auth only needs the name. Without client-cert auth
 * the source is {@link #NONE}; with it, the TLS layer supplies one that reads the call's verified peer chain.
 */
@FunctionalInterface
public interface CommonNameSource {

    /** No certificate identities (plain connections, or {@code --client-cert-auth} off). */
    CommonNameSource NONE = call -> Optional.empty();

    /** The common name of the call's verified client certificate, if any. */
    Optional<String> commonName(ServerCall<?, ?> call);
}
