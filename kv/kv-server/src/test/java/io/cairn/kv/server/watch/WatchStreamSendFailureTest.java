package io.cairn.kv.server.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A send that fails must not leave its watch stream unable to send the next responses, nor reach the committer. */
class WatchStreamSendFailureTest {

    @TempDir
    Path dir;

    private final List<Throwable> senderErrors = new ArrayList<>();
    private WatchHubHarness harness;

    @BeforeEach
    void open() {
        harness = new WatchHubHarness(dir, r -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                senderErrors.add(e); // what a pool thread would log
            }
        });
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void aFailedSendOnTheCommittingThreadDoesNotStopTheStreamNorEscape() {
        RecordingOutbound out = failingOnce();
        harness.stream(out, 1);

        // one stream: sent from the committing thread, whose failure is logged there, not thrown at the committer
        assertThatCode(() -> harness.commitPut(2)).doesNotThrowAnyException();
        harness.commitPut(3);

        assertThat(senderErrors).isEmpty();
        assertThat(out.eventRevisions()).containsExactly(3L);
    }

    @Test
    void aFailedSendFromThePoolDoesNotStopTheStream() {
        RecordingOutbound out = failingOnce();
        harness.stream(out, 1);
        // more streams than are sent from the committing thread: every stream goes through the pool
        for (int i = 0; i < WatchHub.SEND_HERE_STREAMS; i++) {
            harness.stream(new RecordingOutbound(), 1);
        }

        harness.commitPut(2);
        harness.commitPut(3);

        assertThat(senderErrors).hasSize(1);
        assertThat(out.eventRevisions()).containsExactly(3L);
    }

    private static RecordingOutbound failingOnce() {
        RecordingOutbound out = new RecordingOutbound();
        out.eventSendsToFail = 1;
        return out;
    }
}
