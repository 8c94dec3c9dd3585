package io.cairn.kv.server.watch;

import io.etcd.jetcd.api.WatchResponse;
import java.util.ArrayList;
import java.util.List;

/** A client end of a watch stream for tests: records what is sent, can refuse to be ready, can fail a send. */
final class RecordingOutbound implements Outbound {
    final List<WatchResponse> sent = new ArrayList<>();
    boolean ready = true;
    /** Sends of event responses still to fail, each with an exception as a broken transport would throw. */
    int eventSendsToFail;
    private Runnable onReady = () -> { };

    @Override
    public boolean isReady() {
        return ready;
    }

    @Override
    public void send(WatchResponse response) {
        if (response.getEventsCount() > 0 && eventSendsToFail > 0) {
            eventSendsToFail--;
            throw new IllegalStateException("transport went away mid-send");
        }
        sent.add(response);
    }

    @Override
    public void onReady(Runnable r) {
        onReady = r;
    }

    /** The client can take responses again. */
    void becomeReady() {
        ready = true;
        onReady.run();
    }

    /** Mod revisions of the first event of each event response, in the order sent. */
    List<Long> eventRevisions() {
        return sent.stream().filter(r -> r.getEventsCount() > 0)
                .map(r -> r.getEvents(0).getKv().getModRevision()).toList();
    }
}
