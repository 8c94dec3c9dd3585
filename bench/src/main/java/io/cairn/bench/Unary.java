package io.cairn.bench;

import io.grpc.stub.StreamObserver;
import java.util.function.Consumer;

/**
 * Adapts the {@link StreamObserver} of a unary gRPC call to an {@link Operation.Completion}.
 *
 * <p>Why: every request/response workload needs the same three lines; the optional consumer sees the response
 * (the watch workload reads the revision of each put from it).
 *
 * @param <T> the response type
 */
final class Unary<T> implements StreamObserver<T> {

    private static final Consumer<Object> IGNORE = response -> { };

    private final Operation.Completion completion;
    private final Consumer<? super T> onResponse;

    private Unary(Operation.Completion completion, Consumer<? super T> onResponse) {
        this.completion = completion;
        this.onResponse = onResponse;
    }

    /** Completes {@code completion} when the call ends. */
    static <T> Unary<T> completing(Operation.Completion completion) {
        return new Unary<>(completion, IGNORE);
    }

    /** Hands the response to {@code onResponse}, then completes {@code completion}. */
    static <T> Unary<T> completing(Operation.Completion completion, Consumer<? super T> onResponse) {
        return new Unary<>(completion, onResponse);
    }

    @Override
    public void onNext(T response) {
        onResponse.accept(response);
    }

    @Override
    public void onError(Throwable error) {
        completion.failed(error);
    }

    @Override
    public void onCompleted() {
        completion.succeeded();
    }
}
