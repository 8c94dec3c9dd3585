import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.PutRequest;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Quick put load: N puts (K-byte keys, V-byte values) with C in flight over M connections; prints rate and
 * latency percentiles. java -cp 'cli/target/lib/*:HdrHistogram.jar' bench/PutLoad.java HOST:PORT N C M K V
 */
public class PutLoad {
    public static void main(String[] a) throws Exception {
        String[] hp = a[0].split(":");
        int n = Integer.parseInt(a[1]), c = Integer.parseInt(a[2]), m = Integer.parseInt(a[3]);
        int ks = Integer.parseInt(a[4]), vs = Integer.parseInt(a[5]);
        ManagedChannel[] chs = new ManagedChannel[m];
        KVGrpc.KVStub[] stubs = new KVGrpc.KVStub[m];
        for (int i = 0; i < m; i++) {
            chs[i] = NettyChannelBuilder.forAddress(hp[0], Integer.parseInt(hp[1])).usePlaintext().build();
            stubs[i] = KVGrpc.newStub(chs[i]);
        }
        ByteString val = ByteString.copyFrom(new byte[vs]);
        Semaphore inflight = new Semaphore(c);
        AtomicLong errors = new AtomicLong();
        Histogram h = new Histogram(3_600_000_000L, 3);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            byte[] k = new byte[ks];
            String s = "k" + (i % 100_000);
            System.arraycopy(s.getBytes(), 0, k, 0, Math.min(ks, s.length()));
            inflight.acquire();
            long t0 = System.nanoTime();
            stubs[i % m].put(PutRequest.newBuilder().setKey(ByteString.copyFrom(k)).setValue(val).build(),
                    new io.grpc.stub.StreamObserver<>() {
                        public void onNext(io.etcd.jetcd.api.PutResponse r) { }
                        public void onError(Throwable e) { errors.incrementAndGet(); inflight.release(); }
                        public void onCompleted() {
                            synchronized (h) { h.recordValue((System.nanoTime() - t0) / 1000); }
                            inflight.release();
                        }
                    });
        }
        inflight.acquire(c);
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf("%d puts in %.2f s = %.0f/s, errors %d, latency us p50 %d p99 %d p99.9 %d max %d%n",
                n, secs, n / secs, errors.get(), h.getValueAtPercentile(50), h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9), h.getMaxValue());
        for (ManagedChannel ch : chs) ch.shutdownNow();
    }
}
