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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Consensus} on SOFAJRaft: one Raft group, the log in RocksDB with fsync on every append, the Bolt RPC
 * server on this member's peer address.
 */
final class JRaftConsensus implements Consensus {
    private static final Logger LOG = LoggerFactory.getLogger(JRaftConsensus.class);

    static {
        BoltLogging.toSlf4j();
    }

    private static final String PROPOSE = "propose";
    /** Several forwarded proposals in one peer call (see {@link ForwardBatcher}). */
    private static final String PROPOSE_BATCH = "propose-batch";

    private final RaftSettings settings;
    private final StateMachine stateMachine;
    private final JRaftStateMachine fsm;
    private final PeerCalls peers;
    private final java.util.concurrent.Executor replyExecutor;
    private final Map<String, Function<byte[], CompletableFuture<byte[]>>> handlers = new ConcurrentHashMap<>();
    private final RaftCounters counters = new RaftCounters();
    /** The batchers of proposals forwarded from this member, by leader address. */
    private final Map<String, ForwardBatcher> forwarders = new ConcurrentHashMap<>();
    private volatile RaftGroupService group;
    private volatile Node node;

    JRaftConsensus(RaftSettings settings, StateMachine stateMachine, java.util.concurrent.Executor replyExecutor) {
        this.settings = settings;
        this.stateMachine = stateMachine;
        this.replyExecutor = replyExecutor;
        this.fsm = new JRaftStateMachine(stateMachine, settings.snapshotEvery(), this::snapshot, replyExecutor);
        fsm.counters(counters);
        this.peers = new PeerCalls(replyExecutor);
        // a proposal forwarded by a follower: applied only if this member still leads (never forwarded twice)
        handle(PROPOSE, command -> {
            Node n = node;
            if (n == null || !n.isLeader()) {
                return CompletableFuture.failedFuture(new KvException.NotLeader());
            }
            ProposalClosure done = submit(n, command, false);
            // the entry's index travels with the result: the forwarding member answers once it applied it too
            return done.future.thenApply(r -> {
                byte[] encoded = stateMachine.encodeResult(r);
                return ByteBuffer.allocate(8 + encoded.length).putLong(done.index).put(encoded).array();
            });
        });
        handle(PROPOSE_BATCH, batch -> ForwardBatcher.answer(batch, proposal -> local(PROPOSE, proposal)));
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
        // JRaft dumps node state and metrics to files on SIGUSR2 when it is allowed the signal (see RaftSignals); keep
        // them in the member's Raft folder rather than in whatever directory the server was started from
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
        // JRaft's own election, vote, step-down and snapshot timers are hashed wheels that tick every millisecond:
        // four threads waking 1,000 times a second each, the largest share of an idle member's CPU. The shared
        // variants are scheduled executors that sleep until a timer is due; one thread each is plenty.
        options.setSharedElectionTimer(true);
        options.setSharedVoteTimer(true);
        options.setSharedStepDownTimer(true);
        options.setSharedSnapshotTimer(true);
        for (String prop : new String[] {"jraft.timer.global_election_timer_workers",
                "jraft.timer.global_vote_timer_workers", "jraft.timer.global_step_down_timer_workers",
                "jraft.timer.global_snapshot_timer_workers"}) {
            if (System.getProperty(prop) == null) {
                System.setProperty(prop, "1");
            }
        }
        // after the timer settings, which JRaft reads when the node class is initialised
        RaftSignals.initialiseNodeClass();
        // -Dcairn.raft.metrics=true turns on JRaft's own metrics (batch sizes, append and apply timings), dumped
        // with the node state on SIGUSR2 under -Dcairn.raft.signals=true
        options.setEnableMetrics(Boolean.getBoolean("cairn.raft.metrics"));
        RaftOptions raft = new RaftOptions();
        raft.setSync(true);        // an acknowledged write is on disk in the log
        raft.setSyncMeta(true);    // term and vote survive a crash
        raft.setReadOnlyOptions(ReadOnlyOption.ReadOnlySafe);
        options.setRaftOptions(raft);

        // bind only the peer listen address: the transport deserialises Hessian and must stay internal
        Endpoint listen = PeerId.parsePeer(settings.listen()).getEndpoint();
        com.alipay.remoting.rpc.RpcServer bolt = new com.alipay.remoting.rpc.RpcServer(listen.getIp(), listen.getPort(),
                true);
        PeerTransportTls peerTls = settings.tls().map(PeerTransportTls::new).orElse(null);
        if (peerTls != null) { // accepted connections here; opened ones through TlsRaftRpcFactory
            bolt.option(com.alipay.remoting.config.BoltServerOption.EXTENDED_NETTY_CHANNEL_HANDLER, peerTls.accepting());
        }
        TlsRaftRpcFactory.use(peerTls);
        RpcServer rpc = new BoltRpcServer(bolt);
        RaftRpcServerFactory.addRaftRequestProcessors(rpc);
        peers.register(rpc);
        peers.start();
        group = new RaftGroupService(settings.groupId(), self, options, rpc);
        node = group.start();
        if (node == null) {
            throw new IllegalStateException("the Raft node did not start (see the log above)");
        }
        if (settings.initialPeers().isEmpty()) {
            return; // joining: the leader contacts this member once it has been added
        }
        long deadline = System.nanoTime() + settings.startTimeout().toNanos();
        while (leader().isEmpty()) {
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
        return propose(command, false);
    }

    @Override
    public CompletableFuture<Object> proposeForClient(byte[] command) {
        return propose(command, true);
    }

    private CompletableFuture<Object> propose(byte[] command, boolean answersClient) {
        Node n = node;
        if (n == null) {
            return CompletableFuture.failedFuture(new KvException.Stopped());
        }
        if (n.isLeader(false)) { // the non-blocking check: the apply path rejects a stale answer anyway
            return submit(n, command, answersClient).future;
        }
        // forwarded to the leader: counted here too, as etcd counts a proposal on the member a client sent it to
        counters.proposed();
        return callLeader(PROPOSE, command).thenCompose(reply -> {
            ByteBuffer b = ByteBuffer.wrap(reply);
            long index = b.getLong();
            Object result = stateMachine.decodeResult(java.util.Arrays.copyOfRange(reply, 8, reply.length));
            return fsm.appliedWaiters().await(index).thenApply(v -> result);
        }).whenComplete((r, e) -> counters.answered(e == null));
    }

    private ProposalClosure submit(Node n, byte[] command, boolean answersClient) {
        ProposalClosure done = new ProposalClosure(counters, answersClient);
        counters.proposed();
        try {
            n.apply(new Task(ByteBuffer.wrap(command), done));
        } catch (com.alipay.sofa.jraft.error.OverloadException e) {
            // the proposal queue is full: etcd's answer to a full proposal channel
            counters.answered(false);
            done.future.completeExceptionally(new KvException.TooManyRequests());
        }
        return done;
    }

    @Override
    public void handle(String kind, Function<byte[], CompletableFuture<byte[]>> handler) {
        handlers.put(kind, handler);
        peers.handle(kind, handler);
    }

    @Override
    public CompletableFuture<byte[]> call(String peer, String kind, byte[] payload, Duration timeout) {
        if (peer.equals(settings.self())) {
            return local(kind, payload);
        }
        return peers.call(peer, kind, payload, timeout);
    }

    private CompletableFuture<byte[]> local(String kind, byte[] payload) {
        Function<byte[], CompletableFuture<byte[]>> h = handlers.get(kind);
        if (h == null) {
            return CompletableFuture.failedFuture(new KvException.Stopped());
        }
        try {
            return h.apply(payload);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<byte[]> callLeader(String kind, byte[] payload) {
        long deadline = System.nanoTime() + leaderWait().toNanos();
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        callLeader(kind, payload, deadline, result);
        return result;
    }

    /** How long a request waits for a leader during an election (etcd holds proposals meanwhile). */
    private Duration leaderWait() {
        return settings.electionTimeout().multipliedBy(3);
    }

    private void callLeader(String kind, byte[] payload, long deadline, CompletableFuture<byte[]> result) {
        Node n = node;
        if (n == null) {
            result.completeExceptionally(new KvException.Stopped());
            return;
        }
        Optional<String> leader = leader();
        if (leader.isEmpty()) {
            retryLater(kind, payload, deadline, result, new KvException.NoLeader());
            return;
        }
        Duration timeout = settings.electionTimeout().multipliedBy(2).plus(Duration.ofSeconds(5));
        CompletableFuture<byte[]> f;
        if (leader.get().equals(settings.self())) {
            f = local(kind, payload);
        } else if (kind.equals(PROPOSE)) {
            String to = leader.get();
            f = forwarders.computeIfAbsent(to, l -> new ForwardBatcher(
                    batch -> peers.call(l, PROPOSE_BATCH, batch, timeout))).forward(payload);
        } else {
            f = peers.call(leader.get(), kind, payload, timeout);
        }
        f.whenComplete((bytes, err) -> {
            if (err == null) {
                result.complete(bytes);
                return;
            }
            Throwable e = err instanceof java.util.concurrent.CompletionException && err.getCause() != null
                    ? err.getCause() : err;
            if (e instanceof KvException.NotLeader || e instanceof KvException.NoLeader) {
                // the leader this member knew has just stepped down: ask the next one
                retryLater(kind, payload, deadline, result, (KvException) e);
            } else {
                result.completeExceptionally(e);
            }
        });
    }

    private void retryLater(String kind, byte[] payload, long deadline, CompletableFuture<byte[]> result,
                            KvException last) {
        if (System.nanoTime() - deadline > 0) {
            result.completeExceptionally(last instanceof KvException.NotLeader ? new KvException.NoLeader() : last);
            return;
        }
        CompletableFuture.delayedExecutor(20, java.util.concurrent.TimeUnit.MILLISECONDS, replyExecutor)
                .execute(() -> callLeader(kind, payload, deadline, result));
    }

    @Override
    public String self() {
        return settings.self();
    }

    @Override
    public Optional<String> leader() {
        Node n = node;
        PeerId l = n == null ? null : n.getLeaderId();
        return l == null || l.isEmpty() ? Optional.empty() : Optional.of(l.getEndpoint().toString());
    }

    @Override
    public List<String> voters() {
        Configuration c = currentConf();
        return c == null ? List.of() : c.getPeers().stream().map(p -> p.getEndpoint().toString()).toList();
    }

    @Override
    public List<String> learners() {
        Configuration c = currentConf();
        return c == null ? List.of() : c.getLearners().stream().map(p -> p.getEndpoint().toString()).toList();
    }

    /** The configuration this member follows (the engine lists peers only on the leader otherwise). */
    private Configuration currentConf() {
        return node instanceof com.alipay.sofa.jraft.core.NodeImpl impl ? impl.getCurrentConf() : null;
    }

    @Override
    public long appliedIndex() {
        Node n = node;
        return n == null ? 0 : n.getLastAppliedLogIndex();
    }

    @Override
    public CompletableFuture<Void> addLearner(String peer) {
        return change((n, done) -> n.addLearners(List.of(peerId(peer)), done));
    }

    @Override
    public CompletableFuture<Void> promote(String peer) {
        PeerId p = peerId(peer);
        return change((n, done) -> n.removeLearners(List.of(p), done))
                .thenCompose(v -> change((n, done) -> n.addPeer(p, done)));
    }

    @Override
    public CompletableFuture<Void> remove(String peer) {
        PeerId p = peerId(peer);
        Configuration c = currentConf();
        if (c != null && c.getLearners().contains(p)) {
            return change((n, done) -> n.removeLearners(List.of(p), done));
        }
        return change((n, done) -> n.removePeer(p, done));
    }

    @Override
    public CompletableFuture<Void> transferLeadership(String peer) {
        Node n = node;
        if (n == null) {
            return CompletableFuture.failedFuture(new KvException.Stopped());
        }
        Status st = n.transferLeadershipTo(peerId(peer));
        return st.isOk() ? CompletableFuture.completedFuture(null) : CompletableFuture.failedFuture(toError(st));
    }

    private static PeerId peerId(String peer) {
        PeerId p = PeerId.parsePeer(peer);
        if (p == null) {
            throw new IllegalArgumentException("invalid peer address " + peer);
        }
        return p;
    }

    private CompletableFuture<Void> change(java.util.function.BiConsumer<Node, com.alipay.sofa.jraft.Closure> op) {
        Node n = node;
        if (n == null) {
            return CompletableFuture.failedFuture(new KvException.Stopped());
        }
        CompletableFuture<Void> f = new CompletableFuture<>();
        op.accept(n, status -> {
            if (status.isOk()) {
                f.complete(null);
            } else {
                LOG.warn("membership change failed: {}", status);
                f.completeExceptionally(toError(status));
            }
        });
        return f;
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
        return leader().isPresent();
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
    public CompletableFuture<Void> takeSnapshot() {
        Node n = node;
        if (n == null) {
            return CompletableFuture.failedFuture(new KvException.Stopped());
        }
        CompletableFuture<Void> f = new CompletableFuture<>();
        n.snapshot(status -> {
            fsm.snapshotFinished();
            if (status.isOk() || status.getRaftError() == RaftError.EBUSY) {
                f.complete(null); // EBUSY: one is being taken right now
            } else {
                f.completeExceptionally(new IllegalStateException("snapshot failed: " + status));
            }
        });
        return f;
    }

    @Override
    public void close() {
        snapshotBeforeStop();
        peers.close();
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

    /**
     * A stopping member takes a snapshot first (a flush of the store and a note of the applied index), so that its
     * next start does not read the log since the last snapshot back: after a burst of large writes that is hundreds
     * of megabytes and seconds of start time. Bounded, and skipped quietly if the node cannot take one now.
     */
    private void snapshotBeforeStop() {
        if (node == null) {
            return;
        }
        try {
            takeSnapshot().get(SNAPSHOT_AT_STOP_TIMEOUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.info("no snapshot before stopping ({}); the next start replays the log since the last one",
                    e.getMessage());
        }
    }

    private static final int SNAPSHOT_AT_STOP_TIMEOUT_SECONDS = 10;

    /** Carries an entry's apply result from the state machine back to its proposer. */
    static final class ProposalClosure implements com.alipay.sofa.jraft.Closure {
        final CompletableFuture<Object> future = new CompletableFuture<>();
        /** The future's stages only answer a client, so it may complete on the apply thread. */
        final boolean answersClient;
        private final RaftCounters counters;
        Object result;
        volatile long index;

        ProposalClosure(RaftCounters counters, boolean answersClient) {
            this.counters = counters;
            this.answersClient = answersClient;
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
