package io.cairn.kv.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.LeaseGrantRequest;
import io.etcd.jetcd.api.LeaseGrpc;
import io.etcd.jetcd.api.LeaseKeepAliveRequest;
import io.etcd.jetcd.api.LeaseKeepAliveResponse;
import io.etcd.jetcd.api.LeaseRevokeRequest;
import io.etcd.jetcd.api.LeaseTimeToLiveRequest;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RangeRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaseTest {

    @TempDir
    Path dir;

    private static ByteString b(String v) {
        return ByteString.copyFromUtf8(v);
    }

    private static LeaseGrpc.LeaseBlockingStub lease(EmbeddedServer s) {
        return LeaseGrpc.newBlockingStub(s.channel);
    }

    @Test
    void aGrantedLeaseHasAtLeastTheMinimumTtlAndItsKeysGoWithItOnRevoke() {
        try (EmbeddedServer s = new EmbeddedServer(dir).start()) {
            var g = lease(s).leaseGrant(LeaseGrantRequest.newBuilder().setTTL(1).build());
            assertThat(g.getID()).isPositive();
            assertThat(g.getTTL()).isEqualTo(2);
            s.kv().put(PutRequest.newBuilder().setKey(b("l1")).setValue(b("v")).setLease(g.getID()).build());
            s.kv().put(PutRequest.newBuilder().setKey(b("l2")).setValue(b("v")).setLease(g.getID()).build());
            var ttl = lease(s).leaseTimeToLive(LeaseTimeToLiveRequest.newBuilder().setID(g.getID()).setKeys(true).build());
            assertThat(ttl.getGrantedTTL()).isEqualTo(2);
            assertThat(ttl.getKeysList()).containsExactly(b("l1"), b("l2"));
            long before = s.kv().range(RangeRequest.newBuilder().setKey(b("x")).build()).getHeader().getRevision();
            var revoked = lease(s).leaseRevoke(LeaseRevokeRequest.newBuilder().setID(g.getID()).build());
            assertThat(revoked.getHeader().getRevision()).isEqualTo(before + 1); // both keys in one revision
            assertThat(s.kv().range(RangeRequest.newBuilder().setKey(b("l")).setRangeEnd(b("m")).build()).getCount())
                    .isZero();
            assertThat(lease(s).leaseTimeToLive(LeaseTimeToLiveRequest.newBuilder().setID(g.getID()).build()).getTTL())
                    .isEqualTo(-1);
        }
    }

    @Test
    void unknownLeasesGetEtcdsAnswers() throws Exception {
        try (EmbeddedServer s = new EmbeddedServer(dir).start()) {
            assertThatThrownBy(() -> s.kv().put(PutRequest.newBuilder().setKey(b("k")).setValue(b("v")).setLease(42)
                    .build())).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
                        assertThat(e.getStatus().getDescription()).isEqualTo("etcdserver: requested lease not found");
                    });
            assertThatThrownBy(() -> lease(s).leaseRevoke(LeaseRevokeRequest.newBuilder().setID(42).build()))
                    .hasMessageContaining("etcdserver: requested lease not found");
            lease(s).leaseGrant(LeaseGrantRequest.newBuilder().setID(7).setTTL(10).build());
            assertThatThrownBy(() -> lease(s).leaseGrant(LeaseGrantRequest.newBuilder().setID(7).setTTL(10).build()))
                    .hasMessageContaining("etcdserver: lease already exists");
            assertThatThrownBy(() -> lease(s).leaseGrant(LeaseGrantRequest.newBuilder().setTTL(9_000_000_001L).build()))
                    .hasMessageContaining("etcdserver: too large lease TTL");
            LinkedBlockingQueue<LeaseKeepAliveResponse> got = new LinkedBlockingQueue<>();
            var ka = LeaseGrpc.newStub(s.channel).leaseKeepAlive(new StreamObserver<>() {
                public void onNext(LeaseKeepAliveResponse r) { got.add(r); }
                public void onError(Throwable t) { }
                public void onCompleted() { }
            });
            ka.onNext(LeaseKeepAliveRequest.newBuilder().setID(42).build());
            ka.onNext(LeaseKeepAliveRequest.newBuilder().setID(7).build());
            assertThat(got.poll(5, TimeUnit.SECONDS).getTTL()).isZero();
            assertThat(got.poll(5, TimeUnit.SECONDS).getTTL()).isEqualTo(10);
            ka.onCompleted();
        }
    }

    @Test
    void anExpiredLeaseDeletesItsKeys() throws Exception {
        try (EmbeddedServer s = new EmbeddedServer(dir).start()) {
            var g = lease(s).leaseGrant(LeaseGrantRequest.newBuilder().setTTL(2).build());
            s.kv().put(PutRequest.newBuilder().setKey(b("e")).setValue(b("v")).setLease(g.getID()).build());
            long deadline = System.currentTimeMillis() + 10_000;
            while (s.kv().range(RangeRequest.newBuilder().setKey(b("e")).build()).getCount() > 0
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertThat(s.kv().range(RangeRequest.newBuilder().setKey(b("e")).build()).getCount()).isZero();
        }
    }

    @Test
    void leasesAndTheirKeysSurviveARestartWithTheirRemainingTtl() throws Exception {
        try (EmbeddedServer s = new EmbeddedServer(dir).start()) {
            var g = lease(s).leaseGrant(LeaseGrantRequest.newBuilder().setTTL(60).build());
            s.kv().put(PutRequest.newBuilder().setKey(b("r")).setValue(b("v")).setLease(g.getID()).build());
            Thread.sleep(6_500); // past one checkpoint
            s.stop();
            s.start();
            var ttl = lease(s).leaseTimeToLive(LeaseTimeToLiveRequest.newBuilder().setID(g.getID()).setKeys(true).build());
            assertThat(ttl.getGrantedTTL()).isEqualTo(60);
            assertThat(ttl.getTTL()).isBetween(45L, 56L);
            assertThat(ttl.getKeysList()).containsExactly(b("r"));
        }
    }
}
