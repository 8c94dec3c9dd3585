package io.cairn.kv.tests.linearizability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.kv.tests.linearizability.Compare.Relation;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** etcd's revision and txn rules as the checker's sequential model applies them. */
class KvModelTest {

    private KvState state = KvState.initial(1);

    private Response apply(Request request) {
        KvModel.Step step = KvModel.apply(state, request);
        state = step.next();
        return step.response();
    }

    @Test
    void aPutOnAFreshStoreCreatesRevisionTwoAndVersionOne() {
        state = KvState.initial(1);
        assertThat(apply(Request.put("a", "1"))).isEqualTo(Response.put(2));
        assertThat(apply(Request.get("a"))).isEqualTo(Response.get(2, KeyValue.of("1", 2, 2, 1)));
    }

    @Test
    void aSecondPutKeepsTheCreateRevisionAndBumpsTheVersion() {
        state = KvState.initial(1);
        apply(Request.put("a", "1"));
        apply(Request.put("b", "1"));
        assertThat(apply(Request.putWithPrevKv("a", "2")))
                .isEqualTo(Response.put(4, Optional.of(KeyValue.of("1", 2, 2, 1))));
        assertThat(apply(Request.get("a"))).isEqualTo(Response.get(4, KeyValue.of("2", 2, 4, 2)));
    }

    @Test
    void readsAndDeletesOfMissingKeysLeaveTheRevisionAlone() {
        state = KvState.initial(7);
        assertThat(apply(Request.get("a"))).isEqualTo(Response.absent(7));
        assertThat(apply(Request.delete("a"))).isEqualTo(Response.delete(7, 0));
        apply(Request.put("a", "1"));
        assertThat(apply(Request.delete("a"))).isEqualTo(Response.delete(9, 1));
        assertThat(apply(Request.get("a"))).isEqualTo(Response.absent(9));
    }

    @Test
    void aTxnThatWritesTwoKeysCreatesOneRevisionAndItsReadsSeeItsWrites() {
        state = KvState.initial(1);
        Response response = apply(Request.txn(List.of(),
                List.of(Request.put("a", "1"), Request.put("b", "1"), Request.get("a")), List.of()));
        assertThat(response).isEqualTo(Response.txn(2, true,
                List.of(Result.put(), Result.put(), Result.get(KeyValue.of("1", 2, 2, 1)))));
        assertThat(apply(Request.get("b"))).isEqualTo(Response.get(2, KeyValue.of("1", 2, 2, 1)));
    }

    @Test
    void aTxnWhoseBranchWritesNothingLeavesTheRevisionAlone() {
        state = KvState.initial(1);
        Response response = apply(Request.txn(List.of(Compare.version("a", Relation.EQUAL, 0)),
                List.of(Request.delete("a"), Request.get("a")), List.of(Request.put("a", "x"))));
        assertThat(response).isEqualTo(Response.txn(1, true, List.of(Result.delete(0), Result.absent())));
    }

    @Test
    void aValueCompareOnAMissingKeyFailsWhateverTheRelation() {
        state = KvState.initial(1);
        Response response = apply(Request.txn(List.of(Compare.value("a", Relation.NOT_EQUAL, "x")),
                List.of(Request.put("a", "then")), List.of(Request.put("a", "else"))));
        assertThat(response).isEqualTo(Response.txn(2, false, List.of(Result.put())));
        assertThat(apply(Request.get("a"))).isEqualTo(Response.get(2, KeyValue.of("else", 2, 2, 1)));
    }

    @Test
    void numericComparesOnAMissingKeySeeZeroAndValuesCompareAsUnsignedBytes() {
        state = KvState.initial(1);
        assertThat(apply(Request.txn(List.of(Compare.modRevision("a", Relation.LESS, 1)), List.of(), List.of())))
                .isEqualTo(Response.txn(1, true, List.of()));
        apply(Request.put(new byte[] {'a'}, new byte[] {(byte) 0xFF}));
        assertThat(apply(Request.txn(List.of(Compare.value("a", Relation.GREATER, "z")), List.of(), List.of())))
                .isEqualTo(Response.txn(2, true, List.of()));
    }

    @Test
    void aBranchThatWritesOneKeyTwiceIsRejectedAsEtcdDoes() {
        assertThatThrownBy(() -> Request.txn(List.of(), List.of(Request.put("a", "1"), Request.delete("a")),
                List.of())).hasMessageContaining("duplicate key");
    }
}
