package io.cairn.kv.server;

import io.cairn.kv.server.backend.Backend;
import io.cairn.kv.server.backend.Table;
import io.cairn.kv.server.maintenance.SnapshotArchive;
import io.cairn.kv.server.schema.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Offline snapshot operations ({@code cairn snapshot restore}).
 *
 * <p>Why: a snapshot taken with {@code etcdctl snapshot save} becomes a new single-member data directory, as
 * {@code etcdutl snapshot restore} does for etcd: the keyspace, revisions and leases are kept; the Raft log
 * starts afresh, and the member and cluster ids are derived again from the new member's flags.
 */
public final class KvSnapshots {

    private KvSnapshots() {
    }

    /**
     * Restores the snapshot read from {@code in} into {@code dataDir}, which must not exist or be empty.
     *
     * @throws IOException if the data dir is not empty or the snapshot is damaged
     */
    public static void restore(InputStream in, Path dataDir) throws IOException {
        if (Files.isDirectory(dataDir)) {
            try (var s = Files.list(dataDir)) {
                if (s.findAny().isPresent()) {
                    throw new IOException("data-dir \"" + dataDir + "\" exists and is not empty");
                }
            }
        }
        Path store = dataDir.resolve("member").resolve("store");
        SnapshotArchive.extract(in, store);
        try (Backend backend = Backend.open(store); var batch = backend.batch()) {
            // the new member's Raft log starts at index 1: every entry of it is new to this store
            batch.put(Table.META, Schema.META_CONSISTENT_INDEX, Schema.longValue(0));
            batch.delete(Table.META, Schema.META_CLUSTER_ID);
            batch.delete(Table.META, Schema.META_MEMBER_ID);
            try (var c = backend.cursor(Table.META)) {
                for (c.seek(Schema.META_ALARM_PREFIX); c.valid(); c.next()) {
                    byte[] k = c.key();
                    if (!new String(k, java.nio.charset.StandardCharsets.ISO_8859_1).startsWith("alarm/")) {
                        break;
                    }
                    batch.delete(Table.META, k); // alarms belonged to the old members
                }
            }
            batch.commit();
            backend.flush();
        }
    }
}
