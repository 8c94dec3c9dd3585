package io.cairn.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoadRunnerTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong clock = new AtomicLong();

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    /** Every request takes 1 ms of fake time and succeeds, except every tenth, which fails. */
    private final Operation oneMilliEveryTenthFails = (client, seq, done) -> {
        clock.addAndGet(1_000_000);
        if (seq % 10 == 9) {
            done.failed(Status.UNAVAILABLE.withDescription("down").asRuntimeException());
        } else {
            done.succeeded();
        }
    };

    @Test
    void sendsEachSequenceNumberOnceAndCountsSuccessesAndFailures() throws InterruptedException {
        ConcurrentHashMap<Long, Integer> sent = new ConcurrentHashMap<>();
        Operation recording = (client, seq, done) -> {
            sent.merge(seq, 1, Integer::sum);
            oneMilliEveryTenthFails.start(client, seq, done);
        };

        Summary summary = new LoadRunner(clock::get, scheduler).measure("put", recording, 4, 1000, 0);

        assertThat(sent).hasSize(1000).allSatisfy((seq, times) -> assertThat(times).isEqualTo(1));
        assertThat(summary.succeeded()).isEqualTo(900);
        assertThat(summary.failed()).isEqualTo(100);
        assertThat(summary.errors()).containsKey("UNAVAILABLE");
        assertThat(summary.latency().getValueAtPercentile(50)).isBetween(990_000L, 1_010_000L);
        assertThat(summary.nanos()).isEqualTo(1000 * 1_000_000L);
    }

    @Test
    void anOperationThatThrowsCountsAsAFailureAndTheRunGoesOn() throws InterruptedException {
        Operation throwing = (client, seq, done) -> {
            if (seq == 3) {
                throw new IllegalStateException("boom");
            }
            done.succeeded();
        };

        Summary summary = new LoadRunner(clock::get, scheduler).measure("x", throwing, 2, 10, 0);

        assertThat(summary.succeeded()).isEqualTo(9);
        assertThat(summary.errors()).containsKey("UNKNOWN");
    }

    @Test
    void aCountedWarmUpSendsExactlyThatManyRequests() throws InterruptedException {
        AtomicLong sent = new AtomicLong();

        new LoadRunner(clock::get, scheduler).warmUp((client, seq, done) -> {
            sent.incrementAndGet();
            done.succeeded();
        }, 3, 0, Warmup.parse("250"));

        assertThat(sent).hasValue(250);
    }

    @Test
    void moreClientsThanRequestsIsFine() throws InterruptedException {
        Summary summary = new LoadRunner(clock::get, scheduler).measure("x", oneMilliEveryTenthFails, 50, 5, 0);

        assertThat(summary.total()).isEqualTo(5);
    }
}
