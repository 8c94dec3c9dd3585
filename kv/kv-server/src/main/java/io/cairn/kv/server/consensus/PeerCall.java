package io.cairn.kv.server.consensus;

import java.io.Serial;
import java.io.Serializable;

/**
 * A request from one member to another over the Raft transport: a kind (which handler answers it) and opaque
 * bytes. Plain fields only, so the transport's serialiser needs nothing registered.
 */
final class PeerCall implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    String kind;
    byte[] payload;

    PeerCall() {
    }

    PeerCall(String kind, byte[] payload) {
        this.kind = kind;
        this.payload = payload;
    }
}
