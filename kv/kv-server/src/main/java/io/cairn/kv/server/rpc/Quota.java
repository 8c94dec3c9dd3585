package io.cairn.kv.server.rpc;

import io.cairn.kv.server.backend.Backend;
import io.cairn.kv.server.errors.KvException;
import java.util.function.LongSupplier;

/**
 * etcd's backend quota at the API layer ({@code --quota-backend-bytes}, 2 GiB by default): a request that
 * would add data (a Put, or a Txn that puts) is refused with {@code etcdserver: mvcc: database space exceeded}
 * once the store's size plus the request's would pass the quota; reads and deletes still work, so space can be
 * reclaimed. The size is sampled at most once a second, since measuring it walks the store's files.
 */
final class Quota {
    private static final long SAMPLE_NANOS = 1_000_000_000L;

    private final Backend backend;
    private final long quotaBytes;
    private final LongSupplier nanoClock;
    private volatile long sampledAt;
    private volatile long size;

    Quota(Backend backend, long quotaBytes, LongSupplier nanoClock) {
        this.backend = backend;
        this.quotaBytes = quotaBytes;
        this.nanoClock = nanoClock;
        this.sampledAt = nanoClock.getAsLong();
        this.size = backend.sizeBytes();
    }

    /** Throws {@link KvException.NoSpace} if a write of {@code cost} bytes would pass the quota. */
    void check(long cost) {
        long now = nanoClock.getAsLong();
        if (now - sampledAt > SAMPLE_NANOS) {
            sampledAt = now;
            size = backend.sizeBytes();
        }
        if (size + cost > quotaBytes) {
            throw new KvException.NoSpace();
        }
    }
}
