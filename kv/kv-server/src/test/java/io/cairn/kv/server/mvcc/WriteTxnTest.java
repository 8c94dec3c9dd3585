package io.cairn.kv.server.mvcc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.cairn.kv.server.backend.Backend;
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
}
