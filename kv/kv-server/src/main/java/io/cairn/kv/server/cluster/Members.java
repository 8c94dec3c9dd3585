package io.cairn.kv.server.cluster;

import io.cairn.kv.server.backend.Backend;
import io.cairn.kv.server.backend.Batch;
import io.cairn.kv.server.backend.Cursor;
import io.cairn.kv.server.backend.Table;
import io.cairn.kv.server.mvcc.WriteTxn;
import io.cairn.kv.server.schema.Schema;
import io.etcd.jetcd.api.Member;
import io.etcd.jetcd.api.MemberListResponse;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

/**
 * The cluster's members as the log has them: ids, names, peer and client URLs, learner flags; and the cluster id.
 *
 * <p>Why: every member must list the same members (etcd's {@code member list} on any member), so the table is
 * state machine state, changed only by applied entries and stored with the keyspace (meta keys), where
 * snapshots carry it to new members. The Raft configuration (who votes) is the consensus engine's; this table
 * is what clients see.
 */
public final class Members {
    private final Map<Long, Member> byId = new ConcurrentHashMap<>();
    private volatile long clusterId;
    private volatile LongConsumer removedListener = id -> { };

    /** Loads the table stored in {@code backend}. */
    public Members(Backend backend) {
        reload(backend);
    }

    /** Reads the table again (after a snapshot was installed). */
    public void reload(Backend backend) {
        byId.clear();
        byte[] prefix = Schema.META_MEMBER_PREFIX;
        try (Cursor c = backend.cursor(Table.META)) {
            for (c.seek(prefix); c.valid(); c.next()) {
                byte[] k = c.key();
                if (k.length != prefix.length + 8 || !Arrays.equals(k, 0, prefix.length, prefix, 0, prefix.length)) {
                    break;
                }
                try {
                    Member m = Member.parseFrom(c.value());
                    byId.put(m.getID(), m);
                } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                    throw new IllegalStateException("corrupt member record in the store", e);
                }
            }
        }
        clusterId = backend.get(Table.META, Schema.META_CLUSTER_ID).map(Schema::longValue).orElse(0L);
    }

    /** Called (on the apply thread) with the id of every member removed by an applied entry. */
    public void onRemoved(LongConsumer listener) {
        this.removedListener = listener;
    }

    /** Every member, by id. */
    public List<Member> list() {
        List<Member> out = new ArrayList<>(byId.values());
        out.sort((a, b) -> Long.compareUnsigned(a.getID(), b.getID())); // etcd lists by unsigned id
        return out;
    }

    public Optional<Member> byId(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The member advertising {@code peerUrl}. */
    public Optional<Member> byPeerUrl(String peerUrl) {
        return byId.values().stream().filter(m -> m.getPeerURLsList().contains(peerUrl)).findFirst();
    }

    /** The member whose Raft address ({@code host:port} of its first peer URL) is {@code hostPort}. */
    public Optional<Member> byRaftAddress(String hostPort) {
        return byId.values().stream().filter(m -> raftAddress(m).equals(hostPort)).findFirst();
    }

    /** The cluster id (0 until known). */
    public long clusterId() {
        return clusterId;
    }

    /** Where a member's Raft transport listens: the host and port of its first peer URL. */
    public static String raftAddress(Member m) {
        if (m.getPeerURLsCount() == 0) {
            return "";
        }
        URI u = URI.create(m.getPeerURLs(0));
        return u.getHost() + ":" + u.getPort();
    }

    // ---- first start of a new cluster (before the log exists) --------------------------------------------------

    /** Writes the initial members and the cluster id on a member's first start (every member does the same). */
    public void bootstrapLocally(Backend backend, long cluster, List<Member> members) {
        try (Batch b = backend.batch()) {
            b.put(Table.META, Schema.META_CLUSTER_ID, Schema.longValue(cluster));
            for (Member m : members) {
                b.put(Table.META, key(m.getID()), m.toByteArray());
            }
            b.commit();
        }
        backend.flush();
        reload(backend);
    }

    /** True once the cluster's bootstrap entry has been applied from the log. */
    public static boolean inLog(Backend backend) {
        return backend.get(Table.META, Schema.META_MEMBERS_IN_LOG).isPresent();
    }

    // ---- applied entries (apply thread) -------------------------------------------------------------------------

    /** The first leader's entry: cluster id and initial members; applied once. */
    public void applyBootstrap(WriteTxn w, MemberListResponse cluster) {
        if (w.hasMeta(Schema.META_MEMBERS_IN_LOG)) {
            return;
        }
        long cid = cluster.getHeader().getClusterId();
        w.putMeta(Schema.META_CLUSTER_ID, Schema.longValue(cid));
        clusterId = cid;
        for (Member m : cluster.getMembersList()) {
            Member existing = byId.get(m.getID());
            store(w, existing == null ? m : merge(existing, m));
        }
        w.putMeta(Schema.META_MEMBERS_IN_LOG, new byte[] {1});
    }

    /** A member added or replaced; an empty name or empty client URLs keep what the table had. */
    public void applySet(WriteTxn w, Member m) {
        Member existing = byId.get(m.getID());
        store(w, existing == null ? m : merge(existing, m));
    }

    /** A member's name and client URLs; ignored for a member not (or no longer) in the table. */
    public void applyAttrs(WriteTxn w, Member attrs) {
        Member existing = byId.get(attrs.getID());
        if (existing == null) {
            return;
        }
        store(w, existing.toBuilder().setName(attrs.getName()).clearClientURLs()
                .addAllClientURLs(attrs.getClientURLsList()).build());
    }

    public void applyRemove(WriteTxn w, long id) {
        if (byId.remove(id) != null) {
            w.deleteMeta(key(id));
            removedListener.accept(id);
        }
    }

    private static Member merge(Member existing, Member m) {
        Member.Builder b = m.toBuilder();
        if (m.getName().isEmpty()) {
            b.setName(existing.getName());
        }
        if (m.getClientURLsCount() == 0) {
            b.addAllClientURLs(existing.getClientURLsList());
        }
        return b.build();
    }

    private void store(WriteTxn w, Member m) {
        w.putMeta(key(m.getID()), m.toByteArray());
        byId.put(m.getID(), m);
    }

    private static byte[] key(long id) {
        byte[] prefix = Schema.META_MEMBER_PREFIX;
        return ByteBuffer.allocate(prefix.length + 8).put(prefix).putLong(id).array();
    }
}
