package io.cairn.kv.server.backend;

/** The storage engine failed (I/O error, corruption); the member cannot go on safely. */
public final class BackendException extends RuntimeException {
    BackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
