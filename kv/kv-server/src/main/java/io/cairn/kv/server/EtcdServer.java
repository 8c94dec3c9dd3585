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
    private StoreObservability observability;
    private long memberId;
    private boolean closed;

    EtcdServer(KvServerConfig config) {
        this.config = config;
    }

    @Override
    public synchronized KvServer start() {
        InitialCluster cluster = InitialCluster.of(config);
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
            long[] ids = identity(cluster);
            memberId = ids[1];

            RaftSettings raft = new RaftSettings(config.initialClusterToken(), cluster.selfPeer(),
                    cluster.listenPeer(), List.of(cluster.selfPeer()), member.resolve("raft"),
                    config.electionTimeout(), config.snapshotCount(),
                    Duration.ofMillis(Math.max(5000, 5 * config.electionTimeout().toMillis())));
            executor = Executors.newFixedThreadPool(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()),
                    daemon("cairn-grpc"));
            lessor = new io.cairn.kv.server.lease.Lessor(store, backend,
                    Duration.ofMillis((config.electionTimeout().toMillis() * 3 + 1) / 2), System::nanoTime);
            alarms = new io.cairn.kv.server.maintenance.Alarms(backend);
            consensus = Consensus.jraft(raft, new StoreStateMachine(store, lessor, alarms), executor);
            consensus.start();
            lessor.promote();

            Duration requestTimeout = Duration.ofSeconds(5).plus(config.electionTimeout().multipliedBy(2));
            watchScheduler = Executors.newSingleThreadScheduledExecutor(daemon("cairn-watch"));
            watches = new io.cairn.kv.server.watch.WatchHub(store, watchScheduler, executor,
                    config.maxRequestBytes(), config.watchProgressNotifyInterval());
            startLeaseLoops();
            io.etcd.jetcd.api.Member self = io.etcd.jetcd.api.Member.newBuilder().setID(memberId).setName(config.name())
                    .addAllPeerURLs(config.initialAdvertisePeerUrls().stream().map(URI::toString).toList())
                    .addAllClientURLs(config.advertiseClientUrls().stream().map(URI::toString).toList()).build();
            grpc = EtcdGrpcServer.start(clientAddresses(config.listenClientUrls()),
                    new EtcdGrpcServer.Parts(store, consensus, watches, lessor, alarms, self, member.resolve("tmp"),
                            java.util.random.RandomGenerator.getDefault()),
                    new EtcdGrpcServer.Settings(ids[0], ids[1], config.maxTxnOps(), config.maxRequestBytes(),
                            config.effectiveQuotaBytes(), requestTimeout), executor,
                    observability.serve(store, consensus, watches, alarms, config.effectiveQuotaBytes(),
                            requestTimeout));
            startAutoCompaction();
            LOG.info("member {} ({}) serving client requests on {}, revision {}", Long.toHexString(memberId),
                    config.name(), grpc.addresses(), store.currentRevision());
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * The leader's lease duties: revoke expired leases through the log (every 500 ms, as etcd checks) and record
     * remaining TTLs so they survive restarts (every 5 s; etcd's default is 5 minutes, which would let a lease
     * outlive its TTL by up to that much after a restart).
     */
    private void startLeaseLoops() {
        leaseScheduler = Executors.newSingleThreadScheduledExecutor(daemon("cairn-lease"));
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

    /** Reads the cluster and member ids, or fixes them on the first start. */
    private long[] identity(InitialCluster cluster) {
        var cid = backend.get(Table.META, Schema.META_CLUSTER_ID);
        var mid = backend.get(Table.META, Schema.META_MEMBER_ID);
        if (cid.isPresent() && mid.isPresent()) {
            return new long[] {Schema.longValue(cid.get()), Schema.longValue(mid.get())};
        }
        long m = MemberIds.memberId(config.initialAdvertisePeerUrls(), config.initialClusterToken());
        long c = MemberIds.clusterId(m);
        try (var batch = backend.batch()) {
            batch.put(Table.META, Schema.META_CLUSTER_ID, Schema.longValue(c));
            batch.put(Table.META, Schema.META_MEMBER_ID, Schema.longValue(m));
            batch.commit();
        }
        backend.flush();
        return new long[] {c, m};
    }

    private static List<InetSocketAddress> clientAddresses(List<URI> urls) {
        return urls.stream().map(u -> {
            if (!"http".equals(u.getScheme())) {
                throw new IllegalArgumentException("unsupported client URL " + u + " (only http:// for now)");
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
        try {
            checkpointLeasesBeforeStopping();
            if (scheduler != null) {
                scheduler.shutdownNow();
            }
            if (leaseScheduler != null) {
                leaseScheduler.shutdownNow();
            }
            if (grpc != null) {
                grpc.close();
            }
            if (observability != null) {
                observability.close();
            }
            if (watches != null) {
                watches.close();
            }
            if (consensus != null) {
                consensus.close();
            }
            if (executor != null) {
                executor.shutdownNow();
            }
            if (watchScheduler != null) {
                watchScheduler.shutdownNow();
            }
            if (store != null) {
                store.close();
            }
            if (compaction != null) {
                compaction.shutdownNow();
                awaitQuietly(compaction);
            }
            if (backend != null) {
                backend.close();
            }
        } finally {
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
