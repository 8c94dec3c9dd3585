package io.cairn.bench.jmh;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler ({@code -prof io.cairn.bench.jmh.CpuTimeProfiler}) that adds, per iteration, the CPU time the
 * benchmark JVM spent per operation ({@code cpu.time.norm}: every thread — the benchmark's, JIT, GC and RocksDB's
 * background threads) and the share of one core it got ({@code cpu.share}: CPU seconds over wall seconds).
 *
 * <p>Why: on a shared, busy machine the wall-clock scores say as much about the neighbours as about the code; the
 * CPU time per operation moves far less with the load, and a {@code cpu.share} well below the benchmark's threads
 * says the scores of that run were starved.
 */
public final class CpuTimeProfiler implements InternalProfiler {

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuStart;
    private long wallStart;

    @Override
    public String getDescription() {
        return "Process CPU time per operation and share of a core, per iteration";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuStart = os.getProcessCpuTime();
        wallStart = System.nanoTime();
    }

    @Override
    public List<Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                       IterationResult result) {
        long cpu = os.getProcessCpuTime() - cpuStart;
        long wall = System.nanoTime() - wallStart;
        long ops = Math.max(1, result.getMetadata().getAllOps());
        return List.of(
                new ScalarResult("cpu.time.norm", (double) cpu / ops, "ns/op", AggregationPolicy.AVG),
                new ScalarResult("cpu.share", (double) cpu / Math.max(1, wall), "cores", AggregationPolicy.AVG));
    }
}
