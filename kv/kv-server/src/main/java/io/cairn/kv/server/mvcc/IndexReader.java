package io.cairn.kv.server.mvcc;

import com.google.protobuf.ByteString;
import io.cairn.kv.server.backend.Cursor;
import io.cairn.kv.server.backend.ReadView;
import io.cairn.kv.server.backend.Table;
import io.cairn.kv.server.schema.Schema;
import io.etcd.jetcd.api.KeyValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads the version of each key that is visible at a revision, from the {@link Table#INDEX} table.
 *
 * <p>Why: one place knows how to walk the index (newest version first per key, skipping older versions and
 * tombstones), for single-key reads, ranges, txn compares and deletes alike.
 */
final class IndexReader {

    private IndexReader() {
    }

    /** The live version of {@code key} at {@code atRev}, if the key exists then. */
    static Optional<KeyValue> get(ReadView view, ByteString key, long atRev) {
        byte[] k = key.toByteArray();
        Optional<byte[]> latest = view.get(Table.LATEST, k);
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        byte[] v = latest.get();
        if (Schema.latestModRevision(v) <= atRev) {
            return v[0] == Schema.LIVE ? Optional.of(decodeLatest(v)) : Optional.empty();
        }
        return history(view, k, atRev);
    }

    /** The live version of {@code key} at {@code atRev} from the revision index (for reads below the newest version). */
    static Optional<KeyValue> history(ReadView view, byte[] key, long atRev) {
        try (Cursor c = view.cursor(Table.INDEX)) {
            return history(c, key, atRev);
        }
    }

    /** Like {@link #history(ReadView, byte[], long)} on an open {@link Table#INDEX} cursor, which it repositions. */
    private static Optional<KeyValue> history(Cursor index, byte[] key, long atRev) {
        byte[] escaped = Schema.escapeKey(key);
        index.seek(Schema.indexSeekKeyFromEscaped(escaped, atRev));
        if (!index.valid() || !Schema.indexKeyHasEscapedPrefix(index.key(), escaped)) {
            return Optional.empty();
        }
        byte[] v = index.value();
        return v[0] == Schema.LIVE ? Optional.of(decode(v)) : Optional.empty();
    }

    /**
     * Visits the live version at {@code atRev} of each key in the range, in key order, until {@code limit}
     * versions were visited ({@code limit <= 0}: no limit); counts every live key in the range regardless.
     *
     * <p>Walks {@link Table#LATEST}; a key whose newest version is above {@code atRev} is looked up in the index.
     *
     * @param withValues false to skip decoding versions (count-only reads); the visitor is then not called
     * @return the number of live keys in the range at {@code atRev}
     */
    static long scan(ReadView view, KeyRange range, long atRev, long limit, boolean withValues,
                     Consumer<KeyValue> visitor) {
        if (range.isSingleKey()) {
            Optional<KeyValue> kv = get(view, range.key(), atRev);
            if (kv.isPresent() && withValues) {
                visitor.accept(kv.get());
            }
            return kv.isPresent() ? 1 : 0;
        }
        if (range.isEmptyInterval()) {
            return 0;
        }
        long count = 0;
        long visited = 0;
        byte[] head = new byte[Schema.LATEST_KV_OFFSET];
        // one index cursor for the whole scan, opened at the first key newer than atRev: opening a RocksDB
        // iterator per such key cost most of an older-revision range read
        Cursor index = null;
        try (Cursor c = range.isUnbounded()
                ? view.cursor(Table.LATEST)
                : view.cursor(Table.LATEST, range.end().toByteArray())) {
            for (c.seek(range.key().toByteArray()); c.valid(); c.next()) {
                c.valueHead(head); // marker and mod revision only: skipping and counting decode nothing
                boolean wantValue = withValues && (limit <= 0 || visited < limit);
                if (Schema.latestModRevision(head) <= atRev) {
                    if (head[0] != Schema.LIVE) {
                        continue;
                    }
                    count++;
                    if (wantValue) {
                        visitor.accept(decodeLatest(c.value()));
                        visited++;
                    }
                } else {
                    if (index == null) {
                        index = view.cursor(Table.INDEX);
                    }
                    Optional<KeyValue> old = history(index, c.key(), atRev);
                    if (old.isPresent()) {
                        count++;
                        if (wantValue) {
                            visitor.accept(old.get());
                            visited++;
                        }
                    }
                }
            }
        } finally {
            if (index != null) {
                index.close();
            }
        }
        return count;
    }

    static KeyValue decodeLatest(byte[] latestValue) {
        try {
            return KeyValue.parseFrom(com.google.protobuf.CodedInputStream.newInstance(latestValue,
                    Schema.LATEST_KV_OFFSET, latestValue.length - Schema.LATEST_KV_OFFSET));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("corrupt latest entry", e);
        }
    }

    /** Collects the live versions of a range at {@code atRev}. */
    static List<KeyValue> list(ReadView view, KeyRange range, long atRev) {
        List<KeyValue> out = new ArrayList<>();
        scan(view, range, atRev, 0, true, out::add);
        return out;
    }

    static KeyValue decode(byte[] indexValue) {
        try {
            return KeyValue.parseFrom(com.google.protobuf.CodedInputStream.newInstance(indexValue, 1,
                    indexValue.length - 1));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("corrupt index entry", e);
        }
    }

    static byte[] encode(byte marker, KeyValue kv) {
        byte[] body = kv.toByteArray();
        byte[] out = new byte[body.length + 1];
        out[0] = marker;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }
}
