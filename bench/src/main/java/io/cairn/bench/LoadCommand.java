package io.cairn.bench;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The common life of a {@code cairn bench} subcommand: check options, connect, run, print, choose the exit status.
 *
 * <p>Why: each subcommand then holds only its flags and its workload. The pacing scheduler is one daemon thread
 * per run; connections are closed when the run ends, whatever happened. The report also carries the CPU time the
 * generator itself used during the run ({@code generator_cpu_ms}): on a machine shared with the server, that is
 * CPU the server did not get.
 */
abstract class LoadCommand implements Callable<Integer> {

    @ParentCommand
    BenchCommand bench;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BenchOptions options;
        try {
            options = bench.options();
            check();
        } catch (IllegalArgumentException e) {
            err.println(spec.qualifiedName() + ": " + e.getMessage());
            err.flush();
            return 2;
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "bench-pacer");
            thread.setDaemon(true);
            return thread;
        });
        try (ConnectionPool pool = ConnectionPool.open(
                LeaderEndpoints.forRun(options.endpoints(), options.targetLeader(), options.dialTimeout(), err),
                options.conns(),
                options.ioThreads(), options.dialTimeout())) {
            RunContext context = new RunContext(options, pool, new LoadRunner(bench.nanoClock(), scheduler),
                    bench.nanoClock(), bench.newSeed(), err);
            long cpuBefore = cpuMillis();
            Report report = run(context).withCounter("generator_cpu_ms", cpuMillis() - cpuBefore);
            out.print(options.json() ? JsonReport.format(report, options.allowErrors()) + "\n"
                    : TextReport.format(report));
            out.flush();
            if (!report.ok(options.allowErrors())) {
                if (report.problems().isEmpty()) {
                    err.println(spec.qualifiedName() + ": " + report.errors()
                            + " requests failed (--allow-errors accepts that)");
                }
                err.flush();
                return 1;
            }
            return 0;
        } catch (IllegalStateException e) {
            err.println(spec.qualifiedName() + ": " + e.getMessage());
            err.flush();
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            scheduler.shutdownNow();
        }
    }

    /** CPU time this process has used so far (all threads, the JIT included), in milliseconds. */
    private static long cpuMillis() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis()).orElse(0L);
    }

    /** Checks this subcommand's own options; throws {@link IllegalArgumentException} for a bad value. */
    void check() {
    }

    /** Runs the workload against the open connections. */
    abstract Report run(RunContext context) throws InterruptedException;
}
