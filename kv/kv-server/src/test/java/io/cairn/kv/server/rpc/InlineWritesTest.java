package io.cairn.kv.server.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.PutResponse;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RangeResponse;
import io.etcd.jetcd.api.TxnRequest;
import io.etcd.jetcd.api.TxnResponse;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Writes run on the thread that delivered them, everything else on the pool, in a real gRPC server. */
class InlineWritesTest {
    private final Map<String, String> threadOf = new ConcurrentHashMap<>();
    private ExecutorService pool;
    private Server server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        pool = Executors.newFixedThreadPool(2, r -> new Thread(r, "request-pool"));
        KVGrpc.KVImplBase kv = new KVGrpc.KVImplBase() {
            @Override
            public void put(PutRequest r, StreamObserver<PutResponse> out) {
                threadOf.put("put", Thread.currentThread().getName());
                out.onNext(PutResponse.getDefaultInstance());
                out.onCompleted();
            }

            @Override
            public void txn(TxnRequest r, StreamObserver<TxnResponse> out) {
                threadOf.put("txn", Thread.currentThread().getName());
                out.onNext(TxnResponse.getDefaultInstance());
                out.onCompleted();
            }

            @Override
            public void range(RangeRequest r, StreamObserver<RangeResponse> out) {
                threadOf.put("range", Thread.currentThread().getName());
                out.onNext(RangeResponse.getDefaultInstance());
                out.onCompleted();
            }
        };
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name).directExecutor().callExecutor(new InlineWrites(pool))
                .addService(kv).build().start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow();
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        pool.shutdownNow();
    }

    @Test
    void writesRunWhereTheyArriveAndReadsOnThePool() {
        var stub = KVGrpc.newBlockingStub(channel);
        stub.put(PutRequest.getDefaultInstance());
        stub.txn(TxnRequest.getDefaultInstance());
        stub.range(RangeRequest.getDefaultInstance());

        assertThat(threadOf.get("put")).isNotEqualTo("request-pool");
        assertThat(threadOf.get("txn")).isNotEqualTo("request-pool");
        assertThat(threadOf.get("range")).isEqualTo("request-pool");
    }

    @Test
    void onlyTheKvWritesAreInline() {
        assertThat(InlineWrites.inline(KVGrpc.getPutMethod().getFullMethodName())).isTrue();
        assertThat(InlineWrites.inline(KVGrpc.getDeleteRangeMethod().getFullMethodName())).isTrue();
        assertThat(InlineWrites.inline(KVGrpc.getTxnMethod().getFullMethodName())).isTrue();
        assertThat(InlineWrites.inline(KVGrpc.getRangeMethod().getFullMethodName())).isFalse();
        assertThat(InlineWrites.inline(KVGrpc.getCompactMethod().getFullMethodName())).isFalse();
        assertThat(InlineWrites.inline(io.etcd.jetcd.api.LeaseGrpc.getLeaseGrantMethod().getFullMethodName()))
                .isFalse();
        assertThat(InlineWrites.inline(io.etcd.jetcd.api.WatchGrpc.getWatchMethod().getFullMethodName())).isFalse();
    }
}
