package io.cairn.bench;

import io.etcd.jetcd.api.LeaseGrantRequest;
import io.etcd.jetcd.api.LeaseGrantResponse;
import io.etcd.jetcd.api.LeaseGrpc;
import io.etcd.jetcd.api.LeaseKeepAliveRequest;
import io.etcd.jetcd.api.LeaseKeepAliveResponse;
import io.etcd.jetcd.api.LeaseRevokeRequest;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cairn bench lease-keepalive}: keep-alive round trips, each client on its own lease and its own
 * {@code LeaseKeepAlive} stream, as etcd's {@code benchmark lease-keepalive}.
 *
 * <p>Why: every Kubernetes node and every etcd client session keeps leases alive; a keep-alive is a leader-only
 * operation that does not go through the log, so its cost is the server's lease bookkeeping and stream handling.
 * Each client grants one lease (TTL 100 s, as etcd's tool), sends one keep-alive, waits for its answer, and so on;
 * the leases are revoked at the end.
 */
@Command(name = "lease-keepalive", description = "Benchmark lease keepalive.")
final class LeaseKeepaliveCommand extends LoadCommand {

    private static final long TTL_SECONDS = 100;

    @Option(names = "--total", defaultValue = "10000",
            description = "Total number of lease keepalive requests. Default: 10000.")
    long total;

    @Option(names = "--rate", defaultValue = "0", description = "Maximum keep-alives per second (0 is no limit).")
    double rate;

    @Override
    Report run(RunContext context) throws InterruptedException {
        int clients = context.options().clients();
        long[] leases = new long[clients];
        KeepAliveStream[] streams = new KeepAliveStream[clients];
        try {
            for (int c = 0; c < clients; c++) {
                LeaseGrantResponse grant = LeaseGrpc.newBlockingStub(context.pool().channel(c))
                        .withDeadlineAfter(10, TimeUnit.SECONDS)
                        .leaseGrant(LeaseGrantRequest.newBuilder().setTTL(TTL_SECONDS).build());
                if (!grant.getError().isEmpty()) {
                    throw new IllegalStateException("LeaseGrant failed: " + grant.getError());
                }
                leases[c] = grant.getID();
                streams[c] = new KeepAliveStream();
                streams[c].requests = LeaseGrpc.newStub(context.pool().channel(c)).leaseKeepAlive(streams[c]);
            }
        } catch (StatusRuntimeException e) {
            throw new IllegalStateException("LeaseGrant failed: " + e.getStatus().getCode() + " "
                    + e.getStatus().getDescription(), e);
        }
        Operation keepAlive = (client, seq, done) -> streams[client].send(leases[client], done);
        try {
            context.warmUp(keepAlive, rate);
            return Report.of("lease-keepalive", context.measure("lease-keepalive", keepAlive, total, rate));
        } finally {
            for (int c = 0; c < clients; c++) {
                if (streams[c] != null) {
                    streams[c].requests.onCompleted();
                }
                if (leases[c] != 0) {
                    LeaseGrpc.newStub(context.pool().channel(c)).leaseRevoke(
                            LeaseRevokeRequest.newBuilder().setID(leases[c]).build(), new Ignore<>());
                }
            }
        }
    }

    /** One client's keep-alive stream with at most one request outstanding. */
    private static final class KeepAliveStream implements StreamObserver<LeaseKeepAliveResponse> {
        StreamObserver<LeaseKeepAliveRequest> requests;
        private Operation.Completion pending;
        private Throwable broken;

        void send(long lease, Operation.Completion done) {
            synchronized (this) {
                if (broken != null) {
                    done.failed(broken);
                    return;
                }
                pending = done;
            }
            requests.onNext(LeaseKeepAliveRequest.newBuilder().setID(lease).build());
        }

        @Override
        public void onNext(LeaseKeepAliveResponse response) {
            Operation.Completion done = take();
            if (done == null) {
                return;
            }
            if (response.getTTL() <= 0) {
                done.failed(new IllegalStateException("lease expired or not found (TTL " + response.getTTL() + ")"));
            } else {
                done.succeeded();
            }
        }

        @Override
        public void onError(Throwable error) {
            Operation.Completion done;
            synchronized (this) {
                broken = error;
                done = pending;
                pending = null;
            }
            if (done != null) {
                done.failed(error);
            }
        }

        @Override
        public void onCompleted() {
            onError(new IllegalStateException("keep-alive stream closed by the server"));
        }

        private synchronized Operation.Completion take() {
            Operation.Completion done = pending;
            pending = null;
            return done;
        }
    }

    /** Ignores the outcome of a best-effort call. */
    private static final class Ignore<T> implements StreamObserver<T> {
        @Override
        public void onNext(T value) {
        }

        @Override
        public void onError(Throwable error) {
        }

        @Override
        public void onCompleted() {
        }
    }
}
