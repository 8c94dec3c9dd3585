package io.cairn.kv.server.txn;

import io.cairn.kv.server.mvcc.KeyRange;
import io.cairn.kv.server.mvcc.RangeResult;

/** Where a range read runs: the live store (a Range request) or a write transaction (a range op in a Txn). */
@FunctionalInterface
public interface RangeSource {
    /** Reads as {@link io.cairn.kv.server.mvcc.MvccStore#range} does. */
    RangeResult range(KeyRange range, long rev, long limit, boolean countOnly);
}
