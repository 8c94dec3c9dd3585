package io.cairn.kv.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AutoCompactionTest {
    long now = 0;
    long rev = 1;
    final List<Long> compactions = new ArrayList<>();

    private AutoCompaction policy(String mode, String retention) {
        return AutoCompaction.of(mode, retention, () -> now, () -> rev, compactions::add);
    }

    @Test
    void retentionZeroTurnsAutoCompactionOff() {
        assertThat(policy("periodic", "0")).isNull();
        assertThat(policy("revision", "0")).isNull();
    }

    @Test
    void periodicModeKeepsTheRetentionOfHistory() {
        AutoCompaction p = policy("periodic", "10m");
        assertThat(p.tickInterval()).isEqualTo(Duration.ofMinutes(1));
        for (int minute = 1; minute <= 25; minute++) {
            now = Duration.ofMinutes(minute).toMillis();
            rev = 100L * minute;
            p.tick();
        }
        // compacted once the first sample was 10 minutes old, then once per interval: to revisions seen 10 minutes earlier
        assertThat(compactions).containsExactly(100L, 1100L);
    }

    @Test
    void aBareNumberIsHoursInPeriodicMode() {
        AutoCompaction p = policy("periodic", "1");
        assertThat(p.tickInterval()).isEqualTo(Duration.ofMinutes(6));
    }

    @Test
    void revisionModeKeepsTheLatestRevisions() {
        AutoCompaction p = policy("revision", "1000");
        assertThat(p.tickInterval()).isEqualTo(Duration.ofMinutes(5));
        rev = 500;
        p.tick();
        rev = 2500;
        p.tick();
        p.tick();
        rev = 4000;
        p.tick();
        assertThat(compactions).containsExactly(1500L, 3000L);
    }

    @Test
    void badRetentionsAreRejectedWithTheFlagName() {
        assertThatThrownBy(() -> policy("revision", "1h")).hasMessageContaining("--auto-compaction-retention");
        assertThatThrownBy(() -> policy("periodic", "abc")).hasMessageContaining("invalid duration");
    }
}
