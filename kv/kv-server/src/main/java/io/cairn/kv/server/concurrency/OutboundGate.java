package io.cairn.kv.server.concurrency;

import io.grpc.stub.ServerCallStreamObserver;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A server stream written by one thread that waits while the client is not reading.
 *
 * <p>Why: etcd's Observe blocks in {@code stream.Send} while the client's flow-control window is full; gRPC Java
 * instead buffers without bound. Waiting for {@code isReady} restores the back-pressure (and, through the
 * flow-controlled watch behind it, all the way to the server's watcher). Must be created inside the service method,
 * since gRPC only accepts the ready and cancel handlers there.
 *
 * @param <T> the message type
 */
final class OutboundGate<T> {

    private final ServerCallStreamObserver<T> out;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    OutboundGate(ServerCallStreamObserver<T> out) {
        this.out = out;
        out.setOnReadyHandler(this::signal);
        out.setOnCancelHandler(this::signal);
    }

    /**
     * Sends {@code message} once the client can take it.
     *
     * @return false, without sending, if the call was cancelled
     * @throws InterruptedException if the writing thread is interrupted while waiting
     */
    boolean send(T message) throws InterruptedException {
        lock.lock();
        try {
            while (!out.isReady() && !out.isCancelled()) {
                changed.await();
            }
        } finally {
            lock.unlock();
        }
        if (out.isCancelled()) {
            return false;
        }
        out.onNext(message);
        return true;
    }

    private void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
