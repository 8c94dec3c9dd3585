package io.cairn.kv.server.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.api.WatchResponse;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which thread sends a commit's watch responses: the committing thread when the commit reaches a few streams (and
 * then at most a few responses per stream), the sender pool otherwise, in order either way.
 */
class WatchSendThreadTest {

    @TempDir
    Path dir;

    /** The sender pool: tasks wait here until the test runs them. */
    private final ArrayDeque<Runnable> pool = new ArrayDeque<>();
    private WatchHubHarness harness;

    @BeforeEach
    void open() {
        harness = new WatchHubHarness(dir, pool::add);
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void aCommitReachingAFewStreamsIsSentByTheCommittingThread() {
        List<RecordingOutbound> streams = streams(WatchHub.SEND_HERE_STREAMS);
        runPool(); // the created responses

        harness.commitPut(2);

        assertThat(pool).isEmpty();
        assertThat(streams).allSatisfy(out -> assertThat(out.eventRevisions()).containsExactly(2L));
    }

    @Test
    void aWiderCommitIsHandedToThePool() {
        List<RecordingOutbound> streams = streams(WatchHub.SEND_HERE_STREAMS + 1);
        runPool();

        harness.commitPut(2);

        assertThat(pool).hasSize(streams.size());
        assertThat(streams).allSatisfy(out -> assertThat(out.eventRevisions()).isEmpty());
        runPool();
        assertThat(streams).allSatisfy(out -> assertThat(out.eventRevisions()).containsExactly(2L));
    }

    @Test
    void theCommittingThreadSendsAFewResponsesOfAStreamAndThePoolTheRestInOrder() {
        int watchers = WatchStream.SEND_HERE + 3;
        RecordingOutbound out = new RecordingOutbound();
        harness.stream(out, watchers);
        runPool();

        harness.commitPut(2);
        assertThat(out.eventRevisions()).hasSize(WatchStream.SEND_HERE);
        assertThat(pool).hasSize(1);
        // the pool still owns the stream's sending: the next commit queues behind what is left
        harness.commitPut(3);
        assertThat(out.eventRevisions()).hasSize(WatchStream.SEND_HERE);
        runPool();

        assertThat(out.eventRevisions()).hasSize(2 * watchers);
        Map<Long, List<Long>> byWatcher = new TreeMap<>();
        for (WatchResponse r : out.sent) {
            if (r.getEventsCount() > 0) {
                byWatcher.computeIfAbsent(r.getWatchId(), id -> new ArrayList<>())
                        .add(r.getEvents(0).getKv().getModRevision());
            }
        }
        assertThat(byWatcher).hasSize(watchers);
        assertThat(byWatcher.values()).allSatisfy(revs -> assertThat(revs).containsExactly(2L, 3L));
    }

    @Test
    void aStreamThatIsNotReadyKeepsItsResponsesForItsReadyCallback() {
        RecordingOutbound out = new RecordingOutbound();
        out.ready = false;
        harness.stream(out, 1);
        runPool();

        harness.commitPut(2);
        harness.commitPut(3);
        assertThat(out.sent).isEmpty();

        out.becomeReady();
        runPool();
        assertThat(out.eventRevisions()).containsExactly(2L, 3L);
    }

    private List<RecordingOutbound> streams(int n) {
        List<RecordingOutbound> outs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RecordingOutbound out = new RecordingOutbound();
            harness.stream(out, 1);
            outs.add(out);
        }
        return outs;
    }

    private void runPool() {
        for (Runnable r = pool.poll(); r != null; r = pool.poll()) {
            r.run();
        }
    }
}
