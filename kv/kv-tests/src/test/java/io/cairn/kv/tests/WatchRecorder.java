package io.cairn.kv.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.Watch;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A jetcd watch listener that queues what it receives, so a test can wait for responses, events or the error that
 * ends the watch, with bounded waits.
 *
 * <p>Why: jetcd delivers watch responses on its own threads; a queue turns them into a sequence the test reads in
 * order, and every wait has a timeout so a missing event fails the test instead of hanging it.
 */
final class WatchRecorder implements Watch.Listener {

    /** How long a wait for one response lasts. */
    static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final BlockingQueue<WatchResponse> responses = new LinkedBlockingQueue<>();
    private final BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();

    @Override
    public void onNext(WatchResponse response) {
        responses.add(response);
    }

    @Override
    public void onError(Throwable throwable) {
        errors.add(throwable);
    }

    @Override
    public void onCompleted() {
        // The watcher was closed by the test.
    }

    /** The next response; fails after {@link #TIMEOUT}, or at once with the error that ended the watch. */
    WatchResponse next() {
        try {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                WatchResponse response = responses.poll(50, TimeUnit.MILLISECONDS);
                if (response != null) {
                    return response;
                }
                Throwable error = errors.peek();
                if (error != null) {
                    throw new AssertionError("the watch failed: " + error, error);
                }
            }
            throw new AssertionError("no watch response within " + TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the {@code created} notification (watches opened with {@code withCreateNotify(true)}). */
    void awaitCreated() {
        WatchResponse created = next();
        assertThat(created.isCreatedNotify()).as("the first response is the created notification").isTrue();
    }

    /** The next {@code count} events, across as many responses as they come in. */
    List<WatchEvent> events(int count) {
        List<WatchEvent> events = new ArrayList<>();
        while (events.size() < count) {
            events.addAll(next().getEvents());
        }
        assertThat(events).as("events received while waiting for %d", count).hasSize(count);
        return events;
    }

    /** The error that ended the watch; fails if none comes within {@link #TIMEOUT}. */
    Throwable awaitError() {
        try {
            Throwable error = errors.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(error).as("the error that ends the watch").isNotNull();
            return error;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Asserts that no response and no error arrives within {@code quiet}. */
    void assertNothingFor(Duration quiet) {
        try {
            WatchResponse response = responses.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(response).as("an unexpected watch response").isNull();
            assertThat(errors).as("an unexpected watch error").isEmpty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
