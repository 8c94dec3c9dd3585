package io.cairn.kv.tests;

import static io.cairn.kv.tests.RpcErrors.assertFailsWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Response;
import io.etcd.jetcd.kv.PutResponse;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The revision model: where a fresh store starts, which requests advance the revision, versions and generations of a
 * key, tombstones, and the response header.
 */
@BothServers
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RevisionModelConformanceTest extends ConformanceTest {

    @Test
    @Order(1)
    void aFreshStoreIsAtRevisionOneAndItsFirstPutCreatesRevisionTwo() {
        assertThat(cluster.currentRevision()).isEqualTo(1);

        PutResponse put = await(kv().put(k("first"), bytes("bar")));
        KeyValue kv = await(kv().get(k("first"))).getKvs().get(0);

        assertThat(put.getHeader().getRevision()).isEqualTo(2);
        assertThat(kv.getCreateRevision()).isEqualTo(2);
        assertThat(kv.getModRevision()).isEqualTo(2);
        assertThat(kv.getVersion()).isEqualTo(1);
    }

    @Test
    void everyResponseHeaderNamesTheClusterTheMemberAndTheTerm() {
        Response.Header header = await(kv().get(k("any"))).getHeader();

        assertThat(header.getClusterId()).isNotZero();
        assertThat(header.getMemberId()).isNotZero();
        assertThat(header.getRaftTerm()).isPositive();
    }

    @Test
    void readsDoNotAdvanceTheRevision() {
        long written = await(kv().put(k("a"), bytes("1"))).getHeader().getRevision();

        List<Long> seen = new ArrayList<>();
        seen.add(await(kv().get(k("a"))).getHeader().getRevision());
        seen.add(await(kv().get(bytes(prefix()), GetOption.builder().isPrefix(true).build()))
                .getHeader().getRevision());
        seen.add(await(kv().get(k("a"), GetOption.builder().withCountOnly(true).build())).getHeader().getRevision());
        seen.add(await(kv().get(k("a"), GetOption.builder().withSerializable(true).build())).getHeader().getRevision());
        seen.add(await(kv().get(k("a"), GetOption.builder().withRevision(written).build())).getHeader().getRevision());
        seen.add(await(kv().txn().Then(Op.get(k("a"), GetOption.DEFAULT)).commit()).getHeader().getRevision());

        assertThat(seen).containsOnly(written);
        assertThat(cluster.currentRevision()).isEqualTo(written);
    }

    @Test
    void everyWriteTakesExactlyTheNextRevision() {
        long start = cluster.currentRevision();

        long put = await(kv().put(k("a"), bytes("1"))).getHeader().getRevision();
        long overwrite = await(kv().put(k("a"), bytes("2"))).getHeader().getRevision();
        long txn = await(kv().txn().Then(Op.put(k("b"), bytes("1"), PutOption.DEFAULT),
                Op.put(k("c"), bytes("1"), PutOption.DEFAULT)).commit()).getHeader().getRevision();
        long delete = await(kv().delete(k("a"))).getHeader().getRevision();

        assertThat(List.of(put, overwrite, txn, delete)).containsExactly(start + 1, start + 2, start + 3, start + 4);
    }

    @Test
    void aDeleteEndsTheKeysGenerationAndARecreateStartsANewOne() {
        long created = await(kv().put(k("a"), bytes("1"))).getHeader().getRevision();
        await(kv().put(k("a"), bytes("2")));
        long deleted = await(kv().delete(k("a"))).getHeader().getRevision();

        long recreated = await(kv().put(k("a"), bytes("3"))).getHeader().getRevision();
        KeyValue kv = await(kv().get(k("a"))).getKvs().get(0);
        KeyValue beforeDelete = await(kv().get(k("a"), GetOption.builder().withRevision(deleted - 1).build()))
                .getKvs().get(0);

        assertThat(kv.getVersion()).isEqualTo(1);
        assertThat(kv.getCreateRevision()).isEqualTo(recreated).isEqualTo(deleted + 1);
        assertThat(kv.getModRevision()).isEqualTo(recreated);
        assertThat(beforeDelete.getVersion()).isEqualTo(2);
        assertThat(beforeDelete.getCreateRevision()).isEqualTo(created);
        assertThat(await(kv().get(k("a"), GetOption.builder().withRevision(deleted).build())).getKvs())
                .as("the tombstone hides the key at the delete revision").isEmpty();
    }

    @Test
    void aTombstoneIsInvisibleToRangesAndCounts() {
        await(kv().put(k("a"), bytes("1")));
        await(kv().put(k("b"), bytes("1")));
        await(kv().delete(k("a")));

        var got = await(kv().get(bytes(prefix()), GetOption.builder().isPrefix(true).build()));

        assertThat(got.getCount()).isEqualTo(1);
        assertThat(text(got.getKvs().get(0).getKey())).isEqualTo(key("b"));
    }

    @Test
    void rejectedRequestsDoNotAdvanceTheRevision() {
        long before = cluster.currentRevision();

        assertFailsWith(Status.Code.INVALID_ARGUMENT, "etcdserver: key is not provided",
                () -> await(kv().put(ByteSequence.EMPTY, bytes("x"))));
        assertFailsWith(Status.Code.INVALID_ARGUMENT, "etcdserver: duplicate key given in txn request",
                () -> await(kv().txn().Then(Op.put(k("d"), bytes("1"), PutOption.DEFAULT),
                        Op.put(k("d"), bytes("2"), PutOption.DEFAULT)).commit()));
        assertFailsWith(Status.Code.OUT_OF_RANGE, "etcdserver: mvcc: required revision is a future revision",
                () -> await(kv().get(k("d"), GetOption.builder().withRevision(before + 100).build())));

        assertThat(cluster.currentRevision()).isEqualTo(before);
    }
}
