package io.cairn.kv.server.mvcc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.cairn.kv.server.backend.Backend;
import io.cairn.kv.server.errors.KvException;
import io.etcd.jetcd.api.KeyValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * Seeded random histories of puts (both put paths), deletes, txn-style multi-writes, abandoned entries and
 * compactions, checked against a plain
 * in-memory model of etcd's keyspace: every read at every readable revision must agree, compacted revisions
 * must fail, and a reopened store must agree too.
 */
class MvccModelTest {

    private static final Comparator<ByteString> BYTES = ByteString.unsignedLexicographicalComparator();
    /** Short keys over a tiny alphabet with 0x00 and 0xFF bytes, to exercise the escaping. */
    private static final byte[] ALPHABET = {0, 1, 'a', 'b', (byte) 0xFF};

    /** The model: all versions (and tombstones) of every key, in revision order. */
    private static final class Model {
        final TreeMap<ByteString, List<KeyValue>> history = new TreeMap<>(BYTES);
        long rev = 1;
        long compacted = -1;

        KeyValue at(ByteString key, long atRev) {
            KeyValue found = null;
            for (KeyValue kv : history.getOrDefault(key, List.of())) {
                if (kv.getModRevision() <= atRev) {
                    found = kv;
                }
            }
            return found == null || found.getVersion() == 0 ? null : found;
        }

        List<KeyValue> range(KeyRange r, long atRev) {
            List<KeyValue> out = new ArrayList<>();
            for (ByteString k : history.keySet()) {
                if (r.contains(k)) {
                    KeyValue kv = at(k, atRev);
                    if (kv != null) {
                        out.add(kv);
                    }
                }
            }
            return out;
        }
    }

    private static ByteString randomKey(Random rnd) {
        int len = 1 + rnd.nextInt(3);
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = ALPHABET[rnd.nextInt(ALPHABET.length)];
        }
        return ByteString.copyFrom(b);
    }

    private static KeyRange randomRange(Random rnd) {
        return switch (rnd.nextInt(4)) {
            case 0 -> KeyRange.single(randomKey(rnd));
            case 1 -> KeyRange.of(randomKey(rnd), ByteString.copyFrom(new byte[] {0}));
            default -> KeyRange.of(randomKey(rnd), randomKey(rnd));
        };
    }

    @Property(tries = 40)
    void everyReadableRevisionAgreesWithTheModel(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed)
            throws IOException {
        Random rnd = new Random(seed);
        Path dir = Files.createTempDirectory("mvcc");
        Model model = new Model();
        long index = 0;
        Backend backend = Backend.open(dir);
        MvccStore store = MvccStore.open(backend, Runnable::run);
        try {
            for (int step = 0; step < 120; step++) {
                int op = rnd.nextInt(10);
                boolean abandon = false;
                try (WriteTxn w = store.beginWrite(++index)) {
                    if (op < 5) {
                        int n = 1 + rnd.nextInt(3);
                        List<ByteString> keys = new ArrayList<>();
                        for (int i = 0; i < n; i++) {
                            ByteString k = randomKey(rnd);
                            if (!keys.contains(k)) {
                                keys.add(k);
                            }
                        }
                        long sub = 0;
                        for (ByteString k : keys) {
                            ByteString v = ByteString.copyFromUtf8("v" + step + "." + sub++);
                            // both put paths: with the previous version read, and from recently written keys
                            if (rnd.nextBoolean()) {
                                w.put(k, v, 0);
                            } else {
                                w.putWithoutPrevious(k, v, 0);
                            }
                            KeyValue prev = model.at(k, model.rev);
                            model.history.computeIfAbsent(k, x -> new ArrayList<>()).add(KeyValue.newBuilder()
                                    .setKey(k).setValue(v).setModRevision(model.rev + 1)
                                    .setCreateRevision(prev == null ? model.rev + 1 : prev.getCreateRevision())
                                    .setVersion(prev == null ? 1 : prev.getVersion() + 1).build());
                        }
                        model.rev++;
                    } else if (op < 7) {
                        KeyRange r = randomRange(rnd);
                        List<KeyValue> expected = model.range(r, model.rev);
                        List<KeyValue> deleted = w.deleteRange(r, true).prevKvs();
                        assertThat(deleted).isEqualTo(expected);
                        if (!expected.isEmpty()) {
                            model.rev++;
                            for (KeyValue kv : expected) {
                                model.history.get(kv.getKey()).add(KeyValue.newBuilder().setKey(kv.getKey())
                                        .setModRevision(model.rev).build());
                            }
                        }
                    } else if (op == 9 && rnd.nextInt(3) == 0) {
                        // an entry that fails part-way (as a Txn whose later op is refused): nothing it did counts
                        w.putWithoutPrevious(randomKey(rnd), ByteString.copyFromUtf8("abandoned"), 0);
                        abandon = true;
                    } else if (op < 8 && model.rev > 1) {
                        long target = model.compacted + 1 + (long) rnd.nextInt((int) Math.max(1, model.rev - model.compacted));
                        if (target <= model.compacted || target > model.rev) {
                            long t = target;
                            assertThatThrownBy(() -> w.compact(t)).isInstanceOf(KvException.class);
                        } else {
                            w.compact(target);
                            model.compacted = target;
                        }
                    }
                    if (abandon) {
                        index--;
                    } else {
                        w.end();
                    }
                }
                assertThat(store.currentRevision()).isEqualTo(model.rev);
                if (step % 10 == 9) {
                    checkAll(store, model, rnd);
                }
            }
            store.compactionDone(model.compacted).join();
            checkAll(store, model, rnd);
            assertOnlyNeededVersionsRemain(backend, model.compacted);
            store.close();
            backend.close();
            backend = Backend.open(dir);
            store = MvccStore.open(backend, Runnable::run);
            assertThat(store.currentRevision()).isEqualTo(model.rev);
            assertThat(store.consistentIndex()).isEqualTo(index);
            checkAll(store, model, rnd);
        } finally {
            store.close();
            backend.close();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** After compaction at C, each key keeps at most its newest version at or below C, and never a tombstone. */
    private static void assertOnlyNeededVersionsRemain(Backend backend, long compacted) {
        java.util.Map<ByteString, Integer> old = new java.util.HashMap<>();
        try (var c = backend.cursor(io.cairn.kv.server.backend.Table.INDEX)) {
            for (c.seekToFirst(); c.valid(); c.next()) {
                byte[] k = c.key();
                if (io.cairn.kv.server.schema.Schema.indexMain(k) <= compacted) {
                    assertThat(c.value()[0]).as("tombstone at or below the compaction").isEqualTo(
                            io.cairn.kv.server.schema.Schema.LIVE);
                    old.merge(ByteString.copyFrom(io.cairn.kv.server.schema.Schema.userKeyOf(k)), 1, Integer::sum);
                }
            }
        }
        assertThat(old.values()).allMatch(n -> n == 1);
        try (var c = backend.cursor(io.cairn.kv.server.backend.Table.LATEST)) {
            for (c.seekToFirst(); c.valid(); c.next()) {
                byte[] v = c.value();
                if (v[0] == io.cairn.kv.server.schema.Schema.TOMBSTONE) {
                    assertThat(io.cairn.kv.server.schema.Schema.latestModRevision(v))
                            .as("latest tombstone at or below the compaction").isGreaterThan(compacted);
                }
            }
        }
    }

    private static void checkAll(MvccStore store, Model model, Random rnd) {
        for (int i = 0; i < 20; i++) {
            KeyRange r = randomRange(rnd);
            for (long rev = 1; rev <= model.rev; rev++) {
                if (rev < model.compacted) {
                    long at = rev;
                    assertThatThrownBy(() -> store.range(r, at, 0, false)).isInstanceOf(KvException.Compacted.class);
                    continue;
                }
                List<KeyValue> expected = model.range(r, rev);
                RangeResult got = store.range(r, rev, 0, false);
                assertThat(got.kvs()).as("range %s at %d", r, rev).isEqualTo(expected);
                assertThat(got.count()).isEqualTo(expected.size());
                assertThat(got.revision()).isEqualTo(model.rev);
                RangeResult limited = store.range(r, rev, 1, false);
                assertThat(limited.kvs()).isEqualTo(expected.stream().limit(1).toList());
                assertThat(limited.count()).isEqualTo(expected.size());
            }
            long future = model.rev + 1;
            assertThatThrownBy(() -> store.range(r, future, 0, false))
                    .isInstanceOf(KvException.FutureRevision.class);
        }
    }
}
