package io.cairn.kv.tests;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.etcd.jetcd.api.Compare;
import io.etcd.jetcd.api.DeleteRangeRequest;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.TxnRequest;
import java.util.List;

/**
 * Builders for raw {@code etcdserverpb} messages, for the requests jetcd's API cannot express.
 *
 * <p>Why: nested txns, compares with a range end, {@code ignore_value}/{@code ignore_lease} and LEASE compares are
 * part of etcd's wire contract, so they are tested on the wire. jetcd 0.8.7's copy of {@code rpc.proto} predates the
 * LEASE compare target ({@code CompareTarget.LEASE = 4}, field {@code lease = 8}); {@link #leaseCompare} writes them
 * as raw protobuf fields, exactly as a client with the current protos would.
 */
final class Requests {

    /** {@code Compare.CompareTarget.LEASE} in etcd's rpc.proto. */
    static final int LEASE_TARGET = 4;
    /** {@code Compare.lease}, a member of the {@code target_union} oneof, in etcd's rpc.proto. */
    static final int LEASE_FIELD = 8;

    private Requests() {
    }

    static ByteString bs(String text) {
        return ByteString.copyFromUtf8(text);
    }

    static RequestOp put(String key, String value) {
        return RequestOp.newBuilder()
                .setRequestPut(PutRequest.newBuilder().setKey(bs(key)).setValue(bs(value)))
                .build();
    }

    static RequestOp get(String key) {
        return RequestOp.newBuilder().setRequestRange(RangeRequest.newBuilder().setKey(bs(key))).build();
    }

    static RequestOp delete(String key) {
        return RequestOp.newBuilder().setRequestDeleteRange(DeleteRangeRequest.newBuilder().setKey(bs(key))).build();
    }

    static RequestOp deleteRange(String key, String rangeEnd) {
        return RequestOp.newBuilder()
                .setRequestDeleteRange(DeleteRangeRequest.newBuilder().setKey(bs(key)).setRangeEnd(bs(rangeEnd)))
                .build();
    }

    static RequestOp txn(TxnRequest txn) {
        return RequestOp.newBuilder().setRequestTxn(txn).build();
    }

    static TxnRequest txn(List<Compare> compares, List<RequestOp> success, List<RequestOp> failure) {
        return TxnRequest.newBuilder().addAllCompare(compares).addAllSuccess(success).addAllFailure(failure).build();
    }

    static Compare.Builder compare(String key, Compare.CompareResult result) {
        return Compare.newBuilder().setKey(bs(key)).setResult(result);
    }

    static Compare version(String key, Compare.CompareResult result, long version) {
        return compare(key, result).setTarget(Compare.CompareTarget.VERSION).setVersion(version).build();
    }

    static Compare create(String key, Compare.CompareResult result, long revision) {
        return compare(key, result).setTarget(Compare.CompareTarget.CREATE).setCreateRevision(revision).build();
    }

    static Compare mod(String key, Compare.CompareResult result, long revision) {
        return compare(key, result).setTarget(Compare.CompareTarget.MOD).setModRevision(revision).build();
    }

    static Compare value(String key, Compare.CompareResult result, String value) {
        return compare(key, result).setTarget(Compare.CompareTarget.VALUE).setValue(bs(value)).build();
    }

    /** {@code lease(key) <result> leaseId}, written with the field numbers of etcd's rpc.proto. */
    static Compare leaseCompare(String key, Compare.CompareResult result, long leaseId) {
        UnknownFieldSet lease = UnknownFieldSet.newBuilder()
                .addField(LEASE_FIELD, UnknownFieldSet.Field.newBuilder().addVarint(leaseId).build())
                .build();
        return compare(key, result).setTargetValue(LEASE_TARGET).setUnknownFields(lease).build();
    }

    /** The same compare, applied to every key in {@code [key, rangeEnd)}. */
    static Compare overRange(Compare compare, String rangeEnd) {
        return compare.toBuilder().setRangeEnd(bs(rangeEnd)).build();
    }
}
