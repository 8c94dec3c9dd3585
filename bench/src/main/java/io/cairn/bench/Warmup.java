package io.cairn.bench;

import java.time.Duration;
import java.util.Locale;

/**
 * How much unmeasured load runs before the measured part: a number of requests or a length of time.
 *
 * <p>Why: a JVM (the server's and this generator's) runs interpreted code for its first seconds; measuring them
 * would compare the JIT, not the store. etcd's benchmark has no warm-up because Go needs none; here a small
 * default keeps the two comparable. The warm-up sends the same kind of requests as the measured run, at the same
 * concurrency and rate, and is then forgotten.
 *
 * @param requests warm-up requests, or 0 when the warm-up is timed
 * @param time     warm-up time, or zero when it is counted in requests
 */
record Warmup(long requests, Duration time) {

    /** No warm-up. */
    static final Warmup NONE = new Warmup(0, Duration.ZERO);

    Warmup {
        if (requests < 0 || time.isNegative()) {
            throw new IllegalArgumentException("negative warm-up");
        }
    }

    /** Parses {@code 2s}, {@code 500ms} or {@code 1m} (a time) or a bare number (requests); {@code 0} is none. */
    static Warmup parse(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (s.endsWith("ms")) {
                return new Warmup(0, Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2))));
            }
            if (s.endsWith("s")) {
                return new Warmup(0, Duration.ofMillis(Math.round(Double.parseDouble(s.substring(0, s.length() - 1))
                        * 1000)));
            }
            if (s.endsWith("m")) {
                return new Warmup(0, Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)) * 60));
            }
            return new Warmup(Long.parseLong(s), Duration.ZERO);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("warm-up '" + text + "' is neither a time (2s, 500ms) nor a count");
        }
    }

    /** Whether there is no warm-up at all. */
    boolean none() {
        return requests == 0 && time.isZero();
    }

    @Override
    public String toString() {
        return time.isZero() ? requests + " requests" : time.toMillis() + " ms";
    }
}
