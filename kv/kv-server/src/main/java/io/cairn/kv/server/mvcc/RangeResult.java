package io.cairn.kv.server.mvcc;

import io.etcd.jetcd.api.KeyValue;
import java.util.List;

/**
 * What a range read found.
 *
 * @param kvs      the live versions, in key order (at most the limit asked for; empty for count-only reads)
 * @param count    how many keys the range holds at the read revision, regardless of the limit
 * @param revision the store's current revision when the read ran (etcd reports this, not the read revision)
 */
public record RangeResult(List<KeyValue> kvs, long count, long revision) {
    public RangeResult {
        kvs = List.copyOf(kvs);
    }
}
