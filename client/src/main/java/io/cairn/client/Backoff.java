package io.cairn.client;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Jittered exponential backoff: attempt {@code n} waits {@code base * 2^n}, capped, times a random factor in
 * [0.5, 1.0] so that many clients that failed together do not retry together.
 */
record Backoff(Duration base, Duration cap, RandomGenerator random) {

    Duration delay(int attempt) {
        long b = base.toNanos();
        long exp = attempt >= 30 ? Long.MAX_VALUE : b << Math.min(attempt, 30);
        long capped = exp < 0 || exp > cap.toNanos() ? cap.toNanos() : exp;
        double factor;
        synchronized (random) {
            factor = 0.5 + random.nextDouble() / 2;
        }
        return Duration.ofNanos((long) (capped * factor));
    }
}
