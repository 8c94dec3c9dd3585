package io.cairn.kv.server;

import io.cairn.kv.server.apply.Command;
import io.cairn.kv.server.apply.Outcome;
import io.cairn.kv.server.backend.Backend;
import io.cairn.kv.server.backend.Table;
import io.cairn.kv.server.consensus.Consensus;
import io.cairn.kv.server.consensus.RaftSettings;
import io.cairn.kv.server.mvcc.MvccStore;
import io.cairn.kv.server.rpc.EtcdGrpcServer;
import io.cairn.kv.server.schema.Schema;
import io.etcd.jetcd.api.CompactionRequest;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One member: opens the store, starts its Raft node, serves the gRPC API; closes them in reverse order.
 *
 * <p>Data directory layout: {@code member/store} (RocksDB) and {@code member/raft} (the Raft log, meta and
 * snapshots).
 */
final class EtcdServer implements KvServer {
    private static final Logger LOG = LoggerFactory.getLogger(EtcdServer.class);

    private final KvServerConfig config;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private Backend backend;
    private MvccStore store;
    private Consensus consensus;
    private EtcdGrpcServer grpc;
    private ExecutorService executor;
    private ExecutorService compaction;
    private java.util.concurrent.ScheduledExecutorService scheduler;
    private java.util.concurrent.ScheduledExecutorService watchScheduler;
    private io.cairn.kv.server.watch.WatchHub watches;
    private io.cairn.kv.server.lease.Lessor lessor;
    private io.cairn.kv.server.maintenance.Alarms alarms;
    private java.util.concurrent.ScheduledExecutorService leaseScheduler;
    private io.cairn.kv.server.cluster.Members members;
    private io.cairn.kv.server.cluster.Membership membership;
    private io.cairn.kv.server.cluster.SnapshotShipping shipping;
    private java.util.concurrent.ScheduledExecutorService membershipScheduler;
    private StoreObservability observability;
    private io.cairn.kv.server.auth.AuthStore auth;
    private volatile long memberId;
    private volatile boolean closed;

    EtcdServer(KvServerConfig config) {
        this.config = config;
    }

    @Override
    public synchronized KvServer start() {
        InitialCluster cluster = InitialCluster.of(config);
        var clientTls = MemberTls.client(config); // unreadable certificates fail here, before anything starts
        var peerTls = MemberTls.peer(config);
        Path member = config.dataDir().resolve("member");
        try {
            Files.createDirectories(member);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create data dir " + config.dataDir() + ": " + e.getMessage(), e);
        }
        try {
            backend = Backend.open(member.resolve("store"));
            compaction = Executors.newSingleThreadExecutor(daemon("cairn-compaction"));
            observability = new StoreObservability(config.observability());
            store = MvccStore.open(backend, compaction, observability.mvcc());
            members = new io.cairn.kv.server.cluster.Members(backend);
            boolean fresh = backend.get(Table.META, Schema.META_MEMBER_ID).isEmpty();
            boolean joining = fresh && cluster.joining();
            if (fresh && !joining) {
                bootstrapIdentity(cluster);
            }
            memberId = backend.get(Table.META, Schema.META_MEMBER_ID).map(Schema::longValue).orElse(0L);
            if (!fresh && members.list().isEmpty()) {
                // a data dir written before the member table existed: a single member, described by its flags
                members.bootstrapLocally(backend, members.clusterId(), List.of(io.etcd.jetcd.api.Member.newBuilder()
                        .setID(memberId).setName(config.name())
                        .addAllPeerURLs(config.initialAdvertisePeerUrls().stream().map(URI::toString).toList())
                        .addAllClientURLs(config.advertiseClientUrls().stream().map(URI::toString).toList())
                        .build()));
            }

            // a member that restarts keeps the Raft configuration in its log; the initial peers matter only for
            // the first start of a new cluster
            RaftSettings raft = new RaftSettings(config.initialClusterToken(), cluster.selfPeer(),
                    cluster.listenPeer(), joining ? List.of() : cluster.raftAddresses(), member.resolve("raft"),
                    config.electionTimeout(), config.snapshotCount(),
                    Duration.ofMillis(Math.max(5000, 5 * config.electionTimeout().toMillis())), peerTls);
            executor = Executors.newFixedThreadPool(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()),
                    daemon("cairn-grpc"));
            lessor = new io.cairn.kv.server.lease.Lessor(store, backend,
                    Duration.ofMillis((config.electionTimeout().toMillis() * 3 + 1) / 2), System::nanoTime);
            alarms = new io.cairn.kv.server.maintenance.Alarms(backend);
            if (!io.cairn.kv.server.auth.Passwords.validCost(config.auth().bcryptCost())) {
                LOG.warn("--bcrypt-cost {} is out of [{}, {}]: using the default {} (as etcd does)",
                        config.auth().bcryptCost(), io.cairn.kv.server.auth.Passwords.MIN_COST,
                        io.cairn.kv.server.auth.Passwords.MAX_COST, io.cairn.kv.server.auth.Passwords.DEFAULT_COST);
            }
            auth = new io.cairn.kv.server.auth.AuthStore(backend, io.cairn.kv.server.auth.TokenProvider.create(
                    config.auth().token(), config.auth().tokenTtl(), System::currentTimeMillis,
                    new java.security.SecureRandom(), this::awaitApplied));
            StoreStateMachine sm = new StoreStateMachine(store, lessor, alarms, members, auth, cluster.selfPeer(),
                    config.observability().warningApplyDuration());
            consensus = Consensus.jraft(raft, sm, executor);
            shipping = new io.cairn.kv.server.cluster.SnapshotShipping(consensus, store, member.resolve("tmp"));
            sm.installer(this::installSnapshot);
            membership = new io.cairn.kv.server.cluster.Membership(consensus, members,
                    java.util.random.RandomGenerator.getDefault());
            members.onRemoved(this::memberRemoved);
            sm.leadership((leader, term) -> {
                if (leader) {
                    lessor.promote();
                    membership.bootstrapIntoLog(io.cairn.kv.server.cluster.Members.inLog(backend));
                }
            });
            consensus.start();
            if (joining) {
                memberId = awaitOwnEntry(cluster);
            }
            awaitReplay();

            Duration requestTimeout = Duration.ofSeconds(5).plus(config.electionTimeout().multipliedBy(2));
            watchScheduler = Executors.newSingleThreadScheduledExecutor(daemon("cairn-watch"));
            watches = new io.cairn.kv.server.watch.WatchHub(store, watchScheduler, executor,
                    config.maxRequestBytes(), config.watchProgressNotifyInterval());
            startLeaseLoops();
            grpc = EtcdGrpcServer.start(clientAddresses(config.listenClientUrls()),
                    new EtcdGrpcServer.Parts(store, consensus, watches, lessor, alarms, membership,
                            member.resolve("tmp"), java.util.random.RandomGenerator.getDefault(), auth,
                            new io.cairn.kv.server.auth.Passwords(config.auth().bcryptCost(),
                                    new java.security.SecureRandom()),
                            clientCertificateUsers(clientTls)),
                    new EtcdGrpcServer.Settings(members.clusterId(), memberId, config.maxTxnOps(),
                            config.maxRequestBytes(), config.effectiveQuotaBytes(), requestTimeout), executor,
                    observability.serve(store, consensus, watches, alarms, config.effectiveQuotaBytes(),
                            requestTimeout, () -> members.byId(memberId).map(io.etcd.jetcd.api.Member::getIsLearner)
                                    .orElse(false)).withTls(clientTls));
            publish();
            startAutoCompaction();
            LOG.info("member {} ({}) of cluster {} serving client requests on {}, revision {}",
                    Long.toHexString(memberId), config.name(), Long.toHexString(members.clusterId()),
                    grpc.addresses(), store.currentRevision());
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * A restarted member replays the committed log entries its store does not hold yet before it serves (as etcd
     * does), so that no client sees the state of before the crash: a lease would look unknown, a key missing.
     */
    private void awaitReplay() {
        // a read barrier completes once this member has applied everything the leader had committed when asked;
        // a fresh leader answers only after it committed an entry of its own term (the commit index the engine
        // knows right after a restart is not yet the real one)
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() - deadline < 0) {
            try {
                consensus.readBarrier().get(5, java.util.concurrent.TimeUnit.SECONDS);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        LOG.warn("serving before the log is replayed: no read barrier within 60 s (no quorum?)");
    }

    /**
     * Waits (up to two election timeouts) until this member applied the raft entry at {@code index}: a simple
     * token issued through another member is known here once its Authenticate entry is applied (etcd waits the
     * same way).
     */
    private boolean awaitApplied(long index) {
        Consensus c = consensus;
        if (c == null) {
            return false;
        }
        long deadline = System.nanoTime() + config.electionTimeout().multipliedBy(2).toNanos();
        while (c.appliedIndex() < index) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** First start of a member of a new cluster: ids derived as etcd derives them, the initial member table. */
    private void bootstrapIdentity(InitialCluster cluster) {
        List<io.etcd.jetcd.api.Member> initial = new java.util.ArrayList<>();
        long self = 0;
        for (var e : cluster.members().entrySet()) {
            long id = MemberIds.memberId(e.getValue(), config.initialClusterToken());
            io.etcd.jetcd.api.Member.Builder m = io.etcd.jetcd.api.Member.newBuilder().setID(id)
                    .addAllPeerURLs(e.getValue().stream().map(URI::toString).toList());
            if (e.getKey().equals(config.name())) {
                self = id;
                m.setName(config.name())
                        .addAllClientURLs(config.advertiseClientUrls().stream().map(URI::toString).toList());
            }
            initial.add(m.build());
        }
        long clusterId = MemberIds.clusterId(initial.stream().mapToLong(io.etcd.jetcd.api.Member::getID).toArray());
        members.bootstrapLocally(backend, clusterId, initial);
        writeMemberId(self);
    }

    private void writeMemberId(long id) {
        try (var batch = backend.batch()) {
            batch.put(Table.META, Schema.META_MEMBER_ID, Schema.longValue(id));
            batch.commit();
        }
        backend.flush();
    }

    /**
     * A member joining a running cluster learns its id from the member table it receives from the leader (the
     * entry {@code member add} created for its peer URLs).
     */
    private long awaitOwnEntry(InitialCluster cluster) {
        String myUrl = config.initialAdvertisePeerUrls().getFirst().toString();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        long nextLog = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            var me = members.byPeerUrl(myUrl);
            if (me.isPresent() && members.clusterId() != 0) {
                writeMemberId(me.get().getID());
                LOG.info("joined cluster {} as member {}", Long.toHexString(members.clusterId()),
                        Long.toHexString(me.get().getID()));
                return me.get().getID();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("--initial-cluster-state=existing: no member of the cluster"
                        + " has added " + myUrl + " (run 'etcdctl member add " + config.name() + " --peer-urls="
                        + myUrl + "' on the cluster first)");
            }
            if (System.nanoTime() - nextLog > 0) {
                LOG.info("waiting to be added to the cluster (peers {})", cluster.raftAddresses());
                nextLog = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while joining", e);
            }
        }
    }

    /**
     * Publishes this member's name and client URLs through the log (at every start, as etcd does), retrying
     * until it is applied; after the cluster's initial members are in the log, so that a member replaying the
     * log later finds the entry it updates.
     */
    /**
     * etcd's client-certificate auth: with {@code --client-cert-auth} on an https:// client port, a request
     * without a token acts as the user named by its verified certificate's common name.
     */
    private static io.cairn.kv.server.rpc.CommonNameSource clientCertificateUsers(
            java.util.Optional<io.cairn.kv.server.tls.TlsMaterial> clientTls) {
        return clientTls.map(io.cairn.kv.server.tls.TlsMaterial::requireClientCertificate).orElse(false)
                ? io.cairn.kv.server.rpc.ClientCertificates::commonName
                : io.cairn.kv.server.rpc.CommonNameSource.NONE;
    }

    private void publish() {
        if (closed) {
            return;
        }
        if (!io.cairn.kv.server.cluster.Members.inLog(backend)) {
            CompletableFuture.delayedExecutor(100, java.util.concurrent.TimeUnit.MILLISECONDS).execute(this::publish);
            return;
        }
        List<String> urls = config.advertiseClientUrls().stream().map(URI::toString).toList();
        membership.publish(memberId, config.name(), urls).whenComplete((v, e) -> {
            if (e != null && !closed) {
                LOG.debug("publishing member attributes failed ({}); retrying", e.toString());
                CompletableFuture.delayedExecutor(500, java.util.concurrent.TimeUnit.MILLISECONDS)
                        .execute(this::publish);
            }
        });
    }

    /**
     * Installs a store shipped from another member (this member fell behind the leader's log, or joined):
     * reads and applies are held off while the store is swapped, then every in-memory view is rebuilt.
     */
    private void installSnapshot(String source, long index) {
        List<String> sources = new java.util.ArrayList<>();
        if (!source.isBlank()) {
            sources.add(source);
        }
        consensus.leader().ifPresent(sources::add);
        sources.addAll(consensus.voters());
        var fetched = shipping.fetch(sources, index);
        store.installSnapshot(fetched.dir());
        // the shipped store carries its source's identity: this member keeps its own
        try (var batch = backend.batch()) {
            if (memberId != 0) {
                batch.put(Table.META, Schema.META_MEMBER_ID, Schema.longValue(memberId));
            } else {
                batch.delete(Table.META, Schema.META_MEMBER_ID);
            }
            batch.commit();
        }
        backend.flush();
        members.reload(backend);
        lessor.reload(backend);
        alarms.reload(backend);
        auth.reload(backend);
        var w = watches;
        if (w != null) {
            w.storeReplaced(store.currentRevision());
        }
        LOG.info("installed the store at raft index {}, revision {}", store.consistentIndex(),
                store.currentRevision());
    }

    private int outsideConfTicks;

    /**
     * A member removed while it was down or cut off never applies its own removal entry (it left the Raft
     * group first): it notices that the configuration it follows no longer has it.
     */
    private void noticeRemoval() {
        List<String> voters = consensus.voters();
        String self = consensus.self();
        boolean outside = !voters.isEmpty() && !voters.contains(self) && !consensus.learners().contains(self);
        outsideConfTicks = outside ? outsideConfTicks + 1 : 0;
        if (outsideConfTicks == 3) {
            memberRemoved(memberId);
        }
    }

    /** etcd stops a member once the cluster has removed it. */
    private void memberRemoved(long id) {
        if (id != memberId || memberId == 0) {
            return;
        }
        LOG.warn("the member has been permanently removed from the cluster; stopping");
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(1000); // let the removal's answer reach the client first
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            close();
        }, "cairn-removed");
        t.setDaemon(true);
        t.start();
    }

    /**
     * The leader's lease duties: revoke expired leases through the log (every 500 ms, as etcd checks) and record
     * remaining TTLs so they survive restarts (every 5 s; etcd's default is 5 minutes, which would let a lease
     * outlive its TTL by up to that much after a restart).
     */
    private void startLeaseLoops() {
        leaseScheduler = Executors.newSingleThreadScheduledExecutor(daemon("cairn-lease"));
        membershipScheduler = Executors.newSingleThreadScheduledExecutor(daemon("cairn-membership"));
        membershipScheduler.scheduleWithFixedDelay(() -> {
            try {
                membership.promotePendingVoters();
                noticeRemoval();
            } catch (RuntimeException e) {
                LOG.warn("membership duties failed", e);
            }
        }, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
        leaseScheduler.scheduleWithFixedDelay(() -> {
            if (!consensus.isLeader()) {
                return;
            }
            for (long id : lessor.takeExpired()) {
                byte[] cmd = new Command.LeaseRevoke(io.etcd.jetcd.api.LeaseRevokeRequest.newBuilder().setID(id)
                        .build()).encode();
                consensus.propose(cmd).whenComplete((r, e) -> {
                    if (e != null) {
                        lessor.revokeFailed(id);
                    }
                });
            }
        }, 500, 500, java.util.concurrent.TimeUnit.MILLISECONDS);
        leaseScheduler.scheduleWithFixedDelay(() -> {
            if (!consensus.isLeader()) {
                return;
            }
            var due = lessor.dueCheckpoints();
            for (int i = 0; i < due.size(); i += 1000) {
                consensus.propose(new Command.LeaseCheckpoint(due.subList(i, Math.min(due.size(), i + 1000)))
                        .encode());
            }
        }, 5, 5, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** A graceful stop records the leases' remaining TTLs, so a restart gives them back exactly. */
    private void checkpointLeasesBeforeStopping() {
        if (lessor == null || consensus == null || !consensus.isLeader()) {
            return;
        }
        var due = lessor.dueCheckpoints();
        if (due.isEmpty()) {
            return;
        }
        try {
            consensus.propose(new Command.LeaseCheckpoint(due).encode()).get(2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("could not checkpoint leases before stopping: {}", e.toString());
        }
    }

    private void startAutoCompaction() {
        AutoCompaction policy = AutoCompaction.of(config.autoCompactionMode(), config.autoCompactionRetention(),
                System::currentTimeMillis, store::currentRevision, this::proposeCompaction);
        if (policy == null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(daemon("cairn-auto-compaction"));
        long every = policy.tickInterval().toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                policy.tick();
            } catch (RuntimeException e) {
                LOG.warn("auto-compaction tick failed", e);
            }
        }, every, every, java.util.concurrent.TimeUnit.MILLISECONDS);
        LOG.info("auto-compaction: mode {}, retention {}", config.autoCompactionMode(),
                config.autoCompactionRetention());
    }

    private void proposeCompaction(long revision) {
        if (!consensus.isLeader()) {
            return; // only the leader compacts; its entry reaches every member through the log
        }
        byte[] command = new Command.Compact(CompactionRequest.newBuilder().setRevision(revision).build()).encode();
        consensus.propose(command).whenComplete((r, e) -> {
            if (e != null) {
                LOG.warn("auto-compaction at revision {} failed: {}", revision, e.getMessage());
            } else if (r instanceof Outcome.Rejected rej) {
                LOG.debug("auto-compaction at revision {} not needed: {}", revision, rej.error().getMessage());
            } else {
                LOG.info("auto-compaction scheduled at revision {}", revision);
            }
        });
    }

    private static List<InetSocketAddress> clientAddresses(List<URI> urls) {
        return urls.stream().map(u -> {
            if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
                throw new IllegalArgumentException("unsupported client URL " + u + " (only http:// and https://)");
            }
            return new InetSocketAddress(u.getHost(), u.getPort());
        }).toList();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public List<InetSocketAddress> clientAddresses() {
        return grpc == null ? List.of() : grpc.addresses();
    }

    @Override
    public List<URI> metricsUrls() {
        return observability == null ? List.of() : observability.metricsUrls();
    }

    @Override
    public io.grpc.Channel embeddedChannel() {
        if (grpc == null) {
            throw new IllegalStateException("the server is not started");
        }
        return grpc.embeddedChannel();
    }

    @Override
    public long memberId() {
        return memberId;
    }

    @Override
    public void awaitTermination() throws InterruptedException {
        terminated.await();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long t0 = System.nanoTime();
        StringBuilder timing = new StringBuilder();
        try {
            checkpointLeasesBeforeStopping(); timing.append(" leases=").append((System.nanoTime() - t0) / 1_000_000);
            if (scheduler != null) {
                scheduler.shutdownNow();
            }
            if (leaseScheduler != null) {
                leaseScheduler.shutdownNow();
            }
            if (membershipScheduler != null) {
                membershipScheduler.shutdownNow();
            }
            if (grpc != null) {
                grpc.close(); timing.append(" grpc=").append((System.nanoTime() - t0) / 1_000_000);
            }
            if (observability != null) {
                observability.close(); timing.append(" observability=").append((System.nanoTime() - t0) / 1_000_000);
            }
            if (watches != null) {
                watches.close(); timing.append(" watches=").append((System.nanoTime() - t0) / 1_000_000);
            }
            if (consensus != null) {
                consensus.close(); timing.append(" consensus=").append((System.nanoTime() - t0) / 1_000_000);
            }
            if (executor != null) {
                executor.shutdownNow();
            }
            if (watchScheduler != null) {
                watchScheduler.shutdownNow();
            }
            if (store != null) {
                store.close(); timing.append(" store=").append((System.nanoTime() - t0) / 1_000_000);
            }
            if (compaction != null) {
                compaction.shutdownNow();
                awaitQuietly(compaction); timing.append(" compaction=").append((System.nanoTime() - t0) / 1_000_000);
            }
            if (backend != null) {
                backend.close(); timing.append(" backend=").append((System.nanoTime() - t0) / 1_000_000);
            }
        } finally {
            LOG.info("stopped in {} ms (cumulative ms:{})", (System.nanoTime() - t0) / 1_000_000, timing);
            terminated.countDown();
        }
    }

    private static void awaitQuietly(ExecutorService e) {
        try {
            e.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }
}
