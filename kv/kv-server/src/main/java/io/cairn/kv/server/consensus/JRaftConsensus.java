package io.cairn.kv.server.consensus;

import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.RaftGroupService;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.closure.ReadIndexClosure;
import com.alipay.sofa.jraft.conf.Configuration;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.entity.Task;
import com.alipay.sofa.jraft.error.RaftError;
import com.alipay.sofa.jraft.option.NodeOptions;
import com.alipay.sofa.jraft.option.RaftOptions;
import com.alipay.sofa.jraft.option.ReadOnlyOption;
import com.alipay.sofa.jraft.rpc.RaftRpcServerFactory;
import com.alipay.sofa.jraft.rpc.RpcServer;
import com.alipay.sofa.jraft.rpc.impl.BoltRpcServer;
import com.alipay.sofa.jraft.util.Endpoint;
import io.cairn.kv.server.errors.KvException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Consensus} on SOFAJRaft: one Raft group, the log in RocksDB with fsync on every append, the Bolt RPC
 * server on this member's peer address.
 */
final class JRaftConsensus implements Consensus {
    private static final Logger LOG = LoggerFactory.getLogger(JRaftConsensus.class);

    private final RaftSettings settings;
    private final JRaftStateMachine fsm;
    private final RaftCounters counters = new RaftCounters();
    private RaftGroupService group;
    private Node node;

    JRaftConsensus(RaftSettings settings, StateMachine stateMachine, java.util.concurrent.Executor replyExecutor) {
        this.settings = settings;
        this.fsm = new JRaftStateMachine(stateMachine, settings.snapshotEvery(), this::snapshot, replyExecutor);
        fsm.counters(counters);
    }

    @Override
    public void start() {
        PeerId self = PeerId.parsePeer(settings.self());
        if (self == null) {
            throw new IllegalArgumentException("invalid peer address " + settings.self());
        }
        Configuration conf = new Configuration();
        for (String p : settings.initialPeers()) {
            PeerId peer = PeerId.parsePeer(p);
            if (peer == null) {
                throw new IllegalArgumentException("invalid peer address " + p);
            }
            conf.addPeer(peer);
        }
        try {
            Files.createDirectories(settings.dir());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create " + settings.dir() + ": " + e.getMessage(), e);
        }
        // JRaft dumps node state and metrics to files on SIGUSR2; keep them in the member's Raft folder rather than
        // in whatever directory the server was started from
        for (String prop : new String[] {"jraft.signal.node.describe.dir", "jraft.signal.node.metrics.dir",
                "jraft.signal.thread.pool.metrics.dir"}) {
            if (System.getProperty(prop) == null) {
                System.setProperty(prop, settings.dir().toAbsolutePath().toString());
            }
        }
        NodeOptions options = new NodeOptions();
        options.setElectionTimeoutMs((int) settings.electionTimeout().toMillis());
        options.setInitialConf(conf);
        options.setFsm(fsm);
        options.setServiceFactory(TimedLogStorage.serviceFactory(counters));
        options.setLogUri(settings.dir().resolve("log").toString());
        options.setRaftMetaUri(settings.dir().resolve("meta").toString());
        options.setSnapshotUri(settings.dir().resolve("snapshot").toString());
        // snapshots are taken by entry count (see JRaftStateMachine); the timer is a backstop
        options.setSnapshotIntervalSecs(3600);
        options.setSharedTimerPool(true);
        // -Dcairn.raft.metrics=true turns on JRaft's own metrics (batch sizes, append and apply timings), dumped
        // with the node state on SIGUSR2
        options.setEnableMetrics(Boolean.getBoolean("cairn.raft.metrics"));
        RaftOptions raft = new RaftOptions();
        raft.setSync(true);        // an acknowledged write is on disk in the log
        raft.setSyncMeta(true);    // term and vote survive a crash
        raft.setReadOnlyOptions(ReadOnlyOption.ReadOnlySafe);
        options.setRaftOptions(raft);

        // bind only the peer listen address: the transport deserialises Hessian and must stay internal
        Endpoint listen = PeerId.parsePeer(settings.listen()).getEndpoint();
        RpcServer rpc = new BoltRpcServer(new com.alipay.remoting.rpc.RpcServer(listen.getIp(), listen.getPort(), true));
        RaftRpcServerFactory.addRaftRequestProcessors(rpc);
        group = new RaftGroupService(settings.groupId(), self, options, rpc);
        node = group.start();
        if (node == null) {
            throw new IllegalStateException("the Raft node did not start (see the log above)");
        }
        long deadline = System.nanoTime() + settings.startTimeout().toNanos();
        while (node.getLeaderId() == null || node.getLeaderId().isEmpty()) {
            if (System.nanoTime() > deadline) {
                LOG.warn("no Raft leader after {}; serving without one", settings.startTimeout());
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public CompletableFuture<Object> propose(byte[] command) {
        Node n = node;
        if (n == null) {
            return CompletableFuture.failedFuture(new KvException.Stopped());
        }
        ProposalClosure done = new ProposalClosure(counters);
        counters.proposed();
        Task task = new Task(ByteBuffer.wrap(command), done);
        n.apply(task);
        return done.future;
    }

    @Override
    public CompletableFuture<Void> readBarrier() {
        Node n = node;
        if (n == null) {
            return CompletableFuture.failedFuture(new KvException.Stopped());
        }
        CompletableFuture<Void> f = new CompletableFuture<>();
        n.readIndex(new byte[0], new ReadIndexClosure() {
            @Override
            public void run(Status status, long index, byte[] reqCtx) {
                if (status.isOk()) {
                    f.complete(null);
                } else {
                    f.completeExceptionally(toError(status));
                }
            }
        });
        return f;
    }

    static KvException toError(Status status) {
        RaftError err = status.getRaftError();
        return switch (err) {
            case EBUSY -> new KvException.TooManyRequests();
            case EPERM -> status.getErrorMsg() != null && status.getErrorMsg().contains("stepped down")
                    ? new KvException.LeaderChanged() : new KvException.NotLeader();
            case ENODESHUTDOWN, ESHUTDOWN, ESTOP -> new KvException.Stopped();
            case ETIMEDOUT -> new KvException.Timeout();
            case ELEADERREMOVED, ELEADERCONFLICT, ENEWLEADER -> new KvException.LeaderChanged();
            default -> status.getErrorMsg() != null && status.getErrorMsg().contains("leader")
                    ? new KvException.NoLeader() : new KvException.Timeout();
        };
    }

    @Override
    public RaftCounters counters() {
        return counters;
    }

    @Override
    public long term() {
        return fsm.term();
    }

    @Override
    public boolean isLeader() {
        Node n = node;
        return n != null && n.isLeader();
    }

    @Override
    public boolean hasLeader() {
        Node n = node;
        return n != null && n.getLeaderId() != null && !n.getLeaderId().isEmpty();
    }

    @Override
    public long commitIndex() {
        Node n = node;
        return n == null ? 0 : n.getLastCommittedIndex();
    }

    @Override
    public void snapshot() {
        Node n = node;
        if (n != null) {
            n.snapshot(status -> {
                fsm.snapshotFinished();
                if (!status.isOk() && status.getRaftError() != RaftError.EBUSY) {
                    LOG.warn("snapshot failed: {}", status);
                }
            });
        }
    }

    @Override
    public void close() {
        RaftGroupService g = group;
        group = null;
        node = null;
        if (g != null) {
            g.shutdown();
            try {
                g.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Carries an entry's apply result from the state machine back to its proposer. */
    static final class ProposalClosure implements com.alipay.sofa.jraft.Closure {
        final CompletableFuture<Object> future = new CompletableFuture<>();
        private final RaftCounters counters;
        Object result;

        ProposalClosure(RaftCounters counters) {
            this.counters = counters;
        }

        @Override
        public void run(Status status) {
            counters.answered(status.isOk());
            if (status.isOk()) {
                future.complete(result);
            } else {
                future.completeExceptionally(toError(status));
            }
        }
    }
}
