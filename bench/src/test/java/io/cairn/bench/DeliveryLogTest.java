package io.cairn.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliveryLogTest {

    @Test
    void writesEachEventAsSendTimeAfterTheOriginAndLatencyInTheOrderReceived(@TempDir Path dir) throws Exception {
        DeliveryLog log = new DeliveryLog(3);
        log.record(1_000_500, 2_000);
        log.record(1_000_100, 7_000);
        Path file = dir.resolve("deliveries.txt");

        log.writeTo(file, 1_000_000);

        assertThat(Files.readAllLines(file)).containsExactly("500 2000", "100 7000");
        assertThat(log.recorded()).isEqualTo(2);
    }

    @Test
    void eventsBeyondTheCapacityAreCountedButNotKept(@TempDir Path dir) throws Exception {
        DeliveryLog log = new DeliveryLog(2);
        for (int i = 0; i < 5; i++) {
            log.record(i, 10 * i);
        }
        Path file = dir.resolve("deliveries.txt");

        log.writeTo(file, 0);

        assertThat(Files.readAllLines(file)).containsExactly("0 0", "1 10");
        assertThat(log.recorded()).isEqualTo(5);
    }

    @Test
    void noneKeepsNothing(@TempDir Path dir) throws Exception {
        DeliveryLog.NONE.record(1, 2);
        Path file = dir.resolve("deliveries.txt");

        DeliveryLog.NONE.writeTo(file, 0);

        assertThat(Files.readAllLines(file)).isEmpty();
        assertThat(DeliveryLog.NONE.recorded()).isZero();
    }
}
