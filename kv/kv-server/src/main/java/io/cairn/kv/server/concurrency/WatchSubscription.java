package io.cairn.kv.server.concurrency;

import io.cairn.kv.api.EtcdError;
import io.etcd.jetcd.api.WatchCreateRequest;
import io.etcd.jetcd.api.WatchGrpc;
import io.etcd.jetcd.api.WatchRequest;
import io.etcd.jetcd.api.WatchResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One watcher on its own Watch stream, read by a blocking {@link #next()}.
 *
 * <p>Why: the recipes wait on a virtual thread, and a pull-style reader keeps each wait a plain loop, like the Go
 * client's {@code for wr := range watchChan}. Reading is flow-controlled (one response requested at a time), so a
 * slow reader, such as an Observe caller that does not read, pushes back on the watch instead of queueing without
 * bound. The stream runs in the gRPC context current at {@link #open}, so the caller's cancellation ends it.
 */
final class WatchSubscription implements AutoCloseable {

    /** What the stream delivers: a response, or its end (with the failure, if it failed). */
    private sealed interface Item {
        record Response(WatchResponse response) implements Item {
        }

        record End(Optional<Throwable> failure) implements Item {
        }
    }

    private final BlockingQueue<Item> inbox = new LinkedBlockingQueue<>();
    private volatile ClientCallStreamObserver<WatchRequest> requests;
    private boolean ended;

    private WatchSubscription() {
    }

    /** Starts watching as {@code create} asks (events of revision {@code start_revision} included). */
    static WatchSubscription open(WatchGrpc.WatchStub stub, WatchCreateRequest create) {
        WatchSubscription w = new WatchSubscription();
        StreamObserverAdapter adapter = w.new StreamObserverAdapter();
        stub.watch(adapter).onNext(WatchRequest.newBuilder().setCreateRequest(create).build());
        return w;
    }

    /**
     * The next response that carries events, waiting for it; empty when the server ended the stream normally.
     *
     * @throws StatusRuntimeException when the stream failed (the caller's cancellation or deadline included), or
     *     when the server cancelled the watcher: compaction gives etcd's "required revision has been compacted",
     *     a cancel without a reason its "required revision is a future revision", as the Go client reports them
     * @throws InterruptedException if the waiting thread is interrupted
     */
    Optional<WatchResponse> next() throws InterruptedException {
        while (!ended) {
            Item item = inbox.take();
            switch (item) {
                case Item.End end -> {
                    ended = true;
                    if (end.failure().isPresent()) {
                        throw Status.fromThrowable(end.failure().get()).asRuntimeException();
                    }
                }
                case Item.Response r -> {
                    WatchResponse response = r.response();
                    if (response.getCanceled()) {
                        ended = true;
                        close();
                        throw cancelled(response);
                    }
                    requests.request(1);
                    if (response.getEventsCount() > 0) {
                        return Optional.of(response);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Ends the stream (and so the watcher on the server); idempotent. */
    @Override
    public void close() {
        ClientCallStreamObserver<WatchRequest> r = requests;
        if (r != null) {
            r.cancel("watch no longer needed", null);
        }
    }

    private static StatusRuntimeException cancelled(WatchResponse response) {
        if (response.getCompactRevision() != 0) {
            return EtcdError.COMPACTED.status().asRuntimeException();
        }
        if (!response.getCancelReason().isEmpty()) {
            return Status.FAILED_PRECONDITION.withDescription(response.getCancelReason()).asRuntimeException();
        }
        return EtcdError.FUTURE_REV.status().asRuntimeException();
    }

    /** Moves what gRPC delivers into the inbox, one message at a time. */
    private final class StreamObserverAdapter implements ClientResponseObserver<WatchRequest, WatchResponse> {

        @Override
        public void beforeStart(ClientCallStreamObserver<WatchRequest> stream) {
            requests = stream;
            stream.disableAutoRequestWithInitial(1);
        }

        @Override
        public void onNext(WatchResponse value) {
            inbox.add(new Item.Response(value));
        }

        @Override
        public void onError(Throwable t) {
            inbox.add(new Item.End(Optional.of(t)));
        }

        @Override
        public void onCompleted() {
            inbox.add(new Item.End(Optional.empty()));
        }
    }
}
