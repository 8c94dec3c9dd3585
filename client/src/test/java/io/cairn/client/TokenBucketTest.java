package io.cairn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    @Test
    void theBurstIsImmediateAndLaterTokensComeAtTheRate() {
        FakeTicker t = new FakeTicker();
        TokenBucket b = new TokenBucket(10, 3, t);
        Deadline d = Deadline.after(Duration.ofMinutes(1), t);
        for (int i = 0; i < 3; i++) {
            assertThat(b.acquire(d)).isZero();
        }
        assertThat(b.acquire(d)).isEqualTo(Duration.ofMillis(100));
        assertThat(b.acquire(d)).isEqualTo(Duration.ofMillis(100));
        t.advance(Duration.ofSeconds(10));
        for (int i = 0; i < 3; i++) {
            assertThat(b.acquire(d)).isZero();
        }
        assertThat(b.acquire(d)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void aSlotBeyondTheDeadlineFailsAtOnceAndReturnsTheToken() {
        FakeTicker t = new FakeTicker();
        TokenBucket b = new TokenBucket(1, 1, t);
        b.acquire(Deadline.after(Duration.ofMinutes(1), t));
        assertThatThrownBy(() -> b.acquire(Deadline.after(Duration.ofMillis(500), t)))
                .isInstanceOf(ClientException.DeadlineExceeded.class);
        assertThat(t.sleeps).isEmpty();
        // the refused reservation did not push the next caller further back
        assertThat(b.acquire(Deadline.after(Duration.ofMinutes(1), t))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void reservationsQueueCallersOneSlotApart() {
        FakeTicker t = new FakeTicker() {
            @Override
            public void sleep(Duration duration) {
                sleeps.add(duration);   // callers sleep concurrently: time does not advance per sleeper
            }
        };
        TokenBucket b = new TokenBucket(50, 1, t);
        Deadline d = Deadline.after(Duration.ofMinutes(1), t);
        b.acquire(d);
        for (int i = 1; i <= 5; i++) {
            assertThat(b.acquire(d)).isEqualTo(Duration.ofMillis(20L * i));
        }
    }
}
