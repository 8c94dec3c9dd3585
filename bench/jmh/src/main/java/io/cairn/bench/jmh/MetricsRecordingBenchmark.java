package io.cairn.bench.jmh;

import io.cairn.observe.metrics.Buckets;
import io.cairn.observe.metrics.Counter;
import io.cairn.observe.metrics.Gauge;
import io.cairn.observe.metrics.Histogram;
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
 * Recording through the bound handles of {@code io.cairn.observe.metrics}, as the hot path does: a counter with
 * and without labels, a gauge, and a classic histogram with and without labels. Run with {@code -prof gc}: the
 * contract is {@code gc.alloc.rate.norm} ≈ 0 B/op (handles are bound once; recording allocates nothing).
 *
 * <p>The label sets and buckets are those of the store's real families ({@code grpc_server_handled_total},
 * {@code etcd_disk_backend_commit_duration_seconds}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MetricsRecordingBenchmark {

    Counter plain;
    Counter labelled;
    Gauge gauge;
    Histogram histogram;
    Histogram labelledHistogram;
    long nanos = 1_700_000;

    @Setup
    public void setup() {
        Metrics metrics = Metrics.create();
        plain = metrics.counter("etcd_mvcc_put_total", "Total number of puts seen by this member.");
        labelled = metrics.counterFamily("grpc_server_handled_total", "Total number of RPCs completed.",
                "grpc_type", "grpc_service", "grpc_method", "grpc_code").labels("unary", "etcdserverpb.KV", "Range", "OK");
        gauge = metrics.gauge("etcd_server_proposals_pending", "The current number of pending proposals to commit.");
        histogram = metrics.histogram("etcd_disk_backend_commit_duration_seconds",
                "The latency distributions of commit called by backend.", Buckets.exponential(0.001, 2, 14));
        labelledHistogram = metrics.histogramFamily("grpc_server_handling_seconds", "Handling time.",
                Buckets.exponential(0.0001, 2, 20), "grpc_method").labels("Range");
    }

    @Benchmark
    public void counterInc() {
        plain.inc();
    }

    @Benchmark
    public void labelledCounterInc() {
        labelled.inc();
    }

    @Benchmark
    public void counterIncBytes() {
        plain.inc(nanos);
    }

    @Benchmark
    public void gaugeInc() {
        gauge.inc();
    }

    @Benchmark
    public void gaugeSet() {
        gauge.set(nanos);
    }

    @Benchmark
    public void histogramObserveNanos() {
        histogram.observeNanos(nanos);
    }

    @Benchmark
    public void labelledHistogramObserveNanos() {
        labelledHistogram.observeNanos(nanos);
    }
}
