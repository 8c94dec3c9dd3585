package io.cairn.kv.server;

import io.cairn.kv.server.apply.Applier;
import io.cairn.kv.server.consensus.StateMachine;
import io.cairn.kv.server.mvcc.MvccStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store as the consensus engine sees it: entries go to the {@link Applier}; a snapshot flushes the
 * store to disk and records the applied index, after which the log before it can be dropped.
 *
 * <p>Restart: the store on disk is at or beyond the last snapshot's index (it was flushed when the snapshot
 * was taken), and entries after it are replayed from the log; entries the store already holds are skipped.
 */
final class StoreStateMachine implements StateMachine {
    private static final Logger LOG = LoggerFactory.getLogger(StoreStateMachine.class);
    static final String SNAPSHOT_FILE = "kv.meta";

    private final MvccStore store;
    private final Applier applier;
    private final String selfPeer;
    private volatile Installer installer;
    private volatile LeadershipListener leadership = (leader, term) -> { };

    /** Brings the store to a snapshot of another member's that is ahead of it. */
    interface Installer {
        /**
         * @param source the member that took the snapshot (its Raft address)
         * @param index  the snapshot's raft index
         */
        void install(String source, long index);
    }

    interface LeadershipListener {
        void changed(boolean leader, long term);
    }

    StoreStateMachine(MvccStore store, io.cairn.kv.server.lease.Lessor lessor,
                      io.cairn.kv.server.maintenance.Alarms alarms, io.cairn.kv.server.cluster.Members members,
                      io.cairn.kv.server.auth.AuthStore auth, String selfPeer, java.time.Duration warnAfter) {
        this.store = store;
        this.applier = new Applier(store, lessor, alarms, members, auth, warnAfter, System::nanoTime);
        this.selfPeer = selfPeer;
    }

    void installer(Installer i) {
        this.installer = i;
    }

    void leadership(LeadershipListener l) {
        this.leadership = l;
    }

    @Override
    public void leadershipChanged(boolean leader, long term) {
        leadership.changed(leader, term);
    }

    @Override
    public byte[] encodeResult(Object result) {
        return OutcomeCodec.encode((io.cairn.kv.server.apply.Outcome) result);
    }

    @Override
    public Object decodeResult(byte[] encoded) {
        return OutcomeCodec.decode(encoded);
    }

    @Override
    public Object apply(long index, ByteBuffer data) {
        return applier.apply(index, data);
    }

    @Override
    public long appliedIndex() {
        return store.consistentIndex();
    }

    @Override
    public List<String> saveSnapshot(Path dir) {
        long index = store.consistentIndex();
        store.backend().flush();
        try {
            Files.writeString(dir.resolve(SNAPSHOT_FILE), "applied-index=" + index + "\n"
                    + "revision=" + store.currentRevision() + "\n" + "source=" + selfPeer + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write snapshot meta: " + e.getMessage(), e);
        }
        return List.of(SNAPSHOT_FILE);
    }

    @Override
    public boolean loadSnapshot(Path dir) {
        long index;
        String source;
        try {
            List<String> lines = Files.readAllLines(dir.resolve(SNAPSHOT_FILE), StandardCharsets.UTF_8);
            index = lines.stream().filter(l -> l.startsWith("applied-index="))
                    .mapToLong(l -> Long.parseLong(l.substring("applied-index=".length())))
                    .findFirst().orElseThrow();
            source = lines.stream().filter(l -> l.startsWith("source=")).map(l -> l.substring("source=".length()))
                    .findFirst().orElse("");
        } catch (IOException | RuntimeException e) {
            LOG.error("unreadable snapshot in {}", dir, e);
            return false;
        }
        if (store.consistentIndex() >= index) {
            return true; // the local store already holds everything up to the snapshot
        }
        Installer i = installer;
        if (i == null) {
            LOG.error("the store is at index {} but the snapshot is at {}, and no member can ship it yet",
                    store.consistentIndex(), index);
            return false;
        }
        LOG.info("the store is at index {}, the snapshot from {} at {}: fetching the store",
                store.consistentIndex(), source, index);
        try {
            i.install(source, index);
            return true;
        } catch (RuntimeException e) {
            LOG.error("installing the snapshot at index {} failed", index, e);
            return false;
        }
    }
}
