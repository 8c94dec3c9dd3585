package io.cairn.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** A ticker whose sleeps advance its own time at once and are recorded. */
class FakeTicker implements Ticker {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    @Override
    public long nanos() {
        return now.get();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        sleeps.add(duration);
        now.addAndGet(duration.toNanos());
    }

    void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }
}
