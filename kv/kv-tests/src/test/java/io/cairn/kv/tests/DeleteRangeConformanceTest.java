package io.cairn.kv.tests;

import static io.cairn.kv.tests.RpcErrors.assertFailsWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.DeleteResponse;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.grpc.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DeleteRange: single keys, ranges and prefixes, previous values, and what a delete does to revisions. */
@BothServers
class DeleteRangeConformanceTest extends ConformanceTest {

    @Test
    void deletingAKeyReportsOneDeletedAndTakesOneRevision() {
        long put = put("a", "1");

        DeleteResponse deleted = await(kv().delete(k("a")));

        assertThat(deleted.getDeleted()).isEqualTo(1);
        assertThat(deleted.getPrevKvs()).isEmpty();
        assertThat(deleted.getHeader().getRevision()).isEqualTo(put + 1);
        assertThat(await(kv().get(k("a"))).getKvs()).isEmpty();
    }

    @Test
    void deletingAMissingKeyDeletesNothingAndKeepsTheRevision() {
        put("a", "1");
        long before = cluster.currentRevision();

        DeleteResponse deleted = await(kv().delete(k("missing")));

        assertThat(deleted.getDeleted()).isZero();
        assertThat(deleted.getHeader().getRevision()).isEqualTo(before);
        assertThat(cluster.currentRevision()).isEqualTo(before);
    }

    @Test
    void deletingAPrefixRemovesEveryKeyUnderItInOneRevision() {
        put("a", "1");
        put("b", "2");
        put("b/c", "3");
        String sibling = prefix().substring(0, prefix().length() - 1) + "0";
        await(kv().put(bytes(sibling), bytes("outside")));
        long before = cluster.currentRevision();

        DeleteResponse deleted = await(kv().delete(bytes(prefix()), DeleteOption.builder().isPrefix(true).build()));

        assertThat(deleted.getDeleted()).isEqualTo(3);
        assertThat(deleted.getHeader().getRevision()).isEqualTo(before + 1);
        assertThat(await(kv().get(bytes(prefix()), GetOption.builder().isPrefix(true).build())).getKvs()).isEmpty();
        assertThat(await(kv().get(bytes(sibling))).getKvs()).hasSize(1);
    }

    @Test
    void deletingARangeLeavesItsEndKey() {
        put("a", "1");
        put("b", "2");
        put("c", "3");

        DeleteResponse deleted = await(kv().delete(k("a"), DeleteOption.builder().withRange(k("c")).build()));

        assertThat(deleted.getDeleted()).isEqualTo(2);
        assertThat(keys(await(kv().get(bytes(prefix()), GetOption.builder().isPrefix(true).build())).getKvs()))
                .containsExactly(key("c"));
    }

    @Test
    void aRangeEndOfZeroByteDeletesFromTheKeyOn() {
        // Keys after this test's prefix belong to tests that already ran; deleting them is harmless.
        put("a", "1");
        put("b", "2");
        put("c", "3");

        DeleteResponse deleted = await(kv().delete(k("b"),
                DeleteOption.builder().withRange(ByteSequence.from(new byte[] {0})).withPrevKV(true).build()));

        assertThat(keys(deleted.getPrevKvs())).contains(key("b"), key("c")).doesNotContain(key("a"));
        assertThat(deleted.getDeleted()).isEqualTo(deleted.getPrevKvs().size());
        assertThat(keys(await(kv().get(bytes(prefix()), GetOption.builder().isPrefix(true).build())).getKvs()))
                .containsExactly(key("a"));
    }

    @Test
    void prevKvReturnsEveryDeletedKeyValueInKeyOrder() {
        long a = put("a", "1");
        long b = put("b", "2");
        long b2 = put("b", "3");

        DeleteResponse deleted = await(kv().delete(bytes(prefix()),
                DeleteOption.builder().isPrefix(true).withPrevKV(true).build()));

        List<KeyValue> prev = deleted.getPrevKvs();
        assertThat(keys(prev)).containsExactly(key("a"), key("b"));
        assertThat(text(prev.get(0).getValue())).isEqualTo("1");
        assertThat(prev.get(0).getModRevision()).isEqualTo(a);
        assertThat(text(prev.get(1).getValue())).isEqualTo("3");
        assertThat(prev.get(1).getCreateRevision()).isEqualTo(b);
        assertThat(prev.get(1).getModRevision()).isEqualTo(b2);
        assertThat(prev.get(1).getVersion()).isEqualTo(2);
    }

    @Test
    void deletedKeysRemainVisibleToHistoricalReads() {
        long put = put("a", "1");
        long deleted = await(kv().delete(k("a"))).getHeader().getRevision();

        assertThat(await(kv().get(k("a"), GetOption.builder().withRevision(put).build())).getKvs()).hasSize(1);
        assertThat(await(kv().get(k("a"), GetOption.builder().withRevision(deleted).build())).getKvs()).isEmpty();
    }

    @Test
    void anEmptyKeyFailsWithKeyIsNotProvided() {
        assertFailsWith(Status.Code.INVALID_ARGUMENT, "etcdserver: key is not provided",
                () -> await(kv().delete(ByteSequence.EMPTY)));
    }

    private long put(String name, String value) {
        return await(kv().put(k(name), bytes(value))).getHeader().getRevision();
    }

    private static List<String> keys(List<KeyValue> kvs) {
        return kvs.stream().map(kv -> text(kv.getKey())).toList();
    }
}
