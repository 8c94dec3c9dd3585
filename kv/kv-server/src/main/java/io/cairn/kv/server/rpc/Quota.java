package io.cairn.kv.server.rpc;

import io.cairn.kv.server.backend.Backend;
import io.cairn.kv.server.errors.KvException;
import io.cairn.kv.server.maintenance.Alarms;
import java.util.function.LongSupplier;

/**
 * etcd's backend quota at the API layer ({@code --quota-backend-bytes}, 2 GiB by default).
 *
 * <p>A request that would add data (a Put, a Txn that puts, a lease grant) is refused with
 * {@code etcdserver: mvcc: database space exceeded} while the NOSPACE alarm is raised; when the store's size
 * plus the request's would pass the quota, the alarm is raised (through the log, for the whole cluster) and the
 * request refused. Reads and deletes keep working so that space can be reclaimed. The size is sampled at most
 * once a second, since measuring it walks the store's files; between samples every admitted request's cost is
 * added to the estimate, so a burst of writes cannot run past the quota for up to a second before the next
 * sample notices (an overestimate, corrected by the next sample, and measured again before an alarm is raised).
 */
final class Quota {
    private static final long SAMPLE_NANOS = 1_000_000_000L;

    private final Backend backend;
    private final long quotaBytes;
    private final LongSupplier nanoClock;
    private final Alarms alarms;
    private final Runnable raiseNoSpace;
    private volatile long sampledAt;
    /** The last measured size plus the costs admitted since. */
    private final java.util.concurrent.atomic.AtomicLong size = new java.util.concurrent.atomic.AtomicLong();

    Quota(Backend backend, long quotaBytes, LongSupplier nanoClock, Alarms alarms, Runnable raiseNoSpace) {
        this.backend = backend;
        this.quotaBytes = quotaBytes;
        this.nanoClock = nanoClock;
        this.alarms = alarms;
        this.raiseNoSpace = raiseNoSpace;
        this.sampledAt = nanoClock.getAsLong();
        this.size.set(backend.sizeBytes());
    }

    /** Throws {@link KvException.NoSpace} if a write of {@code cost} bytes may not be taken. */
    void check(long cost) {
        if (alarms.noSpace()) {
            throw new KvException.NoSpace();
        }
        long now = nanoClock.getAsLong();
        if (now - sampledAt > SAMPLE_NANOS) {
            sampledAt = now;
            size.set(backend.sizeBytes());
        }
        if (size.get() + cost > quotaBytes) {
            // measure again before raising the alarm: the estimate may predate a compaction or defragmentation, or
            // count overwrites the store has already folded
            sampledAt = now;
            size.set(backend.sizeBytes());
            if (size.get() + cost > quotaBytes) {
                raiseNoSpace.run();
                throw new KvException.NoSpace();
            }
        }
        size.addAndGet(cost);
    }
}
