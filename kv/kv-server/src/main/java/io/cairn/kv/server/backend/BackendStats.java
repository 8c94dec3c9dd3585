package io.cairn.kv.server.backend;

/**
 * What the storage engine reports about itself, for monitoring.
 *
 * <p>Why: the engine's own backlog and memory use explain a slow store before its latency does; these are the
 * figures an operator of a RocksDB-based store watches. All are sums over the store's tables.
 *
 * @param pendingCompactionBytes bytes the engine estimates compaction still has to rewrite
 * @param runningCompactions     compactions running now
 * @param runningFlushes         memtable flushes running now
 * @param memtableBytes          bytes held in memtables (written but not yet in table files)
 * @param blockCacheBytes        bytes in the shared block cache
 * @param blockCacheCapacity     the block cache's capacity in bytes
 * @param liveTableFiles         table files in use
 */
public record BackendStats(long pendingCompactionBytes, long runningCompactions, long runningFlushes,
                           long memtableBytes, long blockCacheBytes, long blockCacheCapacity, long liveTableFiles) {
}
