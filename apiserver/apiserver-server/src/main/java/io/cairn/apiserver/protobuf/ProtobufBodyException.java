package io.cairn.apiserver.protobuf;

import java.io.Serial;

/**
 * A request body that is not a Kubernetes protobuf object Cairn can decode: no {@code k8s\0} magic, a truncated or
 * malformed message, a kind that is not registered, or a value kube-apiserver would also refuse.
 *
 * <p>Why one checked type: every such body is the client's fault, and the HTTP layer must answer each of them with
 * a Status (400 or 415) rather than let it surface as a server error. The message is fit to put in that Status.
 */
public final class ProtobufBodyException extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    /** A body refused for the reason in {@code message}. */
    public ProtobufBodyException(String message) {
        super(message);
    }

    /** A body refused for the reason in {@code message}, found while parsing ({@code cause}). */
    public ProtobufBodyException(String message, Throwable cause) {
        super(message, cause);
    }
}
