package io.cairn.kv.server.txn;

import io.cairn.kv.server.mvcc.KeyRange;
import io.cairn.kv.server.mvcc.RangeResult;
import io.etcd.jetcd.api.KeyValue;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RangeResponse;
import io.etcd.jetcd.api.ResponseHeader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * etcd's Range semantics on top of an MVCC read: revision filters, sorting, limit with {@code more}, count,
 * keys-only and count-only.
 *
 * <p>Why: the same rules apply to a Range request and to a range op inside a Txn, and etcd's exact behaviour
 * (e.g. {@code count} ignores the min/max filters; {@code more} is computed from one extra fetched key;
 * a non-key sort target sorts ascending by default) is what clients see.
 */
public final class RangeOp {

    private RangeOp() {
    }

    /** Runs {@code r} against {@code source}; the response header carries only the revision. */
    public static RangeResponse run(RangeSource source, RangeRequest r) {
        long limit = r.getLimit();
        boolean fetchAll = r.getSortOrder() != RangeRequest.SortOrder.NONE
                || r.getMinModRevision() != 0 || r.getMaxModRevision() != 0
                || r.getMinCreateRevision() != 0 || r.getMaxCreateRevision() != 0;
        long fetch = fetchAll ? 0 : (limit > 0 ? limit + 1 : 0);
        RangeResult rr = source.range(KeyRange.of(r.getKey(), r.getRangeEnd()), r.getRevision(), fetch,
                r.getCountOnly());

        List<KeyValue> kvs = new ArrayList<>(rr.kvs());
        if (r.getMaxModRevision() != 0) {
            kvs.removeIf(kv -> kv.getModRevision() > r.getMaxModRevision());
        }
        if (r.getMinModRevision() != 0) {
            kvs.removeIf(kv -> kv.getModRevision() < r.getMinModRevision());
        }
        if (r.getMaxCreateRevision() != 0) {
            kvs.removeIf(kv -> kv.getCreateRevision() > r.getMaxCreateRevision());
        }
        if (r.getMinCreateRevision() != 0) {
            kvs.removeIf(kv -> kv.getCreateRevision() < r.getMinCreateRevision());
        }

        RangeRequest.SortOrder order = r.getSortOrder();
        if (r.getSortTarget() != RangeRequest.SortTarget.KEY && order == RangeRequest.SortOrder.NONE) {
            order = RangeRequest.SortOrder.ASCEND; // the store returns key order; other targets need a sort
        }
        if (order == RangeRequest.SortOrder.ASCEND || order == RangeRequest.SortOrder.DESCEND) {
            Comparator<KeyValue> cmp = comparator(r.getSortTarget());
            // stable, so ties keep key order in both directions (as etcd's sort does on small results)
            kvs.sort(order == RangeRequest.SortOrder.ASCEND ? cmp : cmp.reversed());
        }

        boolean more = false;
        if (limit > 0 && kvs.size() > limit) {
            kvs = kvs.subList(0, (int) limit);
            more = true;
        }
        RangeResponse.Builder resp = RangeResponse.newBuilder()
                .setHeader(ResponseHeader.newBuilder().setRevision(rr.revision()))
                .setCount(rr.count())
                .setMore(more);
        for (KeyValue kv : kvs) {
            resp.addKvs(r.getKeysOnly() ? kv.toBuilder().clearValue().build() : kv);
        }
        return resp.build();
    }

    private static Comparator<KeyValue> comparator(RangeRequest.SortTarget target) {
        return switch (target) {
            case KEY, UNRECOGNIZED -> (a, b) -> unsigned(a.getKey(), b.getKey());
            case VERSION -> Comparator.comparingLong(KeyValue::getVersion);
            case CREATE -> Comparator.comparingLong(KeyValue::getCreateRevision);
            case MOD -> Comparator.comparingLong(KeyValue::getModRevision);
            case VALUE -> (a, b) -> unsigned(a.getValue(), b.getValue());
        };
    }

    private static int unsigned(com.google.protobuf.ByteString a, com.google.protobuf.ByteString b) {
        return com.google.protobuf.ByteString.unsignedLexicographicalComparator().compare(a, b);
    }
}
