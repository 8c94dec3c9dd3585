package io.cairn.kv.server.consensus;

import java.io.Serial;
import java.io.Serializable;

/** The answer to a {@link PeerCall}: bytes, or the name of the store failure the handler raised. */
final class PeerReply implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    byte[] payload;
    /** The simple class name of a {@link io.cairn.kv.server.errors.KvException}, or null on success. */
    String error;

    PeerReply() {
    }

    static PeerReply ok(byte[] payload) {
        PeerReply r = new PeerReply();
        r.payload = payload;
        return r;
    }

    static PeerReply failed(String error) {
        PeerReply r = new PeerReply();
        r.error = error;
        return r;
    }
}
