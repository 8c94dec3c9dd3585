package io.cairn.kv.server.lease;

import io.cairn.kv.server.backend.Backend;
import io.cairn.kv.server.backend.Cursor;
import io.cairn.kv.server.backend.Table;
import io.cairn.kv.server.errors.KvException;
import io.cairn.kv.server.mvcc.KeyRange;
import io.cairn.kv.server.mvcc.MvccStore;
import io.cairn.kv.server.mvcc.WriteTxn;
import io.cairn.kv.server.schema.Schema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The leases of one store (etcd's lessor).
 *
 * <p>Which leases exist, their granted TTLs, their checkpointed remaining TTLs and the keys attached to them
 * are replicated state: they change only when a Grant, Revoke or Checkpoint entry is applied, in the same
 * atomic write as the entry. When a lease expires is local to the leader: it renews leases on keep-alive
 * (in memory, no log entry) and proposes a Revoke when one runs out; a new leader (or a restarted member)
 * gives each lease its checkpointed remaining TTL, or its full TTL if it was never checkpointed.
 */
public final class Lessor {

    /** etcd's maximum TTL (9,000,000,000 s). */
    public static final long MAX_TTL = 9_000_000_000L;

    private final MvccStore store;
    private final LongSupplier nanoClock;
    private final long minTtl;
    private final Map<Long, LeaseState> leases = new ConcurrentHashMap<>();

    /**
     * @param minTtl    etcd's minimum TTL: ceil(1.5 × election timeout), in seconds
     * @param nanoClock monotonic time, for expiry
     */
    public Lessor(MvccStore store, Backend backend, Duration minTtl, LongSupplier nanoClock) {
        this.store = store;
        this.nanoClock = nanoClock;
        this.minTtl = Math.max(1, (minTtl.toMillis() + 999) / 1000);
        load(backend);
        store.leases(leases::containsKey, () -> !leases.isEmpty());
    }

    /** Forgets every lease and loads them again from {@code backend} (after a snapshot was installed). */
    public void reload(Backend backend) {
        leases.clear();
        load(backend);
    }

    private void load(Backend backend) {
        try (Cursor c = backend.cursor(Table.LEASE)) {
            for (c.seekToFirst(); c.valid(); c.next()) {
                long id = Schema.longValue(c.key());
                byte[] v = c.value();
                LeaseState l = new LeaseState(id, Schema.leaseTtl(v));
                l.checkpointed = Schema.leaseRemaining(v);
                leases.put(id, l);
            }
        }
        long now = nanoClock.getAsLong();
        for (LeaseState l : leases.values()) {
            l.renewFrom(now, l.checkpointed > 0 ? l.checkpointed : l.ttl);
        }
    }

    /** The minimum TTL granted, in seconds. */
    public long minTtl() {
        return minTtl;
    }

    /** True when the lease exists. */
    public boolean exists(long id) {
        return leases.containsKey(id);
    }

    // ---- applied through the log (apply thread) -------------------------------------------------------------

    /**
     * Applies a Grant.
     *
     * @return the TTL granted (at least the minimum)
     * @throws KvException.LeaseExists if the id is taken
     */
    public long grant(WriteTxn w, long id, long ttl) {
        if (ttl > MAX_TTL) {
            throw new KvException.LeaseTtlTooLarge();
        }
        if (leases.containsKey(id)) {
            throw new KvException.LeaseExists();
        }
        long granted = Math.max(ttl, minTtl);
        w.putLease(id, granted, -1);
        LeaseState l = new LeaseState(id, granted);
        l.renewFrom(nanoClock.getAsLong(), granted);
        leases.put(id, l);
        return granted;
    }

    /**
     * Applies a Revoke: deletes every attached key (in this transaction, so at one revision) and the lease.
     *
     * @throws KvException.LeaseNotFound if the lease does not exist
     */
    public void revoke(WriteTxn w, long id) {
        if (!leases.containsKey(id)) {
            throw new KvException.LeaseNotFound();
        }
        for (var key : store.leaseKeys(id)) {
            w.deleteRange(KeyRange.single(key), false);
        }
        w.deleteLease(id);
        leases.remove(id);
    }

    /** Applies a Checkpoint: records the remaining TTLs so they survive restarts and leader changes. */
    public void checkpoint(WriteTxn w, List<Checkpoint> checkpoints) {
        for (Checkpoint c : checkpoints) {
            LeaseState l = leases.get(c.id());
            if (l != null) {
                w.putLease(c.id(), l.ttl, c.remainingTtl());
                l.checkpointed = c.remainingTtl();
            }
        }
    }

    /** A lease's remaining TTL as recorded by a checkpoint. */
    public record Checkpoint(long id, long remainingTtl) {
    }

    // ---- leader-local ------------------------------------------------------------------------------------------

    /**
     * Renews a lease (keep-alive).
     *
     * @return the granted TTL, or empty if the lease does not exist
     */
    public Optional<Long> renew(long id) {
        LeaseState l = leases.get(id);
        if (l == null) {
            return Optional.empty();
        }
        l.renewFrom(nanoClock.getAsLong(), l.ttl);
        return Optional.of(l.ttl);
    }

    /** A lease's granted TTL and remaining seconds, if it exists. */
    public Optional<LeaseInfo> info(long id) {
        LeaseState l = leases.get(id);
        if (l == null) {
            return Optional.empty();
        }
        long remainingNanos = Math.max(0, l.expiresAt - nanoClock.getAsLong());
        return Optional.of(new LeaseInfo(id, l.ttl, remainingNanos / 1_000_000_000L));
    }

    /** What TimeToLive reports. */
    public record LeaseInfo(long id, long grantedTtl, long remainingTtl) {
    }

    /** Every lease id. */
    public List<Long> ids() {
        return new ArrayList<>(leases.keySet());
    }

    /** Leases whose time is up, not yet being revoked; each is marked as being revoked. */
    public List<Long> takeExpired() {
        long now = nanoClock.getAsLong();
        List<Long> out = new ArrayList<>();
        for (LeaseState l : leases.values()) {
            if (!l.revoking && now - l.expiresAt >= 0) {
                l.revoking = true;
                out.add(l.id);
            }
        }
        return out;
    }

    /** A proposed revoke did not go through: the lease may be retried. */
    public void revokeFailed(long id) {
        LeaseState l = leases.get(id);
        if (l != null) {
            l.revoking = false;
        }
    }

    /** Remaining TTLs of leases that changed since their last checkpoint, for a Checkpoint entry. */
    public List<Checkpoint> dueCheckpoints() {
        long now = nanoClock.getAsLong();
        List<Checkpoint> out = new ArrayList<>();
        for (LeaseState l : leases.values()) {
            long remaining = Math.max(1, (l.expiresAt - now + 999_999_999L) / 1_000_000_000L);
            if (!l.revoking && remaining != l.checkpointed) {
                out.add(new Checkpoint(l.id, remaining));
            }
        }
        return out;
    }

    /** Becoming leader (or starting): every lease gets its checkpointed remaining TTL, or its full TTL. */
    public void promote() {
        long now = nanoClock.getAsLong();
        for (LeaseState l : leases.values()) {
            l.renewFrom(now, l.checkpointed > 0 ? l.checkpointed : l.ttl);
            l.revoking = false;
        }
    }

    /** In-memory state of one lease. */
    private static final class LeaseState {
        final long id;
        final long ttl;
        volatile long expiresAt;
        volatile long checkpointed = -1;
        volatile boolean revoking;

        LeaseState(long id, long ttl) {
            this.id = id;
            this.ttl = ttl;
        }

        void renewFrom(long now, long seconds) {
            expiresAt = now + seconds * 1_000_000_000L;
        }
    }
}
