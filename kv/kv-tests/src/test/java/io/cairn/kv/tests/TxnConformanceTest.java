package io.cairn.kv.tests;

import static io.cairn.kv.tests.Requests.bs;
import static io.cairn.kv.tests.Requests.create;
import static io.cairn.kv.tests.Requests.delete;
import static io.cairn.kv.tests.Requests.deleteRange;
import static io.cairn.kv.tests.Requests.get;
import static io.cairn.kv.tests.Requests.leaseCompare;
import static io.cairn.kv.tests.Requests.mod;
import static io.cairn.kv.tests.Requests.overRange;
import static io.cairn.kv.tests.Requests.put;
import static io.cairn.kv.tests.Requests.txn;
import static io.cairn.kv.tests.Requests.value;
import static io.cairn.kv.tests.Requests.version;
import static io.cairn.kv.tests.RpcErrors.assertFailsWith;
import static io.etcd.jetcd.api.Compare.CompareResult.EQUAL;
import static io.etcd.jetcd.api.Compare.CompareResult.GREATER;
import static io.etcd.jetcd.api.Compare.CompareResult.LESS;
import static io.etcd.jetcd.api.Compare.CompareResult.NOT_EQUAL;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.Compare;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.TxnRequest;
import io.etcd.jetcd.api.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Txn: every compare target and result, compares over ranges, both branches, nesting, one revision per txn, and the
 * request checks (duplicate keys, too many operations).
 */
@BothServers
class TxnConformanceTest extends ConformanceTest {

    /** The state of key {@code k} the compare table runs against: created at C, modified at M = C + 1. */
    private record Written(String key, long create, long mod) {
    }

    /** Writes {@code k} twice ("v1", then "v2"): version 2, no lease. */
    private Written writeKeyTwice() {
        long create = await(kv().put(k("k"), bytes("v1"))).getHeader().getRevision();
        long mod = await(kv().put(k("k"), bytes("v2"))).getHeader().getRevision();
        return new Written(key("k"), create, mod);
    }

    /** One row of the compare table: the compare (built from the written key) and whether it holds. */
    private record CompareCase(String name, Function<Written, Compare> compare, boolean holds) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static CompareCase row(String name, Function<Written, Compare> compare, boolean holds) {
        return new CompareCase(name, compare, holds);
    }

    static Stream<Arguments> compareTable() {
        return Stream.of(
                row("version = 2", w -> version(w.key, EQUAL, 2), true),
                row("version = 1", w -> version(w.key, EQUAL, 1), false),
                row("version > 1", w -> version(w.key, GREATER, 1), true),
                row("version > 2", w -> version(w.key, GREATER, 2), false),
                row("version < 3", w -> version(w.key, LESS, 3), true),
                row("version < 2", w -> version(w.key, LESS, 2), false),
                row("version != 1", w -> version(w.key, NOT_EQUAL, 1), true),
                row("version != 2", w -> version(w.key, NOT_EQUAL, 2), false),
                row("create = C", w -> create(w.key, EQUAL, w.create), true),
                row("create = M", w -> create(w.key, EQUAL, w.mod), false),
                row("create > C-1", w -> create(w.key, GREATER, w.create - 1), true),
                row("create > C", w -> create(w.key, GREATER, w.create), false),
                row("create < M", w -> create(w.key, LESS, w.mod), true),
                row("create < C", w -> create(w.key, LESS, w.create), false),
                row("create != M", w -> create(w.key, NOT_EQUAL, w.mod), true),
                row("create != C", w -> create(w.key, NOT_EQUAL, w.create), false),
                row("mod = M", w -> mod(w.key, EQUAL, w.mod), true),
                row("mod = C", w -> mod(w.key, EQUAL, w.create), false),
                row("mod > C", w -> mod(w.key, GREATER, w.create), true),
                row("mod > M", w -> mod(w.key, GREATER, w.mod), false),
                row("mod < M+1", w -> mod(w.key, LESS, w.mod + 1), true),
                row("mod < M", w -> mod(w.key, LESS, w.mod), false),
                row("mod != C", w -> mod(w.key, NOT_EQUAL, w.create), true),
                row("mod != M", w -> mod(w.key, NOT_EQUAL, w.mod), false),
                row("value = v2", w -> value(w.key, EQUAL, "v2"), true),
                row("value = v1", w -> value(w.key, EQUAL, "v1"), false),
                row("value > v1", w -> value(w.key, GREATER, "v1"), true),
                row("value > v2", w -> value(w.key, GREATER, "v2"), false),
                row("value > v", w -> value(w.key, GREATER, "v"), true),
                row("value < v3", w -> value(w.key, LESS, "v3"), true),
                row("value < v2", w -> value(w.key, LESS, "v2"), false),
                row("value < v20", w -> value(w.key, LESS, "v20"), true),
                row("value != v1", w -> value(w.key, NOT_EQUAL, "v1"), true),
                row("value != v2", w -> value(w.key, NOT_EQUAL, "v2"), false),
                row("lease = 0", w -> leaseCompare(w.key, EQUAL, 0), true),
                row("lease = 1", w -> leaseCompare(w.key, EQUAL, 1), false),
                row("lease > 0", w -> leaseCompare(w.key, GREATER, 0), false),
                row("lease < 1", w -> leaseCompare(w.key, LESS, 1), true),
                row("lease != 0", w -> leaseCompare(w.key, NOT_EQUAL, 0), false),
                row("lease != 1", w -> leaseCompare(w.key, NOT_EQUAL, 1), true))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compareTable")
    void eachCompareTargetAndResultChoosesTheBranch(CompareCase row) {
        Written written = writeKeyTwice();

        TxnResponse response = raw().txn(txn(List.of(row.compare.apply(written)),
                List.of(put(key("branch"), "success")), List.of(put(key("branch"), "failure"))));

        assertThat(response.getSucceeded()).as(row.name).isEqualTo(row.holds);
        assertThat(valueOf(key("branch"))).isEqualTo(row.holds ? "success" : "failure");
    }

    static Stream<Arguments> missingKeyTable() {
        return Stream.of(
                Arguments.of("version = 0", version("m", EQUAL, 0), true),
                Arguments.of("create = 0", create("m", EQUAL, 0), true),
                Arguments.of("mod = 0", mod("m", EQUAL, 0), true),
                Arguments.of("lease = 0", leaseCompare("m", EQUAL, 0), true),
                Arguments.of("version > 0", version("m", GREATER, 0), false),
                Arguments.of("value = \"\"", value("m", EQUAL, ""), false),
                Arguments.of("value != \"x\"", value("m", NOT_EQUAL, "x"), false),
                Arguments.of("value < \"x\"", value("m", LESS, "x"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("missingKeyTable")
    void aMissingKeyComparesAsZeroButEveryValueCompareFails(String name, Compare template, boolean holds) {
        Compare compare = template.toBuilder().setKey(bs(key("missing"))).build();

        TxnResponse response = raw().txn(txn(List.of(compare), List.of(), List.of()));

        assertThat(response.getSucceeded()).as(name).isEqualTo(holds);
    }

    @Test
    void aCompareWithARangeEndMustHoldForEveryKeyInTheRange() {
        await(kv().put(k("a"), bytes("1")));
        await(kv().put(k("b"), bytes("1")));
        await(kv().put(k("b"), bytes("2")));
        String a = key("a");
        String end = key("c");

        assertThat(succeeds(overRange(version(a, GREATER, 0), end))).isTrue();
        assertThat(succeeds(overRange(version(a, EQUAL, 1), end))).as("b has version 2").isFalse();
        assertThat(succeeds(overRange(value(a, NOT_EQUAL, "3"), end))).isTrue();
        assertThat(succeeds(overRange(value(a, EQUAL, "1"), end))).as("b holds 2").isFalse();
        assertThat(succeeds(overRange(version(key("x"), EQUAL, 0), key("y")))).as("an empty range compares as zero")
                .isTrue();
        assertThat(succeeds(overRange(value(key("x"), EQUAL, ""), key("y"))))
                .as("a value compare over an empty range fails").isFalse();
    }

    @Test
    void aRangeCompareWithRangeEndZeroByteCoversEveryKeyFromTheKeyOn() {
        await(kv().put(k("a"), bytes("1")));
        Compare fromKey = version(key("a"), GREATER, 0).toBuilder()
                .setRangeEnd(ByteString.copyFrom(new byte[] {0}))
                .build();

        assertThat(succeeds(fromKey)).isTrue();
    }

    @Test
    void theSuccessBranchRunsOnlyWhenEveryCompareHolds() {
        await(kv().put(k("a"), bytes("1")));
        await(kv().put(k("b"), bytes("2")));

        io.etcd.jetcd.kv.TxnResponse allHold = await(kv().txn()
                .If(new Cmp(k("a"), Cmp.Op.EQUAL, CmpTarget.value(bytes("1"))),
                        new Cmp(k("b"), Cmp.Op.EQUAL, CmpTarget.value(bytes("2"))))
                .Then(Op.put(k("then"), bytes("yes"), PutOption.DEFAULT), Op.get(k("a"), GetOption.DEFAULT))
                .Else(Op.put(k("else"), bytes("yes"), PutOption.DEFAULT))
                .commit());
        io.etcd.jetcd.kv.TxnResponse oneFails = await(kv().txn()
                .If(new Cmp(k("a"), Cmp.Op.EQUAL, CmpTarget.value(bytes("1"))),
                        new Cmp(k("b"), Cmp.Op.EQUAL, CmpTarget.value(bytes("nope"))))
                .Then(Op.put(k("then2"), bytes("yes"), PutOption.DEFAULT))
                .Else(Op.get(k("b"), GetOption.DEFAULT), Op.delete(k("a"), io.etcd.jetcd.options.DeleteOption.DEFAULT))
                .commit());

        assertThat(allHold.isSucceeded()).isTrue();
        assertThat(allHold.getPutResponses()).hasSize(1);
        assertThat(text(allHold.getGetResponses().get(0).getKvs().get(0).getValue())).isEqualTo("1");
        assertThat(valueOf(key("then"))).isEqualTo("yes");
        assertThat(valueOf(key("else"))).isNull();
        assertThat(oneFails.isSucceeded()).isFalse();
        assertThat(text(oneFails.getGetResponses().get(0).getKvs().get(0).getValue())).isEqualTo("2");
        assertThat(oneFails.getDeleteResponses().get(0).getDeleted()).isEqualTo(1);
        assertThat(valueOf(key("then2"))).isNull();
    }

    @Test
    void aTxnWithoutComparesRunsTheSuccessBranch() {
        TxnResponse response = raw().txn(txn(List.of(), List.of(put(key("a"), "1")), List.of(put(key("b"), "1"))));

        assertThat(response.getSucceeded()).isTrue();
        assertThat(valueOf(key("a"))).isEqualTo("1");
        assertThat(valueOf(key("b"))).isNull();
    }

    @Test
    void aTxnTakesOneRevisionHoweverManyKeysItWrites() {
        await(kv().put(k("old"), bytes("x")));
        long before = cluster.currentRevision();

        TxnResponse response = raw().txn(txn(List.of(),
                List.of(put(key("a"), "1"), put(key("b"), "1"), delete(key("old")), put(key("c"), "1")), List.of()));

        long revision = response.getHeader().getRevision();
        assertThat(revision).isEqualTo(before + 1);
        assertThat(modRevisionOf(key("a"))).isEqualTo(revision);
        assertThat(modRevisionOf(key("b"))).isEqualTo(revision);
        assertThat(modRevisionOf(key("c"))).isEqualTo(revision);
        assertThat(response.getResponses(0).getResponsePut().getHeader().getRevision())
                .as("inner response headers carry the txn's revision").isEqualTo(revision);
        assertThat(response.getResponses(2).getResponseDeleteRange().getDeleted()).isEqualTo(1);
    }

    @Test
    void aTxnThatWritesNothingDoesNotAdvanceTheRevision() {
        await(kv().put(k("a"), bytes("1")));
        long before = cluster.currentRevision();

        TxnResponse readOnly = raw().txn(txn(List.of(value(key("a"), EQUAL, "1")), List.of(get(key("a"))),
                List.of(put(key("a"), "2"))));
        TxnResponse emptyBranch = raw().txn(txn(List.of(value(key("a"), EQUAL, "nope")), List.of(put(key("a"), "2")),
                List.of()));
        TxnResponse deletesNothing = raw().txn(txn(List.of(), List.of(delete(key("missing"))), List.of()));

        assertThat(readOnly.getHeader().getRevision()).isEqualTo(before);
        assertThat(emptyBranch.getSucceeded()).isFalse();
        assertThat(emptyBranch.getHeader().getRevision()).isEqualTo(before);
        assertThat(deletesNothing.getHeader().getRevision()).isEqualTo(before);
        assertThat(cluster.currentRevision()).isEqualTo(before);
    }

    @Test
    void readsInsideATxnSeeTheTxnsEarlierWrites() {
        await(kv().put(k("a"), bytes("old")));
        await(kv().put(k("b"), bytes("doomed")));

        TxnResponse response = raw().txn(txn(List.of(),
                List.of(get(key("a")), put(key("a"), "new"), get(key("a")), delete(key("b")), get(key("b"))),
                List.of()));

        long revision = response.getHeader().getRevision();
        assertThat(response.getResponses(0).getResponseRange().getKvs(0).getValue().toStringUtf8()).isEqualTo("old");
        io.etcd.jetcd.api.KeyValue afterPut = response.getResponses(2).getResponseRange().getKvs(0);
        assertThat(afterPut.getValue().toStringUtf8()).isEqualTo("new");
        assertThat(afterPut.getModRevision()).isEqualTo(revision);
        assertThat(afterPut.getVersion()).isEqualTo(2);
        assertThat(response.getResponses(4).getResponseRange().getKvsCount()).isZero();
    }

    @Test
    void aNestedTxnRunsTheBranchItsOwnComparesChoose() {
        await(kv().put(k("a"), bytes("1")));
        TxnRequest inner = txn(List.of(value(key("a"), EQUAL, "nope")), List.of(put(key("inner-then"), "x")),
                List.of(put(key("inner-else"), "x"), get(key("a"))));
        TxnRequest middle = txn(List.of(), List.of(Requests.txn(inner), put(key("middle"), "x")), List.of());

        TxnResponse response = raw().txn(txn(List.of(value(key("a"), EQUAL, "1")),
                List.of(put(key("outer"), "x"), Requests.txn(middle)), List.of()));

        long revision = response.getHeader().getRevision();
        assertThat(response.getSucceeded()).isTrue();
        TxnResponse middleResponse = response.getResponses(1).getResponseTxn();
        assertThat(middleResponse.getSucceeded()).isTrue();
        TxnResponse innerResponse = middleResponse.getResponses(0).getResponseTxn();
        assertThat(innerResponse.getSucceeded()).isFalse();
        assertThat(innerResponse.getResponses(1).getResponseRange().getKvs(0).getValue().toStringUtf8()).isEqualTo("1");
        assertThat(valueOf(key("inner-then"))).isNull();
        assertThat(modRevisionOf(key("inner-else"))).isEqualTo(revision);
        assertThat(modRevisionOf(key("middle"))).isEqualTo(revision);
        assertThat(modRevisionOf(key("outer"))).isEqualTo(revision);
    }

    @Test
    void jetcdNestedTxnOpsReachTheServer() {
        io.etcd.jetcd.kv.TxnResponse response = await(kv().txn()
                .Then(Op.txn(new Cmp[] {new Cmp(k("none"), Cmp.Op.EQUAL, CmpTarget.version(0))},
                        new Op[] {Op.put(k("nested"), bytes("yes"), PutOption.DEFAULT)}, new Op[] {}))
                .commit());

        assertThat(response.isSucceeded()).isTrue();
        assertThat(response.getTxnResponses()).singleElement()
                .satisfies(nested -> assertThat(nested.isSucceeded()).isTrue());
        assertThat(valueOf(key("nested"))).isEqualTo("yes");
    }

    @Test
    void aLeaseCompareSeesTheLeaseAttachedToTheKey() {
        assumeLeaseService();
        long lease = await(cluster.leases().grant(60)).getID();
        await(kv().put(k("a"), bytes("1"), PutOption.builder().withLeaseId(lease).build()));

        boolean equal = succeeds(leaseCompare(key("a"), EQUAL, lease));
        boolean zero = succeeds(leaseCompare(key("a"), EQUAL, 0));
        boolean greater = succeeds(leaseCompare(key("a"), GREATER, lease - 1));
        await(cluster.leases().revoke(lease));

        assertThat(equal).isTrue();
        assertThat(zero).isFalse();
        assertThat(greater).isTrue();
    }

    static Stream<Arguments> duplicateKeyTxns() {
        return Stream.of(
                Arguments.of("two puts", List.of(put("d/a", "1"), put("d/a", "2"))),
                Arguments.of("put then delete", List.of(put("d/a", "1"), delete("d/a"))),
                Arguments.of("delete then put", List.of(delete("d/a"), put("d/a", "1"))),
                Arguments.of("put inside a deleted range", List.of(deleteRange("d/", "d0"), put("d/a", "1"))),
                Arguments.of("put in a nested txn", List.of(put("d/a", "1"),
                        Requests.txn(txn(List.of(), List.of(put("d/a", "2")), List.of())))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("duplicateKeyTxns")
    void writingAKeyTwiceInOneBranchFailsWithDuplicateKey(String name, List<RequestOp> ops) {
        List<RequestOp> prefixed = ops.stream().map(this::withPrefix).toList();

        assertFailsWith(Status.Code.INVALID_ARGUMENT, "etcdserver: duplicate key given in txn request",
                () -> raw().txn(txn(List.of(), prefixed, List.of())));
    }

    @Test
    void theSameKeyMayBeWrittenInBothBranchesAndReadTwice() {
        TxnResponse response = raw().txn(txn(List.of(), List.of(put(key("a"), "then"), get(key("a")), get(key("a"))),
                List.of(put(key("a"), "else"))));

        assertThat(response.getSucceeded()).isTrue();
        assertThat(valueOf(key("a"))).isEqualTo("then");
    }

    @Test
    void twoDeletesOfTheSameKeyAreNotADuplicate() {
        await(kv().put(k("a"), bytes("1")));

        TxnResponse response = raw().txn(txn(List.of(), List.of(delete(key("a")), delete(key("a"))), List.of()));

        assertThat(response.getResponses(0).getResponseDeleteRange().getDeleted()).isEqualTo(1);
        assertThat(response.getResponses(1).getResponseDeleteRange().getDeleted()).isZero();
    }

    @Test
    void oneHundredTwentyEightOpsAreAccepted() {
        TxnResponse response = raw().txn(txn(List.of(), puts(128), List.of()));

        assertThat(response.getResponsesCount()).isEqualTo(128);
    }

    @Test
    void oneHundredTwentyNineOpsFailWithTooManyOperations() {
        long before = cluster.currentRevision();

        assertFailsWith(Status.Code.INVALID_ARGUMENT, "etcdserver: too many operations in txn request",
                () -> raw().txn(txn(List.of(), puts(129), List.of())));
        assertFailsWith(Status.Code.INVALID_ARGUMENT, "etcdserver: too many operations in txn request",
                () -> raw().txn(txn(List.of(), List.of(), puts(129))));
        assertThat(cluster.currentRevision()).isEqualTo(before);
    }

    @Test
    void theOpLimitAppliesToEachListNotToTheirSum() {
        List<Compare> compares = IntStream.range(0, 128).mapToObj(i -> version(key("c" + i), EQUAL, 0)).toList();
        List<RequestOp> failure = IntStream.range(0, 128).mapToObj(i -> put(key("f" + i), "x")).toList();

        TxnResponse response = raw().txn(txn(compares, puts(128), failure));

        assertThat(response.getSucceeded()).isTrue();
    }

    @Test
    void oneHundredTwentyNineComparesFailWithTooManyOperations() {
        List<Compare> compares = IntStream.range(0, 129).mapToObj(i -> version(key("c" + i), EQUAL, 0)).toList();

        assertFailsWith(Status.Code.INVALID_ARGUMENT, "etcdserver: too many operations in txn request",
                () -> raw().txn(txn(compares, List.of(), List.of())));
    }

    private List<RequestOp> puts(int count) {
        List<RequestOp> ops = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ops.add(put(key("many/" + i), "x"));
        }
        return ops;
    }

    /** Rewrites the keys of an op (and of nested txns) under this test's prefix. */
    private RequestOp withPrefix(RequestOp op) {
        RequestOp.Builder builder = op.toBuilder();
        switch (op.getRequestCase()) {
            case REQUEST_PUT -> builder.getRequestPutBuilder().setKey(prefixed(op.getRequestPut().getKey()));
            case REQUEST_DELETE_RANGE -> {
                var delete = builder.getRequestDeleteRangeBuilder();
                delete.setKey(prefixed(op.getRequestDeleteRange().getKey()));
                if (!op.getRequestDeleteRange().getRangeEnd().isEmpty()) {
                    delete.setRangeEnd(prefixed(op.getRequestDeleteRange().getRangeEnd()));
                }
            }
            case REQUEST_TXN -> {
                TxnRequest nested = op.getRequestTxn();
                builder.setRequestTxn(txn(nested.getCompareList(),
                        nested.getSuccessList().stream().map(this::withPrefix).toList(),
                        nested.getFailureList().stream().map(this::withPrefix).toList()));
            }
            default -> {
            }
        }
        return builder.build();
    }

    private ByteString prefixed(ByteString key) {
        return bs(key(key.toStringUtf8()));
    }

    private boolean succeeds(Compare compare) {
        return raw().txn(txn(List.of(compare), List.of(), List.of())).getSucceeded();
    }

    private String valueOf(String key) {
        var kvs = raw().range(RangeRequest.newBuilder().setKey(bs(key)).build()).getKvsList();
        return kvs.isEmpty() ? null : kvs.get(0).getValue().toStringUtf8();
    }

    private long modRevisionOf(String key) {
        return raw().range(RangeRequest.newBuilder().setKey(bs(key)).build()).getKvs(0).getModRevision();
    }
}
