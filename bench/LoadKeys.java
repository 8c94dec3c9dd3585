import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.TxnRequest;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.Arrays;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Loads N keys with V-byte values into an etcd v3 endpoint, in txns of 100 puts with 16 txns in flight.
 * Run with the CLI's classpath: java -cp 'cli/target/lib/*' bench/LoadKeys.java HOST:PORT N V
 */
public class LoadKeys {
    public static void main(String[] args) throws Exception {
        String[] hp = args[0].split(":");
        long n = Long.parseLong(args[1]);
        int v = Integer.parseInt(args[2]);
        ManagedChannel ch = NettyChannelBuilder.forAddress(hp[0], Integer.parseInt(hp[1])).usePlaintext()
                .maxInboundMessageSize(64 << 20).build();
        KVGrpc.KVStub kv = KVGrpc.newStub(ch);
        byte[] value = new byte[v];
        Arrays.fill(value, (byte) 'x');
        ByteString val = ByteString.copyFrom(value);
        Semaphore inflight = new Semaphore(16);
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        for (long i = 0; i < n; i += 100) {
            TxnRequest.Builder t = TxnRequest.newBuilder();
            for (long j = i; j < Math.min(n, i + 100); j++) {
                t.addSuccess(RequestOp.newBuilder().setRequestPut(PutRequest.newBuilder()
                        .setKey(ByteString.copyFromUtf8(String.format("/load/%010d", j))).setValue(val)));
            }
            inflight.acquire();
            kv.txn(t.build(), new io.grpc.stub.StreamObserver<>() {
                public void onNext(io.etcd.jetcd.api.TxnResponse r) { }
                public void onError(Throwable e) { errors.incrementAndGet(); inflight.release(); }
                public void onCompleted() { inflight.release(); }
            });
        }
        inflight.acquire(16);
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf("loaded %d keys (%d-byte values) in %.1f s, %d failed txns%n", n, v, secs, errors.get());
        ch.shutdownNow();
        if (errors.get() > 0) {
            System.exit(1);
        }
    }
}
