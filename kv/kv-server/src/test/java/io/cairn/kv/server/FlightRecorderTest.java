package io.cairn.kv.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.PutRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JDK Flight Recorder's method sampling works in a JVM that runs a member: JRaft's SIGUSR2 handler, which took the
 * signal HotSpot samples threads with, is not left in place (see the consensus package's RaftSignals).
 */
class FlightRecorderTest {

    @TempDir
    Path dir;

    @Test
    void aRecordingOfARunningMemberHoldsMethodSamplesAndTheMemberWritesNoSignalDumps() throws Exception {
        try (EmbeddedServer s = new EmbeddedServer(dir.resolve("member")).start()) {
            s.kv().put(PutRequest.newBuilder().setKey(ByteString.copyFromUtf8("k"))
                    .setValue(ByteString.copyFromUtf8("v")).build());
            Path file = dir.resolve("recording.jfr");
            try (Recording recording = new Recording()) {
                recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
                recording.start();
                spin(Duration.ofSeconds(1));
                recording.stop();
                recording.dump(file);
            }

            List<RecordedEvent> samples = RecordingFile.readAllEvents(file).stream()
                    .filter(e -> e.getEventType().getName().equals("jdk.ExecutionSample")).toList();
            assertThat(samples).isNotEmpty();
            try (Stream<Path> files = Files.walk(dir.resolve("member"))) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .noneMatch(name -> name.startsWith("node_describe") || name.startsWith("node_metrics")
                                || name.startsWith("thread_pool_metrics"));
            }
        }
    }

    /** Keeps this thread running Java code, so the sampler has something to sample. */
    private static void spin(Duration length) {
        long end = System.nanoTime() + length.toNanos();
        double x = 1;
        while (System.nanoTime() < end) {
            x = Math.sqrt(x + 1);
        }
        assertThat(x).isPositive();
    }
}
