package io.cairn.client;

import java.util.List;

/**
 * Every failure a {@link ClusterClient} call reports.
 *
 * <p>Why: callers branch on what happened (a conflict that outlived its retries, a deadline, an invalid object), not
 * on HTTP codes buried in a transport's exception; one sealed family makes that switch exhaustive.
 */
public sealed class ClientException extends RuntimeException
        permits ClientException.Status, ClientException.DeadlineExceeded, ClientException.Cancelled,
        ClientException.Transport, ClientException.Invalid {

    ClientException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The server answered with a kube {@code Status} failure (404 NotFound, 409 Conflict, 429 after retries...). */
    public static final class Status extends ClientException {
        private final int code;
        private final String reason;

        Status(int code, String reason, String message) {
            super(code + " " + reason + ": " + message, null);
            this.code = code;
            this.reason = reason;
        }

        /** The HTTP status code. */
        public int code() {
            return code;
        }

        /** Kube's reason ({@code NotFound}, {@code Conflict}, {@code AlreadyExists}, ...), or the HTTP phrase. */
        public String reason() {
            return reason;
        }
    }

    /** The call's {@link Deadline} ran out (in the limiter, a backoff or the exchange). */
    public static final class DeadlineExceeded extends ClientException {
        DeadlineExceeded(String message) {
            super(message, null);
        }
    }

    /** The call's {@link Deadline} was cancelled. */
    public static final class Cancelled extends ClientException {
        Cancelled(String message) {
            super(message, null);
        }
    }

    /** The connection failed (refused, reset, closed) and retrying was not allowed or did not help. */
    public static final class Transport extends ClientException {
        Transport(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The object does not match the server's OpenAPI schema; nothing was sent. */
    public static final class Invalid extends ClientException {
        private final List<FieldError> errors;

        Invalid(String kind, List<FieldError> errors) {
            super(kind + " is invalid: " + errors, null);
            this.errors = List.copyOf(errors);
        }

        /** Every violation, with its field path. */
        public List<FieldError> errors() {
            return errors;
        }
    }

    /** One schema violation: {@code path} like {@code spec.template.spec.containers[0].foo}. */
    public record FieldError(String path, String message) {
        @Override
        public String toString() {
            return path + ": " + message;
        }
    }
}
