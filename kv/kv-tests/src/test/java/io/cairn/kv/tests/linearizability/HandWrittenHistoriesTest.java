package io.cairn.kv.tests.linearizability;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.kv.tests.linearizability.Compare.Relation;
import io.cairn.kv.tests.linearizability.Report.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Small histories whose verdict is known by hand: each names the anomaly the checker must see, or must not. */
class HandWrittenHistoriesTest {

    private static Report check(HistoryBuilder history) {
        return LinearizabilityChecker.create(Budget.steps(100_000)).verify(history.build());
    }

    private static void assertLinearizable(HistoryBuilder history) {
        Report report = check(history);
        assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.LINEARIZABLE);
    }

    private static Report assertNotLinearizable(HistoryBuilder history) {
        Report report = check(history);
        assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        return report;
    }

    @Test
    void anEmptyHistoryIsLinearizable() {
        assertLinearizable(HistoryBuilder.fresh());
    }

    @Test
    void aReadOfTheLatestCompletedWriteIsLinearizable() {
        assertLinearizable(HistoryBuilder.fresh()
                .ok(1, 0, 1, Request.put("k", "a"), Response.put(2))
                .ok(1, 2, 3, Request.put("k", "b"), Response.put(3))
                .ok(2, 4, 5, Request.get("k"), Response.get(3, KeyValue.of("b", 2, 3, 2))));
    }

    @Test
    void aStaleReadAfterACompletedWriteIsCaughtAndExplained() {
        Report report = assertNotLinearizable(HistoryBuilder.fresh()
                .ok(1, 0, 1, Request.put("k", "a"), Response.put(2))
                .ok(1, 2, 3, Request.put("k", "b"), Response.put(3))
                .ok(2, 4, 5, Request.get("k"), Response.get(2, KeyValue.of("a", 2, 2, 1))));
        assertThat(report.longestPrefix()).extracting(Operation::id).containsExactly(0);
        assertThat(report.unplaced()).first().satisfies(u -> {
            assertThat(u.operation().id()).isEqualTo(1);
            assertThat(u.why()).contains("revision 3", "#2 get(k)", "rev 2 a@2/2/v1");
        });
        assertThat(report.toString()).contains("could not place next", "#1 client 1 put(k, b)");
    }

    @Test
    void aReadOfAValueNeverWrittenIsExplainedByTheWriteOfItsRevision() {
        Report report = assertNotLinearizable(HistoryBuilder.fresh()
                .ok(1, 0, 1, Request.put("k", "a"), Response.put(2))
                .ok(2, 2, 3, Request.get("k"), Response.get(2, KeyValue.of("z", 2, 2, 1))));
        assertThat(report.longestPrefix()).isEmpty();
        assertThat(report.unplaced()).first().satisfies(u -> {
            assertThat(u.operation().id()).isZero();
            assertThat(u.why()).isEqualTo(
                    "fits here, but revision 2 would leave k = a@2/2/v1, but it was read as z@2/2/v1");
        });
    }

    @Test
    void aResponseTheModelCannotGiveIsExplainedByTheResponseItWouldGive() {
        Report report = assertNotLinearizable(HistoryBuilder.fresh()
                .ok(1, 0, 1, Request.put("k", "a"), Response.put(2))
                .ok(2, 2, 3, Request.delete("k"), Response.delete(3, 0)));
        assertThat(report.unplaced()).first().satisfies(u -> {
            assertThat(u.operation().id()).isEqualTo(1);
            assertThat(u.why()).isEqualTo("here the model would answer rev 3 deleted 1");
        });
    }

    @Test
    void aStaleValueIsCaughtEvenWhenTheReadReportsTheCurrentRevision() {
        assertNotLinearizable(HistoryBuilder.fresh()
                .ok(1, 0, 1, Request.put("k", "a"), Response.put(2))
                .ok(1, 2, 3, Request.put("k", "b"), Response.put(3))
                .ok(2, 4, 5, Request.get("k"), Response.get(3, KeyValue.of("a", 2, 2, 1))));
    }

    @Test
    void aLostAcknowledgedWriteIsCaught() {
        assertNotLinearizable(HistoryBuilder.fresh()
                .ok(1, 0, 1, Request.put("k", "a"), Response.put(2))
                .ok(2, 2, 3, Request.get("k"), Response.absent(1)));
    }

    @Test
    void aLostAcknowledgedWriteIsCaughtThroughTheRevisionsOfLaterWrites() {
        assertNotLinearizable(HistoryBuilder.fresh()
                .ok(1, 0, 1, Request.put("k", "a"), Response.put(2))
                .ok(2, 2, 3, Request.put("j", "b"), Response.put(3))
                .ok(3, 4, 5, Request.get("j"), Response.get(2, KeyValue.of("b", 2, 2, 1))));
    }

    @Test
    void aRevisionUsedTwiceIsCaughtEvenForConcurrentWritesToDifferentKeys() {
        assertNotLinearizable(HistoryBuilder.fresh()
                .ok(1, 0, 10, Request.put("k", "a"), Response.put(2))
                .ok(2, 1, 9, Request.put("j", "b"), Response.put(2)));
    }

    @Test
    void aTxnWhoseCompareSucceededOnAValueThatWasNeverCurrentIsCaught() {
        Request.Txn casFromZ = Request.txn(List.of(Compare.value("k", Relation.EQUAL, "z")),
                List.of(Request.put("k", "c")), List.of(Request.get("k")));
        assertNotLinearizable(HistoryBuilder.fresh()
                .ok(1, 0, 1, Request.put("k", "a"), Response.put(2))
                .ok(2, 2, 3, casFromZ, Response.txn(3, true, List.of(Result.put()))));
        assertLinearizable(HistoryBuilder.fresh()
                .ok(1, 0, 1, Request.put("k", "a"), Response.put(2))
                .ok(2, 2, 3, casFromZ, Response.txn(2, false, List.of(Result.get(KeyValue.of("a", 2, 2, 1))))));
    }

    @Test
    void aModRevisionCompareMustSeeTheRevisionThatWasCurrent() {
        Request.Txn casFromRevision2 = Request.txn(List.of(Compare.modRevision("k", Relation.EQUAL, 2)),
                List.of(Request.put("k", "c")), List.of());
        assertLinearizable(HistoryBuilder.fresh()
                .ok(1, 0, 1, Request.put("k", "a"), Response.put(2))
                .ok(2, 2, 3, casFromRevision2, Response.txn(3, true, List.of(Result.put()))));
        assertNotLinearizable(HistoryBuilder.fresh()
                .ok(1, 0, 1, Request.put("k", "a"), Response.put(2))
                .ok(1, 2, 3, Request.put("k", "b"), Response.put(3))
                .ok(2, 4, 5, casFromRevision2, Response.txn(4, true, List.of(Result.put()))));
    }

    @Test
    void concurrentWritesMayTakeEffectInEitherOrder() {
        HistoryBuilder aThenB = HistoryBuilder.fresh()
                .ok(1, 0, 10, Request.put("k", "a"), Response.put(2))
                .ok(2, 1, 9, Request.put("k", "b"), Response.put(3))
                .ok(3, 11, 12, Request.get("k"), Response.get(3, KeyValue.of("b", 2, 3, 2)));
        HistoryBuilder bThenA = HistoryBuilder.fresh()
                .ok(1, 0, 10, Request.put("k", "a"), Response.put(3))
                .ok(2, 1, 9, Request.put("k", "b"), Response.put(2))
                .ok(3, 11, 12, Request.get("k"), Response.get(3, KeyValue.of("a", 2, 3, 2)));
        assertLinearizable(aThenB);
        assertLinearizable(bThenA);
    }

    @Test
    void writesThatDoNotOverlapMustTakeEffectInRealTimeOrder() {
        assertNotLinearizable(HistoryBuilder.fresh()
                .ok(1, 0, 1, Request.put("k", "a"), Response.put(3))
                .ok(2, 2, 3, Request.put("k", "b"), Response.put(2)));
    }

    @Test
    void aReadMayNotSeeAWriteInvokedAfterItCompleted() {
        assertNotLinearizable(HistoryBuilder.fresh()
                .ok(2, 0, 1, Request.get("k"), Response.get(2, KeyValue.of("a", 2, 2, 1)))
                .ok(1, 2, 3, Request.put("k", "a"), Response.put(2)));
    }

    @Test
    void anUnknownWriteMayHaveTakenEffect() {
        assertLinearizable(HistoryBuilder.fresh()
                .unknown(1, 0, Request.put("k", "a"))
                .ok(2, 5, 6, Request.get("k"), Response.get(2, KeyValue.of("a", 2, 2, 1))));
    }

    @Test
    void anUnknownWriteMayNeverHaveTakenEffect() {
        assertLinearizable(HistoryBuilder.fresh()
                .unknown(1, 0, Request.put("k", "a"))
                .ok(2, 5, 6, Request.put("k", "b"), Response.put(2))
                .ok(2, 7, 8, Request.get("k"), Response.get(2, KeyValue.of("b", 2, 2, 1))));
    }

    @Test
    void anUnknownWriteMayTakeEffectLongAfterItsClientGaveUp() {
        assertLinearizable(HistoryBuilder.fresh()
                .unknown(1, 0, Request.put("k", "a"))
                .ok(2, 5, 6, Request.get("k"), Response.absent(1))
                .ok(2, 7, 8, Request.get("k"), Response.get(2, KeyValue.of("a", 2, 2, 1))));
    }

    @Test
    void anUnknownWriteThatWasSeenCannotBeUndone() {
        assertNotLinearizable(HistoryBuilder.fresh()
                .unknown(1, 0, Request.put("k", "a"))
                .ok(2, 5, 6, Request.get("k"), Response.get(2, KeyValue.of("a", 2, 2, 1)))
                .ok(2, 7, 8, Request.get("k"), Response.absent(1)));
    }

    @Test
    void anUnknownWriteCannotTakeEffectBeforeItsInvocation() {
        assertNotLinearizable(HistoryBuilder.fresh()
                .ok(2, 0, 1, Request.get("k"), Response.get(2, KeyValue.of("a", 2, 2, 1)))
                .unknown(1, 5, Request.put("k", "a")));
    }

    @Test
    void aFailedWriteMustNotHaveTakenEffect() {
        assertLinearizable(HistoryBuilder.fresh()
                .failed(1, 0, 1, Request.put("k", "a"))
                .ok(2, 5, 6, Request.get("k"), Response.absent(1)));
        assertNotLinearizable(HistoryBuilder.fresh()
                .failed(1, 0, 1, Request.put("k", "a"))
                .ok(2, 5, 6, Request.get("k"), Response.get(2, KeyValue.of("a", 2, 2, 1))));
    }

    @Test
    void unknownReadsConstrainNothing() {
        assertLinearizable(HistoryBuilder.fresh()
                .unknown(1, 0, Request.get("k"))
                .ok(2, 5, 6, Request.put("k", "b"), Response.put(2)));
    }

    @Test
    void aDeleteMustReportWhetherTheKeyExisted() {
        assertLinearizable(HistoryBuilder.fresh()
                .ok(1, 0, 1, Request.put("k", "a"), Response.put(2))
                .ok(1, 2, 3, Request.delete("k"), Response.delete(3, 1))
                .ok(1, 4, 5, Request.delete("k"), Response.delete(3, 0)));
        assertNotLinearizable(HistoryBuilder.fresh()
                .ok(1, 0, 1, Request.delete("k"), Response.delete(2, 1)));
    }

    @Test
    void operationsCompletingWhenOthersAreInvokedAreTreatedAsConcurrent() {
        assertLinearizable(HistoryBuilder.fresh()
                .ok(1, 0, 5, Request.put("k", "a"), Response.put(3))
                .ok(2, 5, 6, Request.put("k", "b"), Response.put(2)));
    }
}
