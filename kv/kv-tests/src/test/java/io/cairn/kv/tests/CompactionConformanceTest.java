package io.cairn.kv.tests;

import static io.cairn.kv.tests.Requests.bs;
import static io.cairn.kv.tests.RpcErrors.assertFailsWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.TxnRequest;
import io.etcd.jetcd.kv.CompactResponse;
import io.etcd.jetcd.options.CompactOption;
import io.etcd.jetcd.options.GetOption;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

/**
 * Compaction and the revision bounds of reads: compacted and future revisions, physical compaction, and what
 * survives a compaction. Each test compacts at its own, newer revisions, so the order of tests does not matter.
 */
@BothServers
class CompactionConformanceTest extends ConformanceTest {

    private static final String COMPACTED = "etcdserver: mvcc: required revision has been compacted";
    private static final String FUTURE = "etcdserver: mvcc: required revision is a future revision";

    @Test
    void readingBelowTheCompactedRevisionFailsWithCompacted() {
        long first = put("a", "v1");
        long second = put("a", "v2");
        put("a", "v3");

        await(kv().compact(second));

        assertFailsWith(Status.Code.OUT_OF_RANGE, COMPACTED,
                () -> await(kv().get(k("a"), GetOption.builder().withRevision(first).build())));
        assertThat(valueAt("a", second)).as("the compaction revision itself stays readable").isEqualTo("v2");
        assertThat(text(await(kv().get(k("a"))).getKvs().get(0).getValue())).isEqualTo("v3");
    }

    @Test
    void readingAFutureRevisionFailsWithFutureRevision() {
        long current = put("a", "v1");

        assertFailsWith(Status.Code.OUT_OF_RANGE, FUTURE,
                () -> await(kv().get(k("a"), GetOption.builder().withRevision(current + 1000).build())));
        assertThat(valueAt("a", current)).isEqualTo("v1");
    }

    @Test
    void compactingAtOrBelowThePreviousCompactionFailsWithCompacted() {
        long first = put("a", "v1");
        long second = put("a", "v2");
        await(kv().compact(second));

        assertFailsWith(Status.Code.OUT_OF_RANGE, COMPACTED, () -> await(kv().compact(second)));
        assertFailsWith(Status.Code.OUT_OF_RANGE, COMPACTED, () -> await(kv().compact(first)));
    }

    @Test
    void compactingAFutureRevisionFailsWithFutureRevision() {
        long current = put("a", "v1");

        assertFailsWith(Status.Code.OUT_OF_RANGE, FUTURE, () -> await(kv().compact(current + 1000)));
    }

    @Test
    void aPhysicalCompactionIsDoneWhenItReturns() {
        long first = put("a", "v1");
        long second = put("a", "v2");

        await(kv().compact(second, CompactOption.builder().withCompactPhysical(true).build()));

        assertFailsWith(Status.Code.OUT_OF_RANGE, COMPACTED,
                () -> await(kv().get(k("a"), GetOption.builder().withRevision(first).build())));
        assertThat(valueAt("a", second)).isEqualTo("v2");
    }

    @Test
    void compactionDoesNotAdvanceTheRevision() {
        long latest = put("a", "v1");

        CompactResponse response = await(kv().compact(latest));

        assertThat(response.getHeader().getRevision()).isEqualTo(latest);
        assertThat(cluster.currentRevision()).isEqualTo(latest);
    }

    @Test
    void compactionKeepsTheLatestVersionOfEveryLiveKeyAndDropsDeletedOnes() {
        long untouched = put("untouched", "old");
        put("rewritten", "v1");
        put("rewritten", "v2");
        put("deleted", "x");
        await(kv().delete(k("deleted")));
        long latest = put("marker", "m");

        await(kv().compact(latest));

        assertThat(valueAt("untouched", latest)).isEqualTo("old");
        assertThat(await(kv().get(k("untouched"))).getKvs().get(0).getModRevision()).isEqualTo(untouched);
        assertThat(valueAt("rewritten", latest)).isEqualTo("v2");
        assertThat(await(kv().get(k("rewritten"))).getKvs().get(0).getVersion()).isEqualTo(2);
        assertThat(valueAt("deleted", latest)).isNull();
    }

    @Test
    void aTxnReadingACompactedRevisionFailsAsAWhole() {
        long first = put("a", "v1");
        long second = put("a", "v2");
        await(kv().compact(second));
        long before = cluster.currentRevision();

        RequestOp oldRead = RequestOp.newBuilder()
                .setRequestRange(RangeRequest.newBuilder().setKey(bs(key("a"))).setRevision(first)).build();

        assertFailsWith(Status.Code.OUT_OF_RANGE, COMPACTED, () -> raw().txn(TxnRequest.newBuilder()
                .addSuccess(Requests.put(key("b"), "x")).addSuccess(oldRead).build()));
        assertThat(cluster.currentRevision()).as("the txn's put is not applied").isEqualTo(before);
        assertThat(await(kv().get(k("b"))).getKvs()).isEmpty();
    }

    private long put(String name, String value) {
        return await(kv().put(k(name), bytes(value))).getHeader().getRevision();
    }

    private String valueAt(String name, long revision) {
        var kvs = await(kv().get(k(name), GetOption.builder().withRevision(revision).build())).getKvs();
        return kvs.isEmpty() ? null : text(kvs.get(0).getValue());
    }
}
