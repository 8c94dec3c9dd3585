package io.cairn.kv.server.maintenance;

import io.cairn.kv.server.backend.Backend;
import io.cairn.kv.server.backend.Cursor;
import io.cairn.kv.server.backend.Table;
import io.cairn.kv.server.schema.Schema;
import java.util.zip.CRC32C;

/**
 * The hash of the key-value history up to a revision (etcd's HashKV): every stored version from the
 * compaction revision up to {@code revision}, in revision order, so members holding the same history agree.
 */
public final class KvHash {

    private KvHash() {
    }

    /** CRC-32C over (revision, key, version bytes) of every version at or below {@code revision}. */
    public static int hash(Backend backend, long revision) {
        CRC32C crc = new CRC32C();
        try (Cursor revs = backend.cursor(Table.REVISION, Schema.revisionKey(revision + 1, 0))) {
            for (revs.seekToFirst(); revs.valid(); revs.next()) {
                byte[] rk = revs.key();
                byte[] key = revs.value();
                crc.update(rk);
                crc.update(key);
                backend.get(Table.INDEX, Schema.indexKey(key, Schema.revisionMain(rk), Schema.revisionSub(rk)))
                        .ifPresent(crc::update);
            }
        }
        return (int) crc.getValue();
    }

    /** CRC-32C over every table (etcd's Hash of the whole backend). */
    public static int hashAll(Backend backend) {
        CRC32C crc = new CRC32C();
        for (Table t : Table.values()) {
            try (Cursor c = backend.cursor(t)) {
                for (c.seekToFirst(); c.valid(); c.next()) {
                    crc.update(c.key());
                    crc.update(c.value());
                }
            }
        }
        return (int) crc.getValue();
    }
}
