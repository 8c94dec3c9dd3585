package io.cairn.kv.server.mvcc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.cairn.kv.server.backend.Backend;
import io.etcd.jetcd.api.KeyValue;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteTxnTest {

    @TempDir
    Path dir;

    private static ByteString b(String s) {
        return ByteString.copyFromUtf8(s);
    }

    @Test
    void aDeleteLargerThanOneChunkRemovesEveryKeyInOneRevisionAndKeepsHistory() {
        int n = WriteTxn.CHUNK_OPS / 3 + 500;
        try (Backend backend = Backend.open(dir); MvccStore store = MvccStore.open(backend, Runnable::run)) {
            try (WriteTxn w = store.beginWrite(1)) {
                for (int i = 0; i < n; i++) {
                    w.put(b(String.format("k%06d", i)), b("v"), 0);
                }
                w.end();
            }
            long before = store.currentRevision();
            try (WriteTxn w = store.beginWrite(2)) {
                WriteTxn.Deleted d = w.deleteRange(KeyRange.of(b("k"), b("l")), false);
                assertThat(d.count()).isEqualTo(n);
                assertThat(w.partlyWritten()).isTrue();
                // not visible before the transaction ends
                assertThat(store.range(KeyRange.of(b("k"), b("l")), 0, 0, true).count()).isEqualTo(n);
                w.end();
            }
            assertThat(store.currentRevision()).isEqualTo(before + 1);
            assertThat(store.range(KeyRange.of(b("k"), b("l")), 0, 0, true).count()).isZero();
            assertThat(store.range(KeyRange.of(b("k"), b("l")), before, 0, true).count()).isEqualTo(n);
        }
    }

    @Test
    void aTransactionReadsItsOwnDeletesAndPuts() {
        try (Backend backend = Backend.open(dir); MvccStore store = MvccStore.open(backend, Runnable::run)) {
            try (WriteTxn w = store.beginWrite(1)) {
                w.put(b("a"), b("1"), 0);
                w.put(b("b"), b("2"), 0);
                w.end();
            }
            try (WriteTxn w = store.beginWrite(2)) {
                w.put(b("c"), b("3"), 0);
                w.deleteRange(KeyRange.of(b("a"), b("b")), false);
                RangeResult r = w.range(KeyRange.of(b("a"), ByteString.copyFrom(new byte[] {0})), 0, 0, false);
                assertThat(r.kvs()).extracting(kv -> kv.getKey().toStringUtf8()).containsExactly("b", "c");
                assertThat(w.get(b("a"))).isEmpty();
                // a delete after a put of the same txn removes the put
                WriteTxn.Deleted d = w.deleteRange(KeyRange.of(b("c"), b("d")), true);
                assertThat(d.prevKvs()).extracting(kv -> kv.getValue().toStringUtf8()).containsExactly("3");
                assertThat(w.get(b("c"))).isEmpty();
                w.end();
            }
            assertThat(store.range(KeyRange.of(b("a"), b("z")), 0, 0, false).kvs())
                    .extracting(kv -> kv.getKey().toStringUtf8()).containsExactly("b");
        }
    }
    private static KeyValue latest(MvccStore store, String key) {
        return store.range(KeyRange.single(b(key)), 0, 0, false).kvs().getFirst();
    }

    private static void putWithoutPrevious(MvccStore store, long index, String key, long lease) {
        try (WriteTxn w = store.beginWrite(index)) {
            w.putWithoutPrevious(b(key), b("v" + index), lease);
            w.end();
        }
    }

    @Test
    void aPutOfARecentlyWrittenKeyTakesItsRevisionsFromMemoryAndAgreesWithTheStore() {
        try (Backend backend = Backend.open(dir); MvccStore store = MvccStore.open(backend, Runnable::run)) {
            putWithoutPrevious(store, 1, "k", 0);
            long created = store.currentRevision();
            long[] before = store.latestMeta().hitsAndMisses();
            putWithoutPrevious(store, 2, "k", 0);
            putWithoutPrevious(store, 3, "k", 0);
            long[] after = store.latestMeta().hitsAndMisses();
            assertThat(after[0] - before[0]).as("answered from memory").isEqualTo(2);
            KeyValue kv = latest(store, "k");
            assertThat(kv.getCreateRevision()).isEqualTo(created);
            assertThat(kv.getVersion()).isEqualTo(3);
            assertThat(kv.getModRevision()).isEqualTo(store.currentRevision());
        }
    }

    @Test
    void aKeyDeletedIsForgottenSoItsNextPutStartsAFreshVersion() {
        try (Backend backend = Backend.open(dir); MvccStore store = MvccStore.open(backend, Runnable::run)) {
            putWithoutPrevious(store, 1, "k", 0);
            putWithoutPrevious(store, 2, "k", 0);
            try (WriteTxn w = store.beginWrite(3)) {
                w.deleteRange(KeyRange.single(b("k")), false);
                w.end();
            }
            putWithoutPrevious(store, 4, "k", 0);
            KeyValue kv = latest(store, "k");
            assertThat(kv.getVersion()).isEqualTo(1);
            assertThat(kv.getCreateRevision()).isEqualTo(store.currentRevision());
        }
    }

    @Test
    void aDeleteOfMoreKeysThanTrackedForgetsEveryKey() {
        int n = WriteTxn.MAX_TRACKED_DELETES + 10;
        try (Backend backend = Backend.open(dir); MvccStore store = MvccStore.open(backend, Runnable::run)) {
            try (WriteTxn w = store.beginWrite(1)) {
                for (int i = 0; i < n; i++) {
                    w.putWithoutPrevious(b(String.format("k%06d", i)), b("v"), 0);
                }
                w.putWithoutPrevious(b("other"), b("v"), 0);
                w.end();
            }
            assertThat(store.latestMeta().size()).isEqualTo(n + 1);
            try (WriteTxn w = store.beginWrite(2)) {
                assertThat(w.deleteRange(KeyRange.of(b("k"), b("l")), false).count()).isEqualTo(n);
                w.end();
            }
            assertThat(store.latestMeta().size()).isZero();
            putWithoutPrevious(store, 3, "k000007", 0);
            assertThat(latest(store, "k000007").getVersion()).isEqualTo(1);
            putWithoutPrevious(store, 4, "other", 0);
            assertThat(latest(store, "other").getVersion()).as("read from the store again").isEqualTo(2);
        }
    }

    @Test
    void anEntryThatDoesNotEndLeavesNothingRemembered() {
        try (Backend backend = Backend.open(dir); MvccStore store = MvccStore.open(backend, Runnable::run)) {
            putWithoutPrevious(store, 1, "k", 0);
            try (WriteTxn w = store.beginWrite(2)) {
                w.putWithoutPrevious(b("k"), b("never"), 0);
                w.putWithoutPrevious(b("new"), b("never"), 0);
            }
            putWithoutPrevious(store, 2, "k", 0);
            putWithoutPrevious(store, 3, "new", 0);
            assertThat(latest(store, "k").getVersion()).isEqualTo(2);
            assertThat(latest(store, "new").getVersion()).isEqualTo(1);
        }
    }

    @Test
    void aLeaseChangeDetachesTheKeyFromItsOldLease() {
        try (Backend backend = Backend.open(dir); MvccStore store = MvccStore.open(backend, Runnable::run)) {
            store.leases(id -> true, () -> true);
            putWithoutPrevious(store, 1, "k", 7);
            assertThat(store.leaseKeys(7)).containsExactly(b("k"));
            putWithoutPrevious(store, 2, "k", 9);
            assertThat(store.leaseKeys(7)).isEmpty();
            assertThat(store.leaseKeys(9)).containsExactly(b("k"));
            assertThat(latest(store, "k").getLease()).isEqualTo(9);
        }
    }

    @Test
    void aSnapshotInstalledReplacesWhatWasRemembered(@TempDir Path other, @TempDir Path scratch) {
        Path checkpoint = scratch.resolve("checkpoint");
        try (Backend source = Backend.open(other); MvccStore from = MvccStore.open(source, Runnable::run)) {
            putWithoutPrevious(from, 1, "k", 0);
            source.checkpoint(checkpoint);
        }
        try (Backend backend = Backend.open(dir); MvccStore store = MvccStore.open(backend, Runnable::run)) {
            for (int i = 1; i <= 3; i++) {
                putWithoutPrevious(store, i, "k", 0);
            }
            store.installSnapshot(checkpoint);
            putWithoutPrevious(store, 10, "k", 0);
            assertThat(latest(store, "k").getVersion()).as("version 1 in the snapshot, then this put").isEqualTo(2);
        }
    }
}
