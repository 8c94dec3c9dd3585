package io.cairn.kv.server.txn;

import com.google.protobuf.ByteString;
import io.cairn.kv.server.errors.KvException;
import io.etcd.jetcd.api.Compare;
import io.etcd.jetcd.api.DeleteRangeRequest;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.TxnRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The checks etcd makes on a request before it is proposed: keys present, ignore flags consistent, not too
 * many operations in a txn, no key written twice in one txn.
 *
 * <p>Why: a request that fails these never reaches the Raft log, and the errors must be etcd's.
 */
public final class RequestChecks {

    private static final Comparator<ByteString> BYTES = ByteString.unsignedLexicographicalComparator();

    private RequestChecks() {
    }

    /** Checks a Range request. */
    public static void range(RangeRequest r) {
        if (r.getKey().isEmpty()) {
            throw new KvException.EmptyKey();
        }
    }

    /** Checks a Put request. */
    public static void put(PutRequest r) {
        if (r.getKey().isEmpty()) {
            throw new KvException.EmptyKey();
        }
        if (r.getIgnoreValue() && !r.getValue().isEmpty()) {
            throw new KvException.ValueProvided();
        }
        if (r.getIgnoreLease() && r.getLease() != 0) {
            throw new KvException.LeaseProvided();
        }
    }

    /** Checks a DeleteRange request. */
    public static void deleteRange(DeleteRangeRequest r) {
        if (r.getKey().isEmpty()) {
            throw new KvException.EmptyKey();
        }
    }

    /** Checks a Txn request (recursively) and its duplicate-key rule. */
    public static void txn(TxnRequest r, int maxTxnOps) {
        txnOps(r, maxTxnOps);
        intervals(r.getSuccessList());
        intervals(r.getFailureList());
    }

    private static void txnOps(TxnRequest r, int maxTxnOps) {
        int opc = Math.max(r.getCompareCount(), Math.max(r.getSuccessCount(), r.getFailureCount()));
        if (opc > maxTxnOps) {
            throw new KvException.TooManyOps();
        }
        for (Compare c : r.getCompareList()) {
            if (c.getKey().isEmpty()) {
                throw new KvException.EmptyKey();
            }
        }
        for (RequestOp op : r.getSuccessList()) {
            op(op, maxTxnOps);
        }
        for (RequestOp op : r.getFailureList()) {
            op(op, maxTxnOps);
        }
    }

    private static void op(RequestOp op, int maxTxnOps) {
        switch (op.getRequestCase()) {
            case REQUEST_RANGE -> range(op.getRequestRange());
            case REQUEST_PUT -> put(op.getRequestPut());
            case REQUEST_DELETE_RANGE -> deleteRange(op.getRequestDeleteRange());
            case REQUEST_TXN -> txnOps(op.getRequestTxn(), maxTxnOps);
            case REQUEST_NOT_SET -> { }
        }
    }

    /** A delete's key interval: a point when the range end is empty, else [key, end) (possibly empty). */
    private record Interval(ByteString begin, ByteString end, boolean point) {
        boolean contains(ByteString k) {
            if (point) {
                return k.equals(begin);
            }
            return BYTES.compare(begin, k) <= 0 && BYTES.compare(k, end) < 0;
        }
    }

    private record Writes(Set<ByteString> puts, List<Interval> deletes) {
        boolean deleted(ByteString k) {
            for (Interval iv : deletes) {
                if (iv.contains(k)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * etcd's rule: within one list of ops (and the txns nested in it), a key may be put once and may not be
     * both put and deleted; the two branches of a nested txn are exclusive, so each may put the same key.
     */
    private static Writes intervals(List<RequestOp> ops) {
        List<Interval> dels = new ArrayList<>();
        for (RequestOp op : ops) {
            if (op.getRequestCase() == RequestOp.RequestCase.REQUEST_DELETE_RANGE) {
                DeleteRangeRequest d = op.getRequestDeleteRange();
                dels.add(d.getRangeEnd().isEmpty()
                        ? new Interval(d.getKey(), ByteString.EMPTY, true)
                        : new Interval(d.getKey(), d.getRangeEnd(), false));
            }
        }
        Writes level = new Writes(new HashSet<>(), dels);
        for (RequestOp op : ops) {
            if (op.getRequestCase() != RequestOp.RequestCase.REQUEST_TXN) {
                continue;
            }
            Writes then = intervals(op.getRequestTxn().getSuccessList());
            Writes otherwise = intervals(op.getRequestTxn().getFailureList());
            for (ByteString k : then.puts()) {
                if (level.puts().contains(k) || level.deleted(k)) {
                    throw new KvException.DuplicateKey();
                }
                level.puts().add(k);
            }
            for (ByteString k : otherwise.puts()) {
                if (level.puts().contains(k) && !then.puts().contains(k)) {
                    throw new KvException.DuplicateKey();
                }
                if (level.deleted(k)) {
                    throw new KvException.DuplicateKey();
                }
                level.puts().add(k);
            }
            dels.addAll(then.deletes());
            dels.addAll(otherwise.deletes());
        }
        for (RequestOp op : ops) {
            if (op.getRequestCase() != RequestOp.RequestCase.REQUEST_PUT) {
                continue;
            }
            ByteString k = op.getRequestPut().getKey();
            if (level.puts().contains(k) || level.deleted(k)) {
                throw new KvException.DuplicateKey();
            }
            level.puts().add(k);
        }
        return level;
    }
}
