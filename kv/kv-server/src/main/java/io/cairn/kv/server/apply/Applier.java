package io.cairn.kv.server.apply;

import io.cairn.kv.server.errors.KvException;
import io.cairn.kv.server.mvcc.MvccStore;
import io.cairn.kv.server.mvcc.WriteTxn;
import io.cairn.kv.server.txn.TxnOp;
import io.etcd.jetcd.api.CompactionResponse;
import io.etcd.jetcd.api.ResponseHeader;
import java.nio.ByteBuffer;

/**
 * The state machine's apply step: runs one committed command against the MVCC store, in one write
 * transaction that also records the entry's Raft index.
 *
 * <p>Why: apply is deterministic and idempotent under replay — an entry at or below the store's consistent
 * index was already applied (its effects were stored with its index) and is skipped.
 */
public final class Applier {

    private final MvccStore store;
    private final io.cairn.kv.server.lease.Lessor lessor;
    private final io.cairn.kv.server.maintenance.Alarms alarms;
    private final io.cairn.kv.server.cluster.Members members;
    private final AuthGate auth;
    private final SlowApplies slow;

    /** An applier that logs no slow applies. */
    public Applier(MvccStore store, io.cairn.kv.server.lease.Lessor lessor,
                   io.cairn.kv.server.maintenance.Alarms alarms, io.cairn.kv.server.cluster.Members members,
                   io.cairn.kv.server.auth.AuthStore authStore) {
        this(store, lessor, alarms, members, authStore, SlowApplies.off());
    }

    /**
     * @param warnAfter entries whose apply takes longer are logged as etcd logs them ({@code apply request took too
     *                  long}); zero for never
     * @param nanoClock times the applies
     */
    public Applier(MvccStore store, io.cairn.kv.server.lease.Lessor lessor,
                   io.cairn.kv.server.maintenance.Alarms alarms, io.cairn.kv.server.cluster.Members members,
                   io.cairn.kv.server.auth.AuthStore authStore, java.time.Duration warnAfter,
                   java.util.function.LongSupplier nanoClock) {
        this(store, lessor, alarms, members, authStore, new SlowApplies(warnAfter, nanoClock));
    }

    private Applier(MvccStore store, io.cairn.kv.server.lease.Lessor lessor,
                    io.cairn.kv.server.maintenance.Alarms alarms, io.cairn.kv.server.cluster.Members members,
                    io.cairn.kv.server.auth.AuthStore authStore, SlowApplies slow) {
        this.store = store;
        this.lessor = lessor;
        this.alarms = alarms;
        this.members = members;
        this.auth = new AuthGate(authStore, store);
        this.slow = slow;
    }

    /** etcd's capped applier: with NOSPACE raised, nothing that adds data is applied. */
    private void checkSpace(Command command) {
        if (!alarms.noSpace()) {
            return;
        }
        boolean addsData = switch (command) {
            case Command.Put p -> true;
            case Command.Txn t -> TxnOp.hasPut(t.request());
            case Command.LeaseGrant g -> true;
            default -> false;
        };
        if (addsData) {
            throw new KvException.NoSpace();
        }
    }

    /** The Raft index of the last applied entry. */
    public long appliedIndex() {
        return store.consistentIndex();
    }

    /**
     * Applies the entry at {@code index}; returns {@code null} when it had already been applied.
     *
     * @throws IllegalStateException if the entry cannot be decoded (a corrupt or newer log)
     */
    public Outcome apply(long index, ByteBuffer data) {
        if (index <= store.consistentIndex()) {
            return null;
        }
        long started = slow.started();
        Command decoded = Command.decode(data);
        io.cairn.kv.server.auth.AuthInfo caller = decoded instanceof Command.AsUser u
                ? new io.cairn.kv.server.auth.AuthInfo(u.user(), u.authRevision()) : null;
        Command command = decoded instanceof Command.AsUser u ? u.inner() : decoded;
        try (WriteTxn w = store.beginWrite(index)) {
            Outcome outcome;
            try {
                auth.authorize(command, caller);
                checkSpace(command);
                outcome = new Outcome.Applied(switch (command) {
                    case Command.AsUser u -> throw new IllegalStateException("nested AsUser at " + index);
                    case Command.AuthChange a -> auth.apply(w, a.request(), index);
                    case Command.Put p -> TxnOp.put(w, p.request());
                    case Command.DeleteRange d -> TxnOp.deleteRange(w, d.request());
                    case Command.Txn t -> TxnOp.txn(w, t.request());
                    case Command.Compact c -> {
                        w.compact(c.request().getRevision());
                        yield CompactionResponse.newBuilder()
                                .setHeader(ResponseHeader.newBuilder().setRevision(w.readRevision())).build();
                    }
                    case Command.LeaseGrant g -> {
                        long ttl = lessor.grant(w, g.request().getID(), g.request().getTTL());
                        yield io.etcd.jetcd.api.LeaseGrantResponse.newBuilder()
                                .setHeader(ResponseHeader.newBuilder().setRevision(w.readRevision()))
                                .setID(g.request().getID()).setTTL(ttl).build();
                    }
                    case Command.LeaseRevoke r -> {
                        lessor.revoke(w, r.request().getID());
                        yield io.etcd.jetcd.api.LeaseRevokeResponse.newBuilder()
                                .setHeader(ResponseHeader.newBuilder().setRevision(w.readRevision())).build();
                    }
                    case Command.Alarm a -> io.etcd.jetcd.api.AlarmResponse.newBuilder()
                            .setHeader(ResponseHeader.newBuilder().setRevision(w.readRevision()))
                            .addAllAlarms(alarms.apply(w, a.request())).build();
                    case Command.LeaseCheckpoint lc -> {
                        lessor.checkpoint(w, lc.checkpoints());
                        yield ResponseHeader.newBuilder().setRevision(w.readRevision()).build();
                    }
                    case Command.MemberSet ms -> {
                        members.applySet(w, ms.member());
                        yield ResponseHeader.newBuilder().setRevision(w.readRevision()).build();
                    }
                    case Command.MemberAttrs ma -> {
                        members.applyAttrs(w, ma.member());
                        yield ResponseHeader.newBuilder().setRevision(w.readRevision()).build();
                    }
                    case Command.MemberRemove mr -> {
                        members.applyRemove(w, mr.request().getID());
                        yield ResponseHeader.newBuilder().setRevision(w.readRevision()).build();
                    }
                    case Command.ClusterBootstrap cb -> {
                        members.applyBootstrap(w, cb.cluster());
                        yield ResponseHeader.newBuilder().setRevision(w.readRevision()).build();
                    }
                });
            } catch (KvException e) {
                outcome = new Outcome.Rejected(e);
            }
            if (outcome instanceof Outcome.Rejected && w.partlyWritten()) {
                throw new IllegalStateException("entry " + index + " was rejected after part of it was written");
            }
            if (outcome instanceof Outcome.Rejected) {
                // nothing of a rejected command is kept; only its index is recorded
                try (WriteTxn empty = store.beginWrite(index)) {
                    empty.end();
                }
            } else {
                w.end();
            }
            slow.finished(started, decoded, outcome);
            return outcome;
        }
    }
}
