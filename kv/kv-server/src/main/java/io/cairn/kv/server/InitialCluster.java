package io.cairn.kv.server;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --initial-cluster} as etcd reads it ({@code name=peerURL,...}; a name may repeat for several URLs),
 * checked against this member's flags.
 *
 * @param members    every member's peer URLs by name, in the flag's order
 * @param selfPeer   this member's Raft address ({@code host:port} of its first advertised peer URL)
 * @param listenPeer where this member's Raft transport binds ({@code host:port})
 * @param joining    {@code --initial-cluster-state=existing}: this member joins a running cluster
 */
record InitialCluster(Map<String, List<URI>> members, String selfPeer, String listenPeer, boolean joining) {

    static InitialCluster of(KvServerConfig c) {
        Map<String, List<URI>> members = new LinkedHashMap<>();
        String spec = c.initialCluster().isBlank()
                ? c.name() + "=" + c.initialAdvertisePeerUrls().getFirst()
                : c.initialCluster();
        for (String part : spec.split(",")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq <= 0 || eq == p.length() - 1) {
                throw new IllegalArgumentException("--initial-cluster: '" + p + "' is not name=peerURL");
            }
            URI u = URI.create(p.substring(eq + 1));
            hostPort(u);
            members.computeIfAbsent(p.substring(0, eq), k -> new ArrayList<>()).add(u);
        }
        if (!members.containsKey(c.name())) {
            throw new IllegalArgumentException("couldn't find local name \"" + c.name()
                    + "\" in the initial cluster configuration");
        }
        List<URI> self = members.get(c.name());
        for (URI u : self) {
            if (!c.initialAdvertisePeerUrls().contains(u)) {
                throw new IllegalArgumentException("--initial-cluster has " + c.name() + "=" + u
                        + " but missing from --initial-advertise-peer-urls=" + c.initialAdvertisePeerUrls());
            }
        }
        for (URI u : c.initialAdvertisePeerUrls()) {
            if (!self.contains(u)) {
                throw new IllegalArgumentException("--initial-advertise-peer-urls has " + u
                        + " but missing from --initial-cluster=" + spec);
            }
        }
        boolean joining = switch (c.initialClusterState()) {
            case "new" -> false;
            case "existing" -> true;
            default -> throw new IllegalArgumentException("--initial-cluster-state: unexpected value \""
                    + c.initialClusterState() + "\" (new or existing)");
        };
        return new InitialCluster(members, hostPort(c.initialAdvertisePeerUrls().getFirst()),
                hostPort(c.listenPeerUrls().getFirst()), joining);
    }

    /** The Raft addresses of every member (the initial voters of a new cluster). */
    List<String> raftAddresses() {
        return members.values().stream().map(urls -> hostPort(urls.getFirst())).toList();
    }

    static String hostPort(URI u) {
        if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
            throw new IllegalArgumentException("unsupported peer URL " + u + " (only http:// and https://)");
        }
        if (u.getHost() == null || u.getPort() <= 0) {
            throw new IllegalArgumentException("peer URL " + u + " needs a host and a port");
        }
        return u.getHost() + ":" + u.getPort();
    }
}
