package io.cairn.observe.metrics;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Gauge} held in one atomic word (the double's bits), updated by a compare-and-set loop.
 *
 * <p>Why not the Prometheus client's gauge: its {@code inc} allocates a capturing lambda on every call, which the
 * hot path cannot afford; this one allocates nothing and is read by a callback at scrape time.
 */
final class AtomicGauge implements Gauge {

    private final AtomicLong bits = new AtomicLong(Double.doubleToRawLongBits(0.0));

    @Override
    public void set(double value) {
        bits.set(Double.doubleToRawLongBits(value));
    }

    @Override
    public void inc() {
        inc(1.0);
    }

    @Override
    public void inc(double amount) {
        long previous;
        long next;
        do {
            previous = bits.get();
            next = Double.doubleToRawLongBits(Double.longBitsToDouble(previous) + amount);
        } while (!bits.compareAndSet(previous, next));
    }

    @Override
    public void dec() {
        inc(-1.0);
    }

    @Override
    public double value() {
        return Double.longBitsToDouble(bits.get());
    }
}
