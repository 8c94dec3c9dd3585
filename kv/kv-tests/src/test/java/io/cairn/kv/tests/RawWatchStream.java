package io.cairn.kv.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.etcd.jetcd.api.WatchCancelRequest;
import io.etcd.jetcd.api.WatchCreateRequest;
import io.etcd.jetcd.api.WatchGrpc;
import io.etcd.jetcd.api.WatchProgressRequest;
import io.etcd.jetcd.api.WatchRequest;
import io.etcd.jetcd.api.WatchResponse;
import io.grpc.Channel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One raw {@code etcdserverpb.Watch} stream: requests go out as written, responses are queued in arrival order.
 *
 * <p>Why: jetcd opens one stream per watcher and never sends a client-chosen {@code watch_id}, so what happens when
 * several watchers share a stream (the way etcdctl, the Go client and kube-apiserver use it) can only be seen on the
 * wire. {@code WatchCreateRequest.watch_id} (field 7) is missing from jetcd 0.8.7's protos; {@link #createWithId}
 * writes it as a raw field, exactly as a client with the current protos would.
 */
final class RawWatchStream implements AutoCloseable {

    /** {@code WatchCreateRequest.watch_id} in etcd's rpc.proto (since 3.4). */
    static final int WATCH_ID_FIELD = 7;
    /** How long {@link #next()} waits for a response. */
    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(10);

    private final BlockingQueue<WatchResponse> responses = new LinkedBlockingQueue<>();
    private final BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();
    private final StreamObserver<WatchRequest> requests;

    RawWatchStream(Channel channel) {
        this.requests = WatchGrpc.newStub(channel).watch(new StreamObserver<>() {
            @Override
            public void onNext(WatchResponse response) {
                responses.add(response);
            }

            @Override
            public void onError(Throwable t) {
                errors.add(t);
            }

            @Override
            public void onCompleted() {
                errors.add(new IllegalStateException("the server completed the watch stream"));
            }
        });
    }

    /** A create request for {@code [key, rangeEnd)}; an empty {@code rangeEnd} watches the single key. */
    static WatchCreateRequest.Builder request(String key, String rangeEnd) {
        return WatchCreateRequest.newBuilder().setKey(ByteString.copyFromUtf8(key))
                .setRangeEnd(ByteString.copyFromUtf8(rangeEnd));
    }

    /** Sends a create request (the server picks the watch id). */
    void create(WatchCreateRequest.Builder create) {
        send(WatchRequest.newBuilder().setCreateRequest(create).build());
    }

    /** Sends a create request carrying a client-chosen {@code watch_id}. */
    void createWithId(WatchCreateRequest.Builder create, long watchId) {
        UnknownFieldSet id = UnknownFieldSet.newBuilder(create.getUnknownFields())
                .addField(WATCH_ID_FIELD, UnknownFieldSet.Field.newBuilder().addVarint(watchId).build())
                .build();
        create(create.clone().setUnknownFields(id));
    }

    /** Sends a create request and returns its {@code created} response (which must be the next response). */
    WatchResponse createAndAwait(WatchCreateRequest.Builder create) {
        create(create);
        WatchResponse created = next();
        assertThat(created.getCreated()).as("the answer to a create request: %s", created).isTrue();
        return created;
    }

    /** Sends a cancel request. */
    void cancel(long watchId) {
        send(WatchRequest.newBuilder().setCancelRequest(WatchCancelRequest.newBuilder().setWatchId(watchId)).build());
    }

    /** Sends a progress request. */
    void requestProgress() {
        send(WatchRequest.newBuilder().setProgressRequest(WatchProgressRequest.getDefaultInstance()).build());
    }

    /** The next response; fails after {@link #RESPONSE_TIMEOUT}, or at once if the stream failed. */
    WatchResponse next() {
        return next(RESPONSE_TIMEOUT);
    }

    /** The next response within {@code timeout}; fails if none arrives or the stream failed. */
    WatchResponse next(Duration timeout) {
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                WatchResponse response = responses.poll(50, TimeUnit.MILLISECONDS);
                if (response != null) {
                    return response;
                }
                Throwable error = errors.peek();
                if (error != null) {
                    throw new AssertionError("the watch stream failed: " + error, error);
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no watch response within " + timeout.toMillis() + " ms");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Responses until {@code count} events have arrived in total; fails if they do not within the timeout. */
    List<WatchResponse> nextEvents(int count) {
        List<WatchResponse> received = new ArrayList<>();
        int events = 0;
        while (events < count) {
            WatchResponse response = next();
            received.add(response);
            events += response.getEventsCount();
        }
        return received;
    }

    /** Asserts that no response arrives within {@code quiet}, and that the stream is still open. */
    void assertNothingFor(Duration quiet) {
        try {
            WatchResponse response = responses.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(response).as("an unexpected watch response").isNull();
            assertThat(errors).as("the watch stream failed").isEmpty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void send(WatchRequest request) {
        synchronized (requests) {
            requests.onNext(request);
        }
    }

    @Override
    public void close() {
        synchronized (requests) {
            ((ClientCallStreamObserver<WatchRequest>) requests).cancel("the test closed the stream", null);
        }
    }
}
