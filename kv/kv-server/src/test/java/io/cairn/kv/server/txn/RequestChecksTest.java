package io.cairn.kv.server.txn;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.cairn.kv.server.errors.KvException;
import io.etcd.jetcd.api.Compare;
import io.etcd.jetcd.api.DeleteRangeRequest;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.TxnRequest;
import org.junit.jupiter.api.Test;

class RequestChecksTest {

    private static ByteString b(String s) {
        return ByteString.copyFromUtf8(s);
    }

    private static RequestOp put(String k) {
        return RequestOp.newBuilder().setRequestPut(PutRequest.newBuilder().setKey(b(k)).setValue(b("v"))).build();
    }

    private static RequestOp del(String k, String end) {
        return RequestOp.newBuilder().setRequestDeleteRange(
                DeleteRangeRequest.newBuilder().setKey(b(k)).setRangeEnd(b(end))).build();
    }

    private static RequestOp txn(TxnRequest.Builder t) {
        return RequestOp.newBuilder().setRequestTxn(t).build();
    }

    @Test
    void theSameKeyPutTwiceInOneBranchIsADuplicate() {
        TxnRequest r = TxnRequest.newBuilder().addSuccess(put("a")).addSuccess(put("a")).build();
        assertThatThrownBy(() -> RequestChecks.txn(r, 128)).isInstanceOf(KvException.DuplicateKey.class);
    }

    @Test
    void aPutInsideADeletedRangeIsADuplicate() {
        TxnRequest r = TxnRequest.newBuilder().addSuccess(del("a", "c")).addSuccess(put("b")).build();
        assertThatThrownBy(() -> RequestChecks.txn(r, 128)).isInstanceOf(KvException.DuplicateKey.class);
    }

    @Test
    void theSameKeyInTheSuccessAndFailureBranchesIsAllowed() {
        TxnRequest r = TxnRequest.newBuilder().addSuccess(put("a")).addFailure(put("a")).build();
        assertThatCode(() -> RequestChecks.txn(r, 128)).doesNotThrowAnyException();
    }

    @Test
    void bothBranchesOfANestedTxnMayPutTheSameKey() {
        TxnRequest r = TxnRequest.newBuilder()
                .addSuccess(txn(TxnRequest.newBuilder().addSuccess(put("a")).addFailure(put("a")))).build();
        assertThatCode(() -> RequestChecks.txn(r, 128)).doesNotThrowAnyException();
    }

    @Test
    void aNestedPutOfAKeyPutOutsideIsADuplicate() {
        TxnRequest r = TxnRequest.newBuilder().addSuccess(put("a"))
                .addSuccess(txn(TxnRequest.newBuilder().addSuccess(put("a")))).build();
        assertThatThrownBy(() -> RequestChecks.txn(r, 128)).isInstanceOf(KvException.DuplicateKey.class);
    }

    @Test
    void aNestedDeleteCoveringAnOuterPutIsADuplicate() {
        TxnRequest r = TxnRequest.newBuilder().addSuccess(put("b"))
                .addSuccess(txn(TxnRequest.newBuilder().addFailure(del("a", "c")))).build();
        assertThatThrownBy(() -> RequestChecks.txn(r, 128)).isInstanceOf(KvException.DuplicateKey.class);
    }

    @Test
    void moreOperationsThanTheLimitAreRejected() {
        TxnRequest.Builder r = TxnRequest.newBuilder();
        for (int i = 0; i < 129; i++) {
            r.addSuccess(put("k" + i));
        }
        assertThatThrownBy(() -> RequestChecks.txn(r.build(), 128)).isInstanceOf(KvException.TooManyOps.class);
        TxnRequest exactly = TxnRequest.newBuilder(r.build()).removeSuccess(128).build();
        assertThatCode(() -> RequestChecks.txn(exactly, 128)).doesNotThrowAnyException();
    }

    @Test
    void aCompareWithoutAKeyIsAnEmptyKeyError() {
        TxnRequest r = TxnRequest.newBuilder().addCompare(Compare.newBuilder()
                .setTarget(Compare.CompareTarget.VERSION).setResult(Compare.CompareResult.EQUAL)).build();
        assertThatThrownBy(() -> RequestChecks.txn(r, 128)).isInstanceOf(KvException.EmptyKey.class);
    }

    @Test
    void ignoreValueWithAValueAndIgnoreLeaseWithALeaseAreRejected() {
        assertThatThrownBy(() -> RequestChecks.put(PutRequest.newBuilder().setKey(b("k")).setValue(b("v"))
                .setIgnoreValue(true).build())).isInstanceOf(KvException.ValueProvided.class);
        assertThatThrownBy(() -> RequestChecks.put(PutRequest.newBuilder().setKey(b("k")).setLease(5)
                .setIgnoreLease(true).build())).isInstanceOf(KvException.LeaseProvided.class);
    }
}
