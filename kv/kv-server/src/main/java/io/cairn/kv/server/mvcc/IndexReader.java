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

    /** After this many {@code next()} calls inside one key's history, a seek is cheaper. */
    private static final int NEXT_BEFORE_SEEK = 2;

    private IndexReader() {
    }

    /** The live version of {@code key} at {@code atRev}, if the key exists then. */
    static Optional<KeyValue> get(ReadView view, ByteString key, long atRev) {
        byte[] escaped = Schema.escapeKey(key.toByteArray());
        try (Cursor c = view.cursor(Table.INDEX)) {
            c.seek(Schema.indexSeekKeyFromEscaped(escaped, atRev));
            if (!c.valid() || !Schema.indexKeyHasEscapedPrefix(c.key(), escaped)) {
                return Optional.empty();
            }
            byte[] v = c.value();
            return v[0] == Schema.LIVE ? Optional.of(decode(v)) : Optional.empty();
        }
    }

    /**
     * Visits the live version at {@code atRev} of each key in the range, in key order, until {@code limit}
     * versions were visited ({@code limit <= 0}: no limit); counts every live key in the range regardless.
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
        byte[] start = Schema.escapeKey(range.key().toByteArray());
        long count = 0;
        long visited = 0;
        try (Cursor c = range.isUnbounded()
                ? view.cursor(Table.INDEX)
                : view.cursor(Table.INDEX, Schema.escapeKey(range.end().toByteArray()))) {
            c.seek(Schema.indexSeekKeyFromEscaped(start, atRev));
            while (c.valid()) {
                byte[] ik = c.key();
                int escLen = Schema.escapedLength(ik);
                long main = Schema.indexMain(ik);
                if (main > atRev) {
                    // newer than the read revision: jump to this key's newest version at or below it
                    c.seek(Schema.indexSeekKeyFromEscaped(java.util.Arrays.copyOf(ik, escLen), atRev));
                    continue;
                }
                byte[] v = c.value();
                if (v[0] == Schema.LIVE) {
                    count++;
                    if (withValues && (limit <= 0 || visited < limit)) {
                        visitor.accept(decode(v));
                        visited++;
                    }
                }
                skipToNextKey(c, ik, escLen);
            }
        }
        return count;
    }

    /** Moves the cursor from an entry of one user key to the first entry of the next user key. */
    private static void skipToNextKey(Cursor c, byte[] current, int escLen) {
        for (int i = 0; i < NEXT_BEFORE_SEEK; i++) {
            c.next();
            if (!c.valid()) {
                return;
            }
            byte[] k = c.key();
            if (k.length != escLen + 16 || !java.util.Arrays.equals(k, 0, escLen, current, 0, escLen)) {
                return;
            }
        }
        c.seek(Schema.indexPastKey(java.util.Arrays.copyOf(current, escLen)));
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
