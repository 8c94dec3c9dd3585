package io.cairn.kv.server.consensus;

import java.nio.file.Path;
import java.time.Duration;
import io.cairn.kv.server.tls.TlsMaterial;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run this member's Raft node.
 *
 * @param groupId           the Raft group (one per cluster)
 * @param self              this member's advertised peer address ({@code host:port})
 * @param listen            where the Raft transport binds ({@code host:port})
 * @param initialPeers      the voters when the group is bootstrapped (ignored once the log exists)
 * @param dir               where the log, the Raft meta and the snapshots live
 * @param electionTimeout   the election timeout
 * @param snapshotEvery     entries applied between automatic snapshots (etcd's {@code --snapshot-count})
 * @param startTimeout      how long {@link Consensus#start()} waits for a leader
 * @param tls               TLS for the peer link ({@code https://} peer URLs); empty for plain text
 */
public record RaftSettings(String groupId, String self, String listen, List<String> initialPeers, Path dir,
                           Duration electionTimeout, long snapshotEvery, Duration startTimeout,
                           Optional<TlsMaterial> tls) {
    public RaftSettings {
        initialPeers = List.copyOf(initialPeers);
        Objects.requireNonNull(tls, "tls");
    }

    /** Settings for a plain-text peer link. */
    public RaftSettings(String groupId, String self, String listen, List<String> initialPeers, Path dir,
                        Duration electionTimeout, long snapshotEvery, Duration startTimeout) {
        this(groupId, self, listen, initialPeers, dir, electionTimeout, snapshotEvery, startTimeout, Optional.empty());
    }
}
