package io.cairn.kv.server.txn;

import io.cairn.kv.server.errors.KvException;
import io.cairn.kv.server.mvcc.KeyRange;
import io.cairn.kv.server.mvcc.WriteTxn;
import io.etcd.jetcd.api.DeleteRangeRequest;
import io.etcd.jetcd.api.DeleteRangeResponse;
import io.etcd.jetcd.api.KeyValue;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.PutResponse;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.ResponseHeader;
import io.etcd.jetcd.api.ResponseOp;
import io.etcd.jetcd.api.TxnRequest;
import io.etcd.jetcd.api.TxnResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies Put, DeleteRange and Txn inside one {@link WriteTxn}, with etcd's semantics.
 *
 * <p>Why: a Txn decides its whole path (every nested compare) against the state before it writes anything,
 * then checks the ops on that path (ignore flags need an existing key; range revisions must be readable), and
 * only then writes; any failed check fails the whole Txn without consuming a revision.
 */
public final class TxnOp {

    private TxnOp() {
    }

    /** Applies a Put; the header carries the new revision. */
    public static PutResponse put(WriteTxn w, PutRequest p) {
        checkPut(w, p);
        return doPut(w, p);
    }

    private static void checkPut(WriteTxn w, PutRequest p) {
        if ((p.getIgnoreValue() || p.getIgnoreLease()) && w.get(p.getKey()).isEmpty()) {
            throw new KvException.KeyNotFound();
        }
        if (p.getLease() != 0 && !w.leaseExists(p.getLease())) {
            throw new KvException.LeaseNotFound();
        }
    }

    private static PutResponse doPut(WriteTxn w, PutRequest p) {
        if (!p.getPrevKv() && !p.getIgnoreValue() && !p.getIgnoreLease()) {
            w.putWithoutPrevious(p.getKey(), p.getValue(), p.getLease());
            return PutResponse.newBuilder()
                    .setHeader(ResponseHeader.newBuilder().setRevision(w.readRevision())).build();
        }
        Optional<KeyValue> prev = w.get(p.getKey());
        var value = p.getIgnoreValue() ? prev.orElseThrow(KvException.KeyNotFound::new).getValue() : p.getValue();
        long lease = p.getIgnoreLease() ? prev.orElseThrow(KvException.KeyNotFound::new).getLease() : p.getLease();
        w.put(p.getKey(), value, lease, prev);
        PutResponse.Builder resp = PutResponse.newBuilder()
                .setHeader(ResponseHeader.newBuilder().setRevision(w.readRevision()));
        if (p.getPrevKv() && prev.isPresent()) {
            resp.setPrevKv(prev.get());
        }
        return resp.build();
    }

    /** Applies a DeleteRange; the header carries the new revision, or the current one if nothing was deleted. */
    public static DeleteRangeResponse deleteRange(WriteTxn w, DeleteRangeRequest d) {
        WriteTxn.Deleted deleted = w.deleteRange(KeyRange.of(d.getKey(), d.getRangeEnd()), d.getPrevKv());
        return DeleteRangeResponse.newBuilder()
                .setHeader(ResponseHeader.newBuilder().setRevision(w.readRevision()))
                .setDeleted(deleted.count())
                .addAllPrevKvs(deleted.prevKvs())
                .build();
    }

    /** Applies a Txn; the header carries the revision after it. */
    public static TxnResponse txn(WriteTxn w, TxnRequest r) {
        RangeSource view = w::range;
        List<Boolean> path = new ArrayList<>();
        decide(view, r, path);
        boolean write = !isReadOnly(r);
        if (write) {
            check(w, r, path, new int[] {0}, true);
        }
        check(w, r, path, new int[] {0}, false);
        TxnResponse.Builder resp = execute(w, r, path, new int[] {0});
        resp.setHeader(ResponseHeader.newBuilder().setRevision(w.readRevision()));
        return resp.build();
    }

    private static void decide(RangeSource view, TxnRequest r, List<Boolean> path) {
        boolean ok = Compares.all(view, r.getCompareList());
        path.add(ok);
        for (RequestOp op : ok ? r.getSuccessList() : r.getFailureList()) {
            if (op.getRequestCase() == RequestOp.RequestCase.REQUEST_TXN) {
                decide(view, op.getRequestTxn(), path);
            }
        }
    }

    private static void check(WriteTxn w, TxnRequest r, List<Boolean> path, int[] at, boolean puts) {
        boolean ok = path.get(at[0]++);
        for (RequestOp op : ok ? r.getSuccessList() : r.getFailureList()) {
            switch (op.getRequestCase()) {
                case REQUEST_TXN -> check(w, op.getRequestTxn(), path, at, puts);
                case REQUEST_PUT -> {
                    if (puts) {
                        checkPut(w, op.getRequestPut());
                    }
                }
                case REQUEST_RANGE -> {
                    if (!puts) {
                        checkRange(w, op.getRequestRange());
                    }
                }
                default -> { }
            }
        }
    }

    private static void checkRange(WriteTxn w, RangeRequest r) {
        long rev = r.getRevision();
        if (rev == 0) {
            return;
        }
        if (rev > w.readRevision()) {
            throw new KvException.FutureRevision();
        }
        if (rev < w.compactRevision()) {
            throw new KvException.Compacted();
        }
    }

    private static TxnResponse.Builder execute(WriteTxn w, TxnRequest r, List<Boolean> path, int[] at) {
        boolean ok = path.get(at[0]++);
        TxnResponse.Builder resp = TxnResponse.newBuilder().setSucceeded(ok);
        for (RequestOp op : ok ? r.getSuccessList() : r.getFailureList()) {
            ResponseOp.Builder out = ResponseOp.newBuilder();
            switch (op.getRequestCase()) {
                case REQUEST_RANGE -> out.setResponseRange(RangeOp.run(w::range, op.getRequestRange()));
                case REQUEST_PUT -> out.setResponsePut(doPut(w, op.getRequestPut()));
                case REQUEST_DELETE_RANGE -> out.setResponseDeleteRange(deleteRange(w, op.getRequestDeleteRange()));
                case REQUEST_TXN -> out.setResponseTxn(execute(w, op.getRequestTxn(), path, at)
                        .setHeader(ResponseHeader.getDefaultInstance()));
                case REQUEST_NOT_SET -> { }
            }
            resp.addResponses(out);
        }
        return resp;
    }

    /** True when every top-level op is a serializable range (etcd's rule for skipping the read barrier). */
    public static boolean isSerializable(TxnRequest r) {
        for (RequestOp op : r.getSuccessList()) {
            if (!op.hasRequestRange() || !op.getRequestRange().getSerializable()) {
                return false;
            }
        }
        for (RequestOp op : r.getFailureList()) {
            if (!op.hasRequestRange() || !op.getRequestRange().getSerializable()) {
                return false;
            }
        }
        return true;
    }

    /** True when some op, on any path, is a put (the writes etcd's quota guards). */
    public static boolean hasPut(TxnRequest r) {
        return hasPut(r.getSuccessList()) || hasPut(r.getFailureList());
    }

    private static boolean hasPut(List<RequestOp> ops) {
        for (RequestOp op : ops) {
            if (op.hasRequestPut() || op.hasRequestTxn() && hasPut(op.getRequestTxn())) {
                return true;
            }
        }
        return false;
    }

    /** True when no op, on any path, writes. */
    public static boolean isReadOnly(TxnRequest r) {
        return readOnly(r.getSuccessList()) && readOnly(r.getFailureList());
    }

    private static boolean readOnly(List<RequestOp> ops) {
        for (RequestOp op : ops) {
            switch (op.getRequestCase()) {
                case REQUEST_PUT, REQUEST_DELETE_RANGE -> {
                    return false;
                }
                case REQUEST_TXN -> {
                    if (!isReadOnly(op.getRequestTxn())) {
                        return false;
                    }
                }
                default -> { }
            }
        }
        return true;
    }
}
