package io.cairn.kv.server.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogStorageOptionsTest {

    @Test
    void levelZeroHoldsSeveralSnapshotPeriodsBeforeItIsCompacted() {
        // JRaft keeps the entries since the snapshot before last, so up to two snapshot periods are live, plus the
        // one being written. Compaction should find level 0 at least twice that large, mostly deleted entries.
        long levelZeroAtTrigger = LogStorageOptions.LEVEL0_COMPACTION_TRIGGER * LogStorageOptions.WRITE_BUFFER_BYTES;
        assertThat(levelZeroAtTrigger).isGreaterThanOrEqualTo(2 * 3 * JRaftStateMachine.SNAPSHOT_BYTES);
    }
}
