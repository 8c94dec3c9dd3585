package io.cairn.client;

import java.time.Duration;

/** {@link Ticker} on {@link System#nanoTime()} and {@link Thread#sleep(Duration)}. */
enum SystemTicker implements Ticker {
    INSTANCE;

    @Override
    public long nanos() {
        return System.nanoTime();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        if (duration.isPositive()) {
            Thread.sleep(duration);
        }
    }
}
