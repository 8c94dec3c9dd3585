package io.cairn.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void zeroRateNeverWaits() {
        RateLimiter limiter = RateLimiter.perSecond(0, now::get);

        assertThat(limiter.unlimited()).isTrue();
        for (int i = 0; i < 1000; i++) {
            assertThat(limiter.reserve()).isZero();
        }
    }

    @Test
    void requestsAtTheSameInstantGetEvenlySpacedSlots() {
        RateLimiter limiter = RateLimiter.perSecond(1000, now::get);

        assertThat(limiter.reserve()).isZero();
        assertThat(limiter.reserve()).isEqualTo(1_000_000L);
        assertThat(limiter.reserve()).isEqualTo(2_000_000L);
        assertThat(limiter.reserve()).isEqualTo(3_000_000L);
    }

    @Test
    void aCallerThatWaitsForEachSlotRunsAtTheRate() {
        RateLimiter limiter = RateLimiter.perSecond(250, now::get);
        long start = now.get();

        for (int i = 0; i < 1001; i++) {
            now.addAndGet(limiter.reserve());
        }

        assertThat(now.get() - start).isEqualTo(1000 * 4_000_000L);
    }

    @Test
    void aStallEarnsNoBurst() {
        RateLimiter limiter = RateLimiter.perSecond(100, now::get);
        limiter.reserve();

        now.addAndGet(1_000_000_000L);

        assertThat(limiter.reserve()).isZero();
        assertThat(limiter.reserve()).isEqualTo(10_000_000L);
    }

    @Test
    void fractionalRatesRoundTheInterval() {
        RateLimiter limiter = RateLimiter.perSecond(3, now::get);

        limiter.reserve();

        assertThat(limiter.reserve()).isEqualTo(333_333_333L);
    }
}
