package io.cairn.kv.server.cluster;

import com.google.protobuf.InvalidProtocolBufferException;
import io.cairn.kv.server.apply.Command;
import io.cairn.kv.server.apply.Outcome;
import io.cairn.kv.server.consensus.Consensus;
import io.cairn.kv.server.errors.KvException;
import io.etcd.jetcd.api.Member;
import io.etcd.jetcd.api.MemberAddRequest;
import io.etcd.jetcd.api.MemberListResponse;
import io.etcd.jetcd.api.MemberPromoteRequest;
import io.etcd.jetcd.api.MemberRemoveRequest;
import io.etcd.jetcd.api.MemberUpdateRequest;
import io.etcd.jetcd.api.ResponseHeader;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Membership changes as etcd's Cluster service offers them, carried out by the leader: the member table
 * (through the log) and the Raft configuration (through the consensus engine) change together.
 *
 * <p>A member added as a voter first joins the Raft group as a learner and is promoted by the leader once it
 * has caught up (etcd would count it in the quorum at once, which stalls writes until it starts); clients see it
 * as a voter from the start. A learner is promoted only when it is in sync (its applied index at least 90% of
 * the leader's, as etcd checks).
 */
public final class Membership {
    private static final Logger LOG = LoggerFactory.getLogger(Membership.class);
    private static final String ADD = "member.add";
    private static final String REMOVE = "member.remove";
    private static final String UPDATE = "member.update";
    private static final String PROMOTE = "member.promote";
    private static final String APPLIED = "member.applied";
    /** etcd's default {@code --max-learners}. */
    private static final int MAX_LEARNERS = 1;

    private final Consensus consensus;
    private final Members members;
    private final RandomGenerator random;

    public Membership(Consensus consensus, Members members, RandomGenerator random) {
        this.consensus = consensus;
        this.members = members;
        this.random = random;
        consensus.handle(ADD, p -> parse(p, MemberAddRequest::parseFrom).thenCompose(this::addHere)
                .thenApply(Member::toByteArray));
        consensus.handle(REMOVE, p -> parse(p, MemberRemoveRequest::parseFrom).thenCompose(this::removeHere)
                .thenApply(v -> new byte[0]));
        consensus.handle(UPDATE, p -> parse(p, MemberUpdateRequest::parseFrom).thenCompose(this::updateHere)
                .thenApply(v -> new byte[0]));
        consensus.handle(PROMOTE, p -> parse(p, MemberPromoteRequest::parseFrom).thenCompose(this::promoteHere)
                .thenApply(v -> new byte[0]));
        consensus.handle(APPLIED, p -> CompletableFuture.completedFuture(
                ByteBuffer.allocate(8).putLong(consensus.appliedIndex()).array()));
    }

    /** The member table. */
    public Members members() {
        return members;
    }

    // ---- client-facing (any member; the work is done by the leader) -------------------------------------------

    /** Adds a member; completes with the new member (its id chosen by the leader). */
    public CompletableFuture<Member> add(MemberAddRequest r) {
        return consensus.callLeader(ADD, r.toByteArray()).thenApply(b -> {
            try {
                return Member.parseFrom(b);
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    public CompletableFuture<Void> remove(MemberRemoveRequest r) {
        return consensus.callLeader(REMOVE, r.toByteArray()).thenApply(b -> null);
    }

    public CompletableFuture<Void> update(MemberUpdateRequest r) {
        return consensus.callLeader(UPDATE, r.toByteArray()).thenApply(b -> null);
    }

    public CompletableFuture<Void> promote(MemberPromoteRequest r) {
        return consensus.callLeader(PROMOTE, r.toByteArray()).thenApply(b -> null);
    }

    // ---- the leader's side --------------------------------------------------------------------------------------

    private CompletableFuture<Member> addHere(MemberAddRequest r) {
        List<String> urls = r.getPeerURLsList();
        String raft;
        try {
            raft = checkUrls(urls);
        } catch (KvException e) {
            return CompletableFuture.failedFuture(e);
        }
        for (Member m : members.list()) {
            if (m.getPeerURLsList().stream().anyMatch(urls::contains) || Members.raftAddress(m).equals(raft)) {
                return CompletableFuture.failedFuture(new KvException.PeerUrlExists());
            }
        }
        if (r.getIsLearner() && members.list().stream().filter(Member::getIsLearner).count() >= MAX_LEARNERS) {
            return CompletableFuture.failedFuture(new KvException.TooManyLearners());
        }
        long id;
        do {
            id = random.nextLong();
        } while (id == 0 || members.byId(id).isPresent());
        Member m = Member.newBuilder().setID(id).addAllPeerURLs(urls).setIsLearner(r.getIsLearner()).build();
        // the table first (every member lists the new one), then the Raft group: the new member gets the log
        // from its start or, once a snapshot has cut the log, the whole store shipped to it
        // two snapshots around the table entry cut the log (the engine truncates up to the snapshot before the
        // newest), so the new member receives the store as a whole, shipped, instead of replaying all history
        return snapshotQuietly()
                .thenCompose(v -> propose(new Command.MemberSet(m)))
                .thenCompose(v -> snapshotQuietly())
                .thenCompose(v -> consensus.addLearner(raft))
                .thenApply(v -> {
                    LOG.info("added member {} ({}) as {}", Long.toHexString(m.getID()), urls,
                            m.getIsLearner() ? "a learner" : "a voter (a learner until it catches up)");
                    return m;
                });
    }

    private CompletableFuture<Void> removeHere(MemberRemoveRequest r) {
        Member m = members.byId(r.getID()).orElse(null);
        if (m == null) {
            return CompletableFuture.failedFuture(new KvException.MemberNotFound());
        }
        String raft = Members.raftAddress(m);
        if (!m.getIsLearner() && consensus.voters().contains(raft) && !quorumSurvives(raft)) {
            return CompletableFuture.failedFuture(new KvException.Unhealthy());
        }
        if (raft.equals(consensus.self()) && consensus.voters().size() > 1) {
            // the leader removes itself: it hands leadership over first, and the next leader does the removal
            String target = consensus.voters().stream().filter(v -> !v.equals(raft)).filter(this::reachable)
                    .findFirst().orElse(null);
            if (target == null) {
                return CompletableFuture.failedFuture(new KvException.Unhealthy());
            }
            return consensus.transferLeadership(target)
                    .thenCompose(v -> whenNotLeader(System.nanoTime() + Duration.ofSeconds(10).toNanos()))
                    .thenCompose(v -> consensus.callLeader(REMOVE, r.toByteArray())).thenApply(b -> null);
        }
        boolean inRaft = consensus.voters().contains(raft) || consensus.learners().contains(raft);
        CompletableFuture<Void> conf = inRaft ? consensus.remove(raft) : CompletableFuture.completedFuture(null);
        return conf.thenCompose(v -> propose(new Command.MemberRemove(r)))
                .thenRun(() -> LOG.info("removed member {}", Long.toHexString(r.getID())));
    }

    private CompletableFuture<Void> whenNotLeader(long deadline) {
        if (!consensus.isLeader()) {
            return CompletableFuture.completedFuture(null);
        }
        if (System.nanoTime() - deadline > 0) {
            return CompletableFuture.failedFuture(new KvException.Timeout());
        }
        return CompletableFuture.supplyAsync(() -> null,
                        CompletableFuture.delayedExecutor(20, java.util.concurrent.TimeUnit.MILLISECONDS))
                .thenCompose(v -> whenNotLeader(deadline));
    }

    private CompletableFuture<Void> snapshotQuietly() {
        return consensus.takeSnapshot().exceptionally(e -> {
            LOG.warn("no snapshot before adding a member ({}); it will replay the log", e.toString());
            return null;
        });
    }

    /** etcd's strict reconfiguration check: the voters left must still form a quorum of members that are up. */
    private boolean quorumSurvives(String removed) {
        List<String> voters = consensus.voters();
        int left = voters.size() - 1;
        if (left == 0) {
            return false;
        }
        long up = voters.stream().filter(v -> !v.equals(removed)).filter(this::reachable).count();
        return up >= left / 2 + 1;
    }

    private boolean reachable(String peer) {
        if (peer.equals(consensus.self())) {
            return true;
        }
        try {
            consensus.call(peer, APPLIED, new byte[0], Duration.ofSeconds(1)).get();
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private CompletableFuture<Void> updateHere(MemberUpdateRequest r) {
        Member m = members.byId(r.getID()).orElse(null);
        if (m == null) {
            return CompletableFuture.failedFuture(new KvException.MemberNotFound());
        }
        String raft;
        try {
            raft = checkUrls(r.getPeerURLsList());
        } catch (KvException e) {
            return CompletableFuture.failedFuture(e);
        }
        for (Member o : members.list()) {
            if (o.getID() != m.getID() && o.getPeerURLsList().stream().anyMatch(r.getPeerURLsList()::contains)) {
                return CompletableFuture.failedFuture(new KvException.PeerUrlExists());
            }
        }
        if (!raft.equals(Members.raftAddress(m))) {
            // the Raft group knows members by address; moving one is a remove and an add in Cairn
            return CompletableFuture.failedFuture(new KvException.MemberBadUrls());
        }
        return propose(new Command.MemberSet(m.toBuilder().clearPeerURLs().addAllPeerURLs(r.getPeerURLsList())
                .build()));
    }

    private CompletableFuture<Void> promoteHere(MemberPromoteRequest r) {
        Member m = members.byId(r.getID()).orElse(null);
        if (m == null) {
            return CompletableFuture.failedFuture(new KvException.MemberNotFound());
        }
        if (!m.getIsLearner()) {
            return CompletableFuture.failedFuture(new KvException.MemberNotLearner());
        }
        String raft = Members.raftAddress(m);
        return inSync(raft).thenCompose(ready -> {
            if (!ready) {
                return CompletableFuture.failedFuture(new KvException.LearnerNotReady());
            }
            return consensus.promote(raft)
                    .thenCompose(v -> propose(new Command.MemberSet(m.toBuilder().setIsLearner(false).build())))
                    .thenRun(() -> LOG.info("promoted member {}", Long.toHexString(m.getID())));
        });
    }

    /** etcd's readiness rule: the learner has applied at least 90% of what the leader has committed. */
    private CompletableFuture<Boolean> inSync(String raft) {
        long leader = consensus.commitIndex();
        return consensus.call(raft, APPLIED, new byte[0], Duration.ofSeconds(2))
                .thenApply(b -> ByteBuffer.wrap(b).getLong() >= leader * 9 / 10)
                .exceptionally(e -> false);
    }

    /**
     * The leader's periodic duty: a member added as a voter joined the Raft group as a learner; once it is in
     * sync it becomes a voter.
     */
    public void promotePendingVoters() {
        if (!consensus.isLeader()) {
            return;
        }
        List<String> learners = consensus.learners();
        for (Member m : members.list()) {
            String raft = Members.raftAddress(m);
            if (!m.getIsLearner() && learners.contains(raft)) {
                try {
                    if (inSync(raft).get() && consensus.isLeader()) {
                        consensus.promote(raft).get();
                        LOG.info("member {} caught up and now votes", Long.toHexString(m.getID()));
                    }
                } catch (Exception e) {
                    LOG.debug("member {} not promoted yet: {}", Long.toHexString(m.getID()), e.toString());
                }
            }
        }
    }

    /**
     * Puts the cluster id and initial members in the log, once, by the first leader (a member joining later
     * learns them by replaying it).
     */
    public void bootstrapIntoLog(boolean alreadyInLog) {
        if (alreadyInLog || !consensus.isLeader()) {
            return;
        }
        MemberListResponse cluster = MemberListResponse.newBuilder()
                .setHeader(ResponseHeader.newBuilder().setClusterId(members.clusterId()))
                .addAllMembers(members.list()).build();
        propose(new Command.ClusterBootstrap(cluster)).whenComplete((v, e) -> {
            if (e != null) {
                LOG.warn("could not record the initial members in the log: {}", e.toString());
            }
        });
    }

    /** Publishes this member's name and client URLs (etcd does this once it has started). */
    public CompletableFuture<Void> publish(long id, String name, List<String> clientUrls) {
        return propose(new Command.MemberAttrs(Member.newBuilder().setID(id).setName(name)
                .addAllClientURLs(clientUrls).build()));
    }

    private CompletableFuture<Void> propose(Command c) {
        return consensus.propose(c.encode()).thenApply(result -> {
            if (result instanceof Outcome.Rejected rej) {
                throw rej.error();
            }
            return null;
        });
    }

    /** Checks peer URLs ({@code http://host:port}) and returns the Raft address of the first. */
    private static String checkUrls(List<String> urls) {
        if (urls.isEmpty()) {
            throw new KvException.MemberBadUrls();
        }
        String first = null;
        for (String s : urls) {
            try {
                URI u = new URI(s);
                if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null
                        || u.getPort() <= 0) {
                    throw new KvException.MemberBadUrls();
                }
                if (first == null) {
                    first = u.getHost() + ":" + u.getPort();
                }
            } catch (java.net.URISyntaxException e) {
                throw new KvException.MemberBadUrls();
            }
        }
        return first;
    }

    private interface Parser<T> {
        T parse(byte[] b) throws InvalidProtocolBufferException;
    }

    private static <T> CompletableFuture<T> parse(byte[] b, Parser<T> p) {
        try {
            return CompletableFuture.completedFuture(p.parse(b));
        } catch (InvalidProtocolBufferException e) {
            return CompletableFuture.failedFuture(new KvException.MemberBadUrls());
        }
    }
}
