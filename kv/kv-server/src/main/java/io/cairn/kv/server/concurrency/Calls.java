package io.cairn.kv.server.concurrency;

import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs a service method's body off the gRPC thread and answers with its result or its error.
 *
 * <p>Why: Lock and Campaign may wait for minutes; a gRPC thread must not. Each body runs on its own (virtual)
 * thread in the caller's gRPC context, so its loopback calls inherit the caller's deadline and are cancelled with
 * it, and every failure is answered through the one table, {@link ConcurrencyErrors}.
 */
final class Calls {

    /** A method body that may block. */
    @FunctionalInterface
    interface Body<T> {
        T run() throws Exception;
    }

    /** A method body that may block and answers by itself. */
    @FunctionalInterface
    interface Task {
        void run() throws Exception;
    }

    private final Executor waits;

    Calls(Executor waits) {
        this.waits = waits;
    }

    /** Answers a unary call with what {@code body} returns or throws. */
    <T> void unary(StreamObserver<T> out, Body<T> body) {
        run(out, () -> {
            T response = body.run();
            out.onNext(response);
            out.onCompleted();
        });
    }

    /** Runs {@code body}, which sends on {@code out} itself; completes {@code out} when it returns normally. */
    <T> void streaming(StreamObserver<T> out, Task body) {
        run(out, () -> {
            body.run();
            if (!Context.current().isCancelled()) {
                out.onCompleted();
            }
        });
    }

    private <T> void run(StreamObserver<T> out, Task body) {
        Runnable task = Context.current().wrap(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                fail(out, t);
                if (t instanceof Error e) {
                    throw e;
                }
            }
        });
        try {
            waits.execute(task);
        } catch (RejectedExecutionException e) {
            fail(out, e);
        }
    }

    private static void fail(StreamObserver<?> out, Throwable failure) {
        try {
            out.onError(ConcurrencyErrors.toStatus(failure).asRuntimeException());
        } catch (RuntimeException callerGone) {
            // The call was cancelled meanwhile: nobody is left to answer.
        }
    }
}
