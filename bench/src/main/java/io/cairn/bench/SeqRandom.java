package io.cairn.bench;

/**
 * Random numbers derived from a request's sequence number (SplitMix64 of seed + sequence).
 *
 * <p>Why: requests are built on several gRPC network threads at once. A shared {@code Random} would be contended
 * or unsafe; deriving each request's randomness from its own sequence number needs no shared state, and a run is
 * reproducible from its seed.
 */
final class SeqRandom {

    private final long seed;

    SeqRandom(long seed) {
        this.seed = seed;
    }

    /** 64 random bits for {@code seq}. */
    long bits(long seq) {
        long z = seed + (seq + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A number in {@code [0, bound)} for {@code seq}. */
    long below(long seq, long bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive");
        }
        return Long.remainderUnsigned(bits(seq), bound);
    }

    /** A number in {@code [0, 1)} for {@code seq}. */
    double unit(long seq) {
        return (bits(seq) >>> 11) * 0x1.0p-53;
    }
}
