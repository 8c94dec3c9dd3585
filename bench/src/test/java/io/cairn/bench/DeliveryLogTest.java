package io.cairn.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliveryLogTest {

    @TempDir
    Path dir;

    @Test
    void writesEachEventAsSendTimeAfterTheOriginAndLatencyInTheOrderReceived() throws IOException {
        DeliveryLog log = new DeliveryLog(3);
        log.record(1_000_500, 2_000);
        log.record(1_000_100, 7_000);

        assertThat(written(log, 1_000_000)).containsExactly("500 2000", "100 7000");
        assertThat(log.recorded()).isEqualTo(2);
    }

    @Test
    void eventsBeyondTheCapacityAreCountedButNotKept() throws IOException {
        DeliveryLog log = new DeliveryLog(2);
        for (int i = 0; i < 5; i++) {
            log.record(i, 10 * i);
        }

        assertThat(written(log, 0)).containsExactly("0 0", "1 10");
        assertThat(log.recorded()).isEqualTo(5);
    }

    @Test
    void noneKeepsNothing() throws IOException {
        DeliveryLog.NONE.record(1, 2);

        assertThat(written(DeliveryLog.NONE, 0)).isEmpty();
        assertThat(DeliveryLog.NONE.recorded()).isZero();
    }

    /** The lines {@code log} writes with send times counted from {@code originNanos}. */
    private List<String> written(DeliveryLog log, long originNanos) throws IOException {
        Path file = dir.resolve("deliveries.txt");
        log.writeTo(file, originNanos);
        return Files.readAllLines(file);
    }
}
