package io.cairn.bench;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Runs a request/response workload: {@code clients} logical clients, each with one request in flight, sending
 * {@code total} requests between them, optionally paced to a rate.
 *
 * <p>Why: this is etcd's benchmark model (a goroutine per client doing one request after another) without a
 * thread per client. A client's next request is started from the callback of its previous one, on the gRPC network
 * thread; when a rate limit applies, the single scheduler thread starts it at its slot. Latency runs from the moment
 * a request is sent (after any pacing wait, as in etcd) to its response, and goes into a {@link LatencyTally}. A run
 * in which no request completes for {@link #STALL} gives up and counts the requests still in flight as
 * {@code STALLED} errors, so a hung server cannot hang a benchmark script.
 */
final class LoadRunner {

    /** How long a run may go without a single response before it gives up. */
    static final Duration STALL = Duration.ofSeconds(60);

    private final LongSupplier nanoClock;
    private final ScheduledExecutorService scheduler;

    LoadRunner(LongSupplier nanoClock, ScheduledExecutorService scheduler) {
        this.nanoClock = nanoClock;
        this.scheduler = scheduler;
    }

    /** Sends unmeasured requests as the warm-up says, at the same concurrency and rate. */
    void warmUp(Operation operation, int clients, double rate, Warmup warmup) throws InterruptedException {
        if (warmup.none()) {
            return;
        }
        long total = warmup.requests() > 0 ? warmup.requests() : Long.MAX_VALUE;
        long deadline = warmup.time().isZero() ? 0 : nanoClock.getAsLong() + warmup.time().toNanos();
        new Run(operation, clients, total, deadline, rate).runToEnd();
    }

    /** Sends {@code total} requests and returns their summary under {@code name}. */
    Summary measure(String name, Operation operation, int clients, long total, double rate)
            throws InterruptedException {
        Run run = new Run(operation, clients, total, 0, rate);
        run.runToEnd();
        return run.tally.summary(name, "requests", run.endNanos - run.startNanos);
    }

    /** One pass of requests; {@code deadline} 0 means none. */
    private final class Run {
        final Operation operation;
        final long total;
        final long deadline;
        final RateLimiter limiter;
        final AtomicLong issued = new AtomicLong();
        final AtomicInteger activeClients;
        final CountDownLatch finished = new CountDownLatch(1);
        final LongAdder started = new LongAdder();
        final LongAdder completed = new LongAdder();
        final LatencyTally tally = new LatencyTally();
        volatile boolean stopped;
        final int clients;
        long startNanos;
        volatile long endNanos;

        Run(Operation operation, int clients, long total, long deadline, double rate) {
            this.operation = operation;
            this.total = total;
            this.deadline = deadline;
            this.limiter = RateLimiter.perSecond(rate, nanoClock);
            this.clients = clients;
            this.activeClients = new AtomicInteger(clients);
        }

        void runToEnd() throws InterruptedException {
            startNanos = nanoClock.getAsLong();
            for (int client = 0; client < clients; client++) {
                next(client);
            }
            await();
        }

        void next(int client) {
            long seq = issued.getAndIncrement();
            if (stopped || seq >= total || (deadline != 0 && nanoClock.getAsLong() - deadline >= 0)) {
                if (activeClients.decrementAndGet() == 0) {
                    endNanos = nanoClock.getAsLong();
                    finished.countDown();
                }
                return;
            }
            long wait = limiter.reserve();
            if (wait > 0) {
                scheduler.schedule(() -> fire(client, seq), wait, TimeUnit.NANOSECONDS);
            } else {
                fire(client, seq);
            }
        }

        void fire(int client, long seq) {
            started.increment();
            Call call = new Call(client, nanoClock.getAsLong());
            try {
                operation.start(client, seq, call);
            } catch (RuntimeException e) {
                call.failed(e);
            }
        }

        /** Waits for the end; gives up when requests are in flight and nothing has moved for {@link #STALL}. */
        private void await() throws InterruptedException {
            long seen = -1;
            long lastProgress = nanoClock.getAsLong();
            while (!finished.await(200, TimeUnit.MILLISECONDS)) {
                long now = nanoClock.getAsLong();
                long done = completed.sum();
                long sent = started.sum();
                if (sent + done != seen) {
                    seen = sent + done;
                    lastProgress = now;
                } else if (sent > done && now - lastProgress > STALL.toNanos()) {
                    stopped = true;
                    tally.failed("STALLED", "no response within " + STALL.toSeconds() + " s", sent - done);
                    endNanos = now;
                    return;
                }
            }
        }

        /** The completion of one request. */
        private final class Call implements Operation.Completion {
            final int client;
            final long sentNanos;

            Call(int client, long sentNanos) {
                this.client = client;
                this.sentNanos = sentNanos;
            }

            @Override
            public void succeeded() {
                tally.succeeded(nanoClock.getAsLong() - sentNanos);
                completed.increment();
                next(client);
            }

            @Override
            public void failed(Throwable error) {
                tally.failed(error);
                completed.increment();
                // Failures can arrive on the calling thread; hopping threads keeps the stack flat.
                scheduler.execute(() -> next(client));
            }
        }
    }
}
