package io.cairn.apiserver.tests;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A fabric8 {@link Watcher} that queues what it receives, for tests to take in order.
 *
 * <p>Why: watch events arrive on the client's threads; a queue with a bounded wait turns them into a sequence a test
 * can assert on without sleeping. Bookmarks carry no object change and are left out.
 */
final class RecordingWatcher<T extends HasMetadata> implements Watcher<T> {
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** One received event: the action and the object's name and resourceVersion. */
    record Event(Action action, String name, String resourceVersion) {
        String summary() {
            return action + " " + name;
        }
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<WatcherException> closed = new CompletableFuture<>();

    @Override
    public void eventReceived(Action action, T resource) {
        if (action != Action.BOOKMARK) {
            events.add(new Event(action, resource.getMetadata().getName(),
                    resource.getMetadata().getResourceVersion()));
        }
    }

    @Override
    public void onClose(WatcherException cause) {
        closed.complete(cause);
    }

    @Override
    public void onClose() {
        closed.complete(null);
    }

    /** The next event; fails the test if none arrives in time. */
    Event next() throws InterruptedException {
        Event e = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (e == null) {
            throw new AssertionError("no watch event within " + WAIT);
        }
        return e;
    }

    /** The exception the watch was closed with; fails the test if it does not close with one in time. */
    WatcherException closedWith() throws InterruptedException, ExecutionException {
        try {
            WatcherException e = closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (e == null) {
                throw new AssertionError("the watch closed without an error");
            }
            return e;
        } catch (TimeoutException e) {
            throw new AssertionError("the watch did not close within " + WAIT, e);
        }
    }
}
