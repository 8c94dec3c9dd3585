package io.cairn.kv.server.concurrency;

import io.cairn.kv.api.EtcdError;
import io.grpc.Status;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Collectors;

/**
 * The Lock and Election services' one table from failures to gRPC statuses, matching what etcd answers.
 *
 * <p>Why: etcd's services return their client library's errors, and gRPC sends an error without a gRPC status as
 * {@code UNKNOWN} with its message. So a recipe error ("election: no leader") and any etcd server error the client
 * library recognised by its message ("etcdserver: requested lease not found", which it turned into a plain typed
 * error) both reach the caller as {@code UNKNOWN} with that exact message. Statuses the client library does not
 * recognise (a connection failure, the caller's own cancellation or deadline) pass through unchanged.
 */
final class ConcurrencyErrors {

    /** The messages etcd's client library recognises (and so turns into plain errors). */
    private static final Set<String> ETCD_MESSAGES = Arrays.stream(EtcdError.values())
            .map(EtcdError::message)
            .collect(Collectors.toUnmodifiableSet());

    private ConcurrencyErrors() {
    }

    /** The status etcd's Lock or Election service would answer {@code failure} with. */
    static Status toStatus(Throwable failure) {
        return switch (failure) {
            case RecipeException e -> Status.UNKNOWN.withDescription(e.getMessage());
            case InterruptedException e -> EtcdError.STOPPED.status();
            case RejectedExecutionException e -> EtcdError.STOPPED.status();
            default -> {
                Status s = Status.fromThrowable(failure);
                if (s.getDescription() != null && ETCD_MESSAGES.contains(s.getDescription())) {
                    yield Status.UNKNOWN.withDescription(s.getDescription());
                }
                yield s.getDescription() == null ? s.withDescription(String.valueOf(failure.getMessage())) : s;
            }
        };
    }
}
