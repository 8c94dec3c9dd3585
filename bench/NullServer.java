import io.etcd.jetcd.api.DeleteRangeRequest;
import io.etcd.jetcd.api.DeleteRangeResponse;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.PutResponse;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RangeResponse;
import io.etcd.jetcd.api.ResponseHeader;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A KV endpoint that stores nothing: Put, Range and DeleteRange answer at once, on the network thread, with a
 * revision count. It measures what a load generator can drive on this machine when the server costs next to
 * nothing (the ceiling of `etcdctl check perf` here): java -cp 'cli/target/lib/*' bench/NullServer.java PORT
 */
public class NullServer {
    public static void main(String[] a) throws Exception {
        AtomicLong rev = new AtomicLong(1);
        KVGrpc.KVImplBase kv = new KVGrpc.KVImplBase() {
            @Override
            public void put(PutRequest r, StreamObserver<PutResponse> out) {
                out.onNext(PutResponse.newBuilder().setHeader(header(rev.incrementAndGet())).build());
                out.onCompleted();
            }

            @Override
            public void range(RangeRequest r, StreamObserver<RangeResponse> out) {
                out.onNext(RangeResponse.newBuilder().setHeader(header(rev.get())).build());
                out.onCompleted();
            }

            @Override
            public void deleteRange(DeleteRangeRequest r, StreamObserver<DeleteRangeResponse> out) {
                out.onNext(DeleteRangeResponse.newBuilder().setHeader(header(rev.incrementAndGet())).build());
                out.onCompleted();
            }
        };
        var server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", Integer.parseInt(a[0])))
                .directExecutor().addService(kv).build().start();
        System.out.println("listening on " + a[0]);
        server.awaitTermination();
    }

    private static ResponseHeader header(long rev) {
        return ResponseHeader.newBuilder().setClusterId(1).setMemberId(1).setRevision(rev).setRaftTerm(2).build();
    }
}
