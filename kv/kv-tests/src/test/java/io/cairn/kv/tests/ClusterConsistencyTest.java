package io.cairn.kv.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.support.CloseableClient;
import io.etcd.jetcd.watch.WatchEvent;
import io.grpc.stub.StreamObserver;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Leases, watches and compaction behave the same on every member of a three-member cluster: a watch on a follower
 * sees every write at the leader's revisions; a lease granted and kept alive through followers lives, and once
 * abandoned expires exactly once (one delete event, at one revision, on every member); a compaction sent to a
 * follower compacts every member.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterConsistencyTest {
    private CairnCluster cluster;
    private final List<Client> clients = new ArrayList<>();

    @BeforeAll
    void start() {
        cluster = CairnCluster.start(3, List.of());
    }

    @AfterAll
    void stop() {
        clients.forEach(Client::close);
        if (cluster != null) {
            cluster.close();
        }
    }

    private Client client(CairnCluster.Member m) {
        Client c = Client.builder().endpoints(URI.create(m.clientUrl())).build();
        clients.add(c);
        return c;
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    @Test
    void aWatchOnAFollowerSeesEveryWriteAtTheLeadersRevisions() throws Exception {
        CairnCluster.Member leader = cluster.leader();
        CairnCluster.Member follower = cluster.follower();
        WatchRecorder recorder = new WatchRecorder();
        try (var watch = client(follower).getWatchClient().watch(bytes("/watched/"),
                WatchOption.builder().isPrefix(true).withCreateNotify(true).build(), recorder)) {
            recorder.awaitCreated();
            List<Long> revisions = new ArrayList<>();
            Client writer = client(leader);
            for (int i = 0; i < 20; i++) {
                revisions.add(writer.getKVClient().put(bytes("/watched/" + (i % 5)), bytes("v" + i)).get(10,
                        TimeUnit.SECONDS).getHeader().getRevision());
            }
            List<WatchEvent> events = recorder.events(20);
            assertThat(events.stream().map(e -> e.getKeyValue().getModRevision()).toList()).isEqualTo(revisions);
            assertThat(events.getLast().getKeyValue().getValue().toString(StandardCharsets.UTF_8)).isEqualTo("v19");
        }
    }

    @Test
    void aLeaseKeptAliveThroughAFollowerLivesAndOnceAbandonedExpiresExactlyOnce() throws Exception {
        List<CairnCluster.Member> followers = cluster.alive().stream().filter(m -> m != cluster.leader()).toList();
        Client keeper = client(followers.get(0));
        Client other = client(followers.get(1));
        long lease = keeper.getLeaseClient().grant(3).get(10, TimeUnit.SECONDS).getID();
        other.getKVClient().put(bytes("/leased"), bytes("x"), PutOption.builder().withLeaseId(lease).build())
                .get(10, TimeUnit.SECONDS);
        WatchRecorder recorder = new WatchRecorder();
        try (var watch = other.getWatchClient().watch(bytes("/leased"),
                WatchOption.builder().withCreateNotify(true).build(), recorder)) {
            recorder.awaitCreated();
            StreamObserver<LeaseKeepAliveResponse> ignore = new StreamObserver<>() {
                @Override
                public void onNext(LeaseKeepAliveResponse r) {
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onCompleted() {
                }
            };
            try (CloseableClient keepAlive = keeper.getLeaseClient().keepAlive(lease, ignore)) {
                Thread.sleep(6000); // twice the TTL: only the keep-alives keep it
                for (CairnCluster.Member m : cluster.alive()) {
                    assertThat(client(m).getKVClient().get(bytes("/leased")).get(10, TimeUnit.SECONDS).getCount())
                            .as("the kept-alive lease's key on %s", m).isEqualTo(1);
                }
                var ttl = other.getLeaseClient().timeToLive(lease, io.etcd.jetcd.options.LeaseOption.DEFAULT)
                        .get(10, TimeUnit.SECONDS);
                assertThat(ttl.getTTL()).isBetween(1L, 3L);
                assertThat(ttl.getGrantedTTL()).isEqualTo(3);
            }
            List<WatchEvent> deleted = recorder.events(1);
            assertThat(deleted.getFirst().getEventType()).isEqualTo(WatchEvent.EventType.DELETE);
            long at = deleted.getFirst().getKeyValue().getModRevision();
            recorder.assertNothingFor(Duration.ofSeconds(2));
            for (CairnCluster.Member m : cluster.alive()) {
                var got = client(m).getKVClient().get(bytes("/leased"),
                        GetOption.builder().withRevision(at - 1).build()).get(10, TimeUnit.SECONDS);
                assertThat(got.getCount()).as("before the expiry on %s", m).isEqualTo(1);
                assertThat(client(m).getKVClient().get(bytes("/leased")).get(10, TimeUnit.SECONDS).getCount())
                        .as("after the expiry on %s", m).isZero();
                assertThat(client(m).getLeaseClient().timeToLive(lease, io.etcd.jetcd.options.LeaseOption.DEFAULT)
                        .get(10, TimeUnit.SECONDS).getTTL()).isEqualTo(-1);
            }
        }
    }

    @Test
    void aCompactionSentToAFollowerCompactsEveryMember() throws Exception {
        Client viaFollower = client(cluster.follower());
        long rev = 0;
        for (int i = 0; i < 5; i++) {
            rev = viaFollower.getKVClient().put(bytes("/compacted"), bytes("v" + i)).get(10, TimeUnit.SECONDS)
                    .getHeader().getRevision();
        }
        long last = rev;
        viaFollower.getKVClient().compact(last - 1).get(10, TimeUnit.SECONDS);
        Set<Integer> hashes = new HashSet<>();
        for (CairnCluster.Member m : cluster.alive()) {
            Client c = client(m);
            Throwable e = org.assertj.core.api.Assertions.catchThrowable(() -> c.getKVClient().get(bytes("/compacted"),
                    GetOption.builder().withRevision(last - 2).build()).get(10, TimeUnit.SECONDS));
            assertThat(e).as("a read below the compaction on %s", m).hasMessageContaining("compacted");
            hashes.add(c.getMaintenanceClient().hashKV(m.clientUrl(), rev).get(10, TimeUnit.SECONDS)
                    .getHash());
        }
        assertThat(hashes).as("HashKV at %d on every member", rev).hasSize(1);
    }
}
