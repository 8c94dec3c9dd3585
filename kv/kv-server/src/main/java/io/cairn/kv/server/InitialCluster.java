package io.cairn.kv.server;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --initial-cluster} as etcd reads it ({@code name=peerURL,...}), checked against this member's flags.
 *
 * @param selfPeer   this member's advertised peer address ({@code host:port})
 * @param listenPeer where this member's Raft transport binds ({@code host:port})
 */
record InitialCluster(String selfPeer, String listenPeer) {

    static InitialCluster of(KvServerConfig c) {
        List<String[]> members = new ArrayList<>();
        String spec = c.initialCluster().isBlank()
                ? c.name() + "=" + c.initialAdvertisePeerUrls().getFirst()
                : c.initialCluster();
        for (String part : spec.split(",")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq <= 0 || eq == p.length() - 1) {
                throw new IllegalArgumentException("--initial-cluster: '" + p + "' is not name=peerURL");
            }
            members.add(new String[] {p.substring(0, eq), p.substring(eq + 1)});
        }
        List<String> names = members.stream().map(m -> m[0]).distinct().toList();
        if (!names.contains(c.name())) {
            throw new IllegalArgumentException("couldn't find local name \"" + c.name()
                    + "\" in the initial cluster configuration");
        }
        if (names.size() > 1) {
            throw new IllegalArgumentException("--initial-cluster names " + names.size() + " members; this version"
                    + " of Cairn runs single-member stores only (clustering is not supported yet)");
        }
        if (!c.initialClusterState().equals("new")) {
            throw new IllegalArgumentException("--initial-cluster-state=existing (joining a cluster) is not"
                    + " supported yet");
        }
        for (String[] m : members) {
            URI u = URI.create(m[1]);
            if (!c.initialAdvertisePeerUrls().contains(u)) {
                throw new IllegalArgumentException("--initial-cluster has " + m[0] + "=" + m[1]
                        + " but missing from --initial-advertise-peer-urls=" + c.initialAdvertisePeerUrls());
            }
        }
        return new InitialCluster(hostPort(c.initialAdvertisePeerUrls().getFirst()),
                hostPort(c.listenPeerUrls().getFirst()));
    }

    private static String hostPort(URI u) {
        if (!"http".equals(u.getScheme())) {
            throw new IllegalArgumentException("unsupported peer URL " + u + " (only http:// for now)");
        }
        if (u.getHost() == null || u.getPort() <= 0) {
            throw new IllegalArgumentException("peer URL " + u + " needs a host and a port");
        }
        return u.getHost() + ":" + u.getPort();
    }
}
