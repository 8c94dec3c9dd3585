package io.cairn.kv.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.etcd.jetcd.common.exception.EtcdException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Asserts the exact gRPC status code and message of a failed call, whichever client made it.
 *
 * <p>Why: etcd clients rebuild typed errors from the exact message string, so "some error" is not good enough; both
 * jetcd's {@link EtcdException} (code and description of the status) and the raw stubs'
 * {@link StatusRuntimeException} are accepted.
 */
final class RpcErrors {

    private RpcErrors() {
    }

    /** A call that is expected to fail. */
    @FunctionalInterface
    interface Call {
        void run() throws Exception;
    }

    /** Runs {@code call} and asserts that it fails with exactly {@code code} and {@code message}. */
    static void assertFailsWith(Status.Code code, String message, Call call) {
        Throwable thrown = null;
        try {
            call.run();
        } catch (Throwable t) {
            thrown = t;
        }
        if (thrown == null) {
            fail("expected the call to fail with %s \"%s\", but it succeeded", code, message);
        }
        while ((thrown instanceof ExecutionException || thrown instanceof CompletionException)
                && thrown.getCause() != null) {
            thrown = thrown.getCause();
        }
        if (thrown instanceof EtcdException etcd) {
            assertThat(etcd.getErrorCode().name()).as("gRPC code of %s", etcd).isEqualTo(code.name());
            assertThat(etcd.getMessage()).as("gRPC message").isEqualTo(message);
        } else if (thrown instanceof StatusRuntimeException status) {
            assertThat(status.getStatus().getCode()).as("gRPC code of %s", status).isEqualTo(code);
            assertThat(status.getStatus().getDescription()).as("gRPC message").isEqualTo(message);
        } else {
            throw new AssertionError("expected a gRPC error " + code + " \"" + message + "\", got " + thrown, thrown);
        }
    }
}
