package io.cairn.kv.tests;

import static io.cairn.kv.tests.Requests.bs;
import static io.cairn.kv.tests.RpcErrors.assertFailsWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.PutResponse;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.PutOption;
import io.grpc.Status;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Put: the returned header and previous value, leases, ignore_value / ignore_lease and the request limits. */
@BothServers
class PutConformanceTest extends ConformanceTest {

    /** A lease ID no server has granted. */
    private static final long UNKNOWN_LEASE = 0x7a11_0000_0000_0001L;

    @Test
    void aPutReturnsThePreviousKeyValueOnlyWhenAsked() {
        long created = await(kv().put(k("a"), bytes("v1"))).getHeader().getRevision();

        io.etcd.jetcd.kv.PutResponse plain = await(kv().put(k("a"), bytes("v2")));
        io.etcd.jetcd.kv.PutResponse withPrev =
                await(kv().put(k("a"), bytes("v3"), PutOption.builder().withPrevKV().build()));
        io.etcd.jetcd.kv.PutResponse firstWithPrev =
                await(kv().put(k("new"), bytes("v1"), PutOption.builder().withPrevKV().build()));

        assertThat(plain.hasPrevKv()).isFalse();
        assertThat(withPrev.hasPrevKv()).isTrue();
        KeyValue prev = withPrev.getPrevKv();
        assertThat(text(prev.getKey())).isEqualTo(key("a"));
        assertThat(text(prev.getValue())).isEqualTo("v2");
        assertThat(prev.getCreateRevision()).isEqualTo(created);
        assertThat(prev.getModRevision()).isEqualTo(plain.getHeader().getRevision());
        assertThat(prev.getVersion()).isEqualTo(2);
        assertThat(firstWithPrev.hasPrevKv()).as("a created key has no previous value").isFalse();
    }

    @Test
    void eachPutAdvancesTheRevisionByOneAndTheVersionOfItsKey() {
        long before = cluster.currentRevision();

        long first = await(kv().put(k("a"), bytes("1"))).getHeader().getRevision();
        long second = await(kv().put(k("a"), bytes("2"))).getHeader().getRevision();
        KeyValue kv = await(kv().get(k("a"))).getKvs().get(0);

        assertThat(first).isEqualTo(before + 1);
        assertThat(second).isEqualTo(first + 1);
        assertThat(kv.getCreateRevision()).isEqualTo(first);
        assertThat(kv.getModRevision()).isEqualTo(second);
        assertThat(kv.getVersion()).isEqualTo(2);
    }

    @Test
    void anEmptyValueIsStoredAsAnEmptyValue() {
        await(kv().put(k("a"), ByteSequence.EMPTY));

        GetResponse got = await(kv().get(k("a")));

        assertThat(got.getCount()).isEqualTo(1);
        assertThat(got.getKvs().get(0).getValue().isEmpty()).isTrue();
    }

    @Test
    void anEmptyKeyFailsWithKeyIsNotProvided() {
        assertFailsWith(Status.Code.INVALID_ARGUMENT, "etcdserver: key is not provided",
                () -> await(kv().put(ByteSequence.EMPTY, bytes("x"))));
    }

    @Test
    void aPutWithAGrantedLeaseAttachesTheLease() {
        assumeLeaseService();
        long lease = await(cluster.leases().grant(60)).getID();

        await(kv().put(k("a"), bytes("1"), PutOption.builder().withLeaseId(lease).build()));
        long leaseOnKey = await(kv().get(k("a"))).getKvs().get(0).getLease();
        await(cluster.leases().revoke(lease));

        assertThat(leaseOnKey).isEqualTo(lease);
        assertThat(await(kv().get(k("a"))).getKvs()).as("revoking the lease deletes its keys").isEmpty();
    }

    @Test
    void aPutWithAnUnknownLeaseFailsWithLeaseNotFound() {
        assumeLeaseService();
        assertFailsWith(Status.Code.NOT_FOUND, "etcdserver: requested lease not found",
                () -> await(kv().put(k("a"), bytes("1"), PutOption.builder().withLeaseId(UNKNOWN_LEASE).build())));
        assertThat(await(kv().get(k("a"))).getKvs()).isEmpty();
    }

    @Test
    void ignoreValueKeepsTheValueButCountsAsAWrite() {
        long created = await(kv().put(k("a"), bytes("kept"))).getHeader().getRevision();

        PutResponse response = raw().put(PutRequest.newBuilder().setKey(bs(key("a"))).setIgnoreValue(true)
                .setPrevKv(true).build());
        io.etcd.jetcd.api.KeyValue kv = raw().range(RangeRequest.newBuilder().setKey(bs(key("a"))).build()).getKvs(0);

        assertThat(kv.getValue().toStringUtf8()).isEqualTo("kept");
        assertThat(kv.getVersion()).isEqualTo(2);
        assertThat(kv.getCreateRevision()).isEqualTo(created);
        assertThat(kv.getModRevision()).isEqualTo(response.getHeader().getRevision()).isEqualTo(created + 1);
        assertThat(response.getPrevKv().getValue().toStringUtf8()).isEqualTo("kept");
    }

    @Test
    void ignoreValueOnAMissingKeyFailsWithKeyNotFound() {
        assertFailsWith(Status.Code.INVALID_ARGUMENT, "etcdserver: key not found",
                () -> raw().put(PutRequest.newBuilder().setKey(bs(key("missing"))).setIgnoreValue(true).build()));
    }

    @Test
    void ignoreValueWithAValueFailsWithValueIsProvided() {
        await(kv().put(k("a"), bytes("1")));

        assertFailsWith(Status.Code.INVALID_ARGUMENT, "etcdserver: value is provided",
                () -> raw().put(PutRequest.newBuilder().setKey(bs(key("a"))).setValue(bs("2")).setIgnoreValue(true)
                        .build()));
    }

    @Test
    void ignoreLeaseOnAKeyWithoutLeaseUpdatesTheValue() {
        await(kv().put(k("a"), bytes("1")));

        raw().put(PutRequest.newBuilder().setKey(bs(key("a"))).setValue(bs("2")).setIgnoreLease(true).build());
        KeyValue kv = await(kv().get(k("a"))).getKvs().get(0);

        assertThat(text(kv.getValue())).isEqualTo("2");
        assertThat(kv.getLease()).isZero();
        assertThat(kv.getVersion()).isEqualTo(2);
    }

    @Test
    void ignoreLeaseKeepsTheLeaseOfTheKey() {
        assumeLeaseService();
        long lease = await(cluster.leases().grant(60)).getID();
        await(kv().put(k("a"), bytes("1"), PutOption.builder().withLeaseId(lease).build()));

        raw().put(PutRequest.newBuilder().setKey(bs(key("a"))).setValue(bs("2")).setIgnoreLease(true).build());
        KeyValue kv = await(kv().get(k("a"))).getKvs().get(0);
        await(cluster.leases().revoke(lease));

        assertThat(text(kv.getValue())).isEqualTo("2");
        assertThat(kv.getLease()).isEqualTo(lease);
    }

    @Test
    void aPlainPutDetachesTheLeaseOfTheKey() {
        assumeLeaseService();
        long lease = await(cluster.leases().grant(60)).getID();
        await(kv().put(k("a"), bytes("1"), PutOption.builder().withLeaseId(lease).build()));

        await(kv().put(k("a"), bytes("2")));
        await(cluster.leases().revoke(lease));

        assertThat(await(kv().get(k("a"))).getKvs()).singleElement()
                .satisfies(kv -> assertThat(kv.getLease()).isZero());
    }

    @Test
    void ignoreLeaseOnAMissingKeyFailsWithKeyNotFound() {
        assertFailsWith(Status.Code.INVALID_ARGUMENT, "etcdserver: key not found",
                () -> raw().put(PutRequest.newBuilder().setKey(bs(key("missing"))).setValue(bs("1"))
                        .setIgnoreLease(true).build()));
    }

    @Test
    void ignoreLeaseWithALeaseFailsWithLeaseIsProvided() {
        await(kv().put(k("a"), bytes("1")));

        assertFailsWith(Status.Code.INVALID_ARGUMENT, "etcdserver: lease is provided",
                () -> raw().put(PutRequest.newBuilder().setKey(bs(key("a"))).setValue(bs("2")).setIgnoreLease(true)
                        .setLease(UNKNOWN_LEASE).build()));
    }

    @Test
    void aPutOfTwoMillionBytesFailsWithRequestIsTooLarge() {
        byte[] value = new byte[2_000_000];
        Arrays.fill(value, (byte) 'x');
        long before = cluster.currentRevision();

        assertFailsWith(Status.Code.INVALID_ARGUMENT, "etcdserver: request is too large",
                () -> await(kv().put(k("big"), ByteSequence.from(value))));
        assertThat(cluster.currentRevision()).isEqualTo(before);
    }

    @Test
    void aPutOfOnePointFourMillionBytesIsAccepted() {
        byte[] value = new byte[1_400_000];
        Arrays.fill(value, (byte) 'y');

        await(kv().put(k("large"), ByteSequence.from(value)));

        assertThat(await(kv().get(k("large"))).getKvs().get(0).getValue().size()).isEqualTo(1_400_000);
    }
}
