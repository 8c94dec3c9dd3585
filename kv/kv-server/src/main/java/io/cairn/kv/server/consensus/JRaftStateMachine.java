package io.cairn.kv.server.consensus;

import com.alipay.sofa.jraft.Closure;
import com.alipay.sofa.jraft.Iterator;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.core.StateMachineAdapter;
import com.alipay.sofa.jraft.entity.LeaderChangeContext;
import com.alipay.sofa.jraft.error.RaftError;
import com.alipay.sofa.jraft.error.RaftException;
import com.alipay.sofa.jraft.storage.snapshot.SnapshotReader;
import com.alipay.sofa.jraft.storage.snapshot.SnapshotWriter;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Adapts Cairn's {@link StateMachine} to JRaft's: applies batches, hands results to proposers, snapshots. */
final class JRaftStateMachine extends StateMachineAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(JRaftStateMachine.class);

    /**
     * Log bytes applied since the last snapshot that trigger a new one, whatever the entry count: a restart reads
     * every entry after the last snapshot back from the log, so large entries (Txns of many puts) would otherwise
     * make it slow long before {@code --snapshot-count} entries accumulate. A snapshot costs a flush of the store.
     */
    static final long SNAPSHOT_BYTES = 32L << 20;
    /** Replies of a batch at most this large are answered on the apply thread (see onApply). */
    static final int REPLY_HERE = 2;

    private final StateMachine sm;
    private final java.util.concurrent.Executor replyExecutor;
    private final long snapshotEvery;
    private final Runnable requestSnapshot;
    private volatile long term;
    private long appliedSinceSnapshot;
    private long bytesSinceSnapshot;
    private volatile boolean snapshotRequested;
    private RaftCounters counters = new RaftCounters();

    JRaftStateMachine(StateMachine sm, long snapshotEvery, Runnable requestSnapshot,
                      java.util.concurrent.Executor replyExecutor) {
        this.replyExecutor = replyExecutor;
        this.sm = sm;
        this.snapshotEvery = snapshotEvery;
        this.requestSnapshot = requestSnapshot;
        this.appliedWaiters = new AppliedWaiters(replyExecutor);
    }

    void counters(RaftCounters counters) {
        this.counters = counters;
    }

    private final AppliedWaiters appliedWaiters;
    private long lastApplied;

    AppliedWaiters appliedWaiters() {
        return appliedWaiters;
    }

    long term() {
        return term;
    }

    /** Called when a requested snapshot finished or was refused, so that a later one can be requested. */
    void snapshotFinished() {
        snapshotRequested = false;
    }

    @Override
    public void onApply(Iterator it) {
        List<JRaftConsensus.ProposalClosure> replies = null;
        while (it.hasNext()) {
            java.nio.ByteBuffer data = it.getData();
            bytesSinceSnapshot += data == null ? 0 : data.remaining();
            Object result = sm.apply(it.getIndex(), data);
            Closure done = it.done();
            if (done instanceof JRaftConsensus.ProposalClosure p) {
                p.result = result;
                p.index = it.getIndex();
                if (replies == null) {
                    replies = new java.util.ArrayList<>();
                }
                replies.add(p);
            } else if (done != null) {
                done.run(Status.OK());
            }
            appliedSinceSnapshot++;
            lastApplied = it.getIndex();
            it.next();
        }
        if (lastApplied > 0) {
            appliedWaiters.applied(lastApplied);
        }
        if (replies != null) {
            // Answering clients (serialising, waking network threads) happens off the apply thread, one hand-off
            // per batch, except for a small batch of proposals that only answer clients: at a low write rate a
            // batch is one or two entries, and the hand-off would add a thread wake-up to every write's latency.
            List<JRaftConsensus.ProposalClosure> batch = replies;
            if (batch.size() <= REPLY_HERE && onlyAnswersClients(batch)) {
                answer(batch);
            } else {
                replyExecutor.execute(() -> answer(batch));
            }
        }
        if (snapshotEvery > 0 && (appliedSinceSnapshot >= snapshotEvery || bytesSinceSnapshot >= SNAPSHOT_BYTES)
                && !snapshotRequested) {
            snapshotRequested = true;
            requestSnapshot.run();
        }
    }

    private static void answer(List<JRaftConsensus.ProposalClosure> replies) {
        for (JRaftConsensus.ProposalClosure p : replies) {
            p.run(Status.OK());
        }
    }

    private static boolean onlyAnswersClients(List<JRaftConsensus.ProposalClosure> replies) {
        for (JRaftConsensus.ProposalClosure p : replies) {
            if (!p.answersClient) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void onSnapshotSave(SnapshotWriter writer, Closure done) {
        try {
            List<String> files = sm.saveSnapshot(Path.of(writer.getPath()));
            for (String f : files) {
                if (!writer.addFile(f)) {
                    done.run(new Status(RaftError.EIO, "cannot add snapshot file " + f));
                    return;
                }
            }
            appliedSinceSnapshot = 0;
            bytesSinceSnapshot = 0;
            snapshotRequested = false;
            done.run(Status.OK());
        } catch (RuntimeException e) {
            LOG.error("snapshot save failed", e);
            snapshotRequested = false;
            done.run(new Status(RaftError.EIO, "snapshot save failed: " + e.getMessage()));
        }
    }

    @Override
    public boolean onSnapshotLoad(SnapshotReader reader) {
        boolean loaded = sm.loadSnapshot(Path.of(reader.getPath()));
        if (loaded && reader.load() != null) {
            appliedWaiters.applied(reader.load().getLastIncludedIndex());
        }
        return loaded;
    }

    @Override
    public void onLeaderStart(long term) {
        this.term = term;
        counters.leaderChanged();
        LOG.info("became leader at term {}", term);
        sm.leadershipChanged(true, term);
    }

    @Override
    public void onLeaderStop(Status status) {
        LOG.info("stopped leading: {}", status);
        sm.leadershipChanged(false, term);
    }

    @Override
    public void onStartFollowing(LeaderChangeContext ctx) {
        this.term = ctx.getTerm();
        LOG.info("following {} at term {}", ctx.getLeaderId(), ctx.getTerm());
        counters.leaderChanged();
    }

    @Override
    public void onError(RaftException e) {
        LOG.error("the Raft state machine stopped: {}", e.getStatus(), e);
    }
}
