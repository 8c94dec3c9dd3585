package io.cairn.kv.server.mvcc;

import io.cairn.observe.metrics.Metrics;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The keyspace's own metric hooks ({@link MvccMetrics}), called on every put, range, transaction and backend
 * commit. Run with {@code -prof gc}: {@code gc.alloc.rate.norm} must be ≈ 0 B/op.
 *
 * <p>In the keyspace's package because the hooks are package-private; this class lives in the benchmark jar only.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MvccMetricsBenchmark {

    MvccMetrics metrics;
    long nanos = 1_200_000;
    int operations = 3;

    @Setup
    public void setup() {
        metrics = MvccMetrics.register(Metrics.create());
    }

    /** One put counted. */
    @Benchmark
    public void put() {
        metrics.put();
    }

    /** One range counted. */
    @Benchmark
    public void range() {
        metrics.range();
    }

    /** A transaction of several operations ended. */
    @Benchmark
    public void txnEnded() {
        metrics.ended(operations);
    }

    /** A backend commit's duration observed. */
    @Benchmark
    public void committed() {
        metrics.committed(nanos);
    }
}
