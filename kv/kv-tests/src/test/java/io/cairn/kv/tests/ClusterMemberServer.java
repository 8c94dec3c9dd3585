package io.cairn.kv.tests;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * One member of a fresh three-member Cairn cluster, seen as a {@link ServerProcess}: the scripted etcdctl sessions
 * run against a follower (every write forwarded to the leader, every read served by the follower) or the leader.
 */
final class ClusterMemberServer implements ServerProcess {
    private final boolean follower;
    private CairnCluster cluster;
    private CairnCluster.Member member;

    private ClusterMemberServer(boolean follower) {
        this.follower = follower;
    }

    /** A follower of a new cluster (not started yet). */
    static ClusterMemberServer follower() {
        return new ClusterMemberServer(true);
    }

    /** The leader of a new cluster (not started yet). */
    static ClusterMemberServer leader() {
        return new ClusterMemberServer(false);
    }

    @Override
    public String name() {
        return follower ? "cairn-cluster-follower" : "cairn-cluster-leader";
    }

    @Override
    public void start() {
        cluster = CairnCluster.start(3, List.of());
        member = follower ? cluster.follower() : cluster.leader();
    }

    @Override
    public URI endpoint() {
        return URI.create(member.clientUrl());
    }

    @Override
    public URI peerEndpoint() {
        return URI.create(member.peerUrl());
    }

    @Override
    public void kill() {
        throw new UnsupportedOperationException("a cluster member is killed through CairnCluster");
    }

    @Override
    public void restart() {
        throw new UnsupportedOperationException("a cluster member is restarted through CairnCluster");
    }

    @Override
    public boolean isAlive() {
        return member != null && member.isAlive();
    }

    @Override
    public Path logFile() {
        return member.logFile();
    }

    @Override
    public String logTail(int lines) {
        return cluster == null ? "(not started)" : cluster.report();
    }

    @Override
    public void close() {
        if (cluster != null) {
            cluster.close();
        }
    }
}
