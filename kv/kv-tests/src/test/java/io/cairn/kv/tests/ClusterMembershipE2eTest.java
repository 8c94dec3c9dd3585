package io.cairn.kv.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.PutRequest;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A three-member Cairn cluster operated with the real etcdctl, as an operator would: members listed from any
 * member, writes through a follower, a learner added, joined, refused writes and promoted, leadership moved, a
 * member removed (it stops) and a fresh one added in its place, and etcd's "no leader" once quorum is lost. The steps
 * build on each other and run in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterMembershipE2eTest {
    private static final Pattern ADDED = Pattern.compile("Member\\s+([0-9a-f]+) added to cluster\\s+([0-9a-f]+)");

    private CairnCluster cluster;
    private Path scratch;
    private CairnCluster.Member learner;
    private long learnerId;

    @BeforeAll
    void startCluster() throws Exception {
        Etcdctl.requireBinary();
        cluster = CairnCluster.start(3, List.of());
        scratch = Files.createTempDirectory("cairn-membership-");
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
        LocalServerProcess.deleteRecursively(scratch);
    }

    private Etcdctl.Output etcdctl(CairnCluster.Member at, String... args) {
        return new Etcdctl(URI.create(at.clientUrl()), scratch).run(List.of(args), null);
    }

    private Etcdctl.Output ok(CairnCluster.Member at, String... args) {
        Etcdctl.Output out = etcdctl(at, args);
        assertThat(out.exitCode()).as("etcdctl %s against %s:\n%s%s", String.join(" ", args), at, out.render(),
                cluster.report()).isZero();
        return out;
    }

    @Test
    @Order(1)
    void everyMemberListsTheSameThreeStartedMembersWithTheirNamesAndUrls() {
        String expected = null;
        for (CairnCluster.Member m : cluster.members()) {
            String list = ok(m, "member", "list").stdout();
            assertThat(list.lines()).hasSize(3);
            for (CairnCluster.Member other : cluster.members()) {
                assertThat(list).contains(", started, " + other.name + ", " + other.peerUrl() + ", "
                        + other.clientUrl() + ", false");
            }
            if (expected == null) {
                expected = list;
            }
            assertThat(list).isEqualTo(expected);
        }
    }

    @Test
    @Order(2)
    void aWriteThroughAFollowerIsReadOnEveryMemberAndExactlyOneLeads() {
        CairnCluster.Member follower = cluster.follower();
        assertThat(ok(follower, "put", "written-through", "a-follower").stdout()).isEqualTo("OK\n");
        for (CairnCluster.Member m : cluster.members()) {
            assertThat(ok(m, "get", "written-through").stdout()).isEqualTo("written-through\na-follower\n");
            assertThat(ok(m, "get", "written-through", "--consistency=s").stdout())
                    .isEqualTo("written-through\na-follower\n");
        }
        Set<Long> leaders = new HashSet<>();
        int leading = 0;
        for (CairnCluster.Member m : cluster.members()) {
            var s = m.status().orElseThrow();
            leaders.add(s.getLeader());
            if (s.getLeader() == s.getHeader().getMemberId()) {
                leading++;
            }
        }
        assertThat(leaders).hasSize(1);
        assertThat(leading).isEqualTo(1);
    }

    @Test
    @Order(3)
    void aLearnerJoinsReceivesTheStoreRefusesWritesAndIsPromoted() {
        CairnCluster.Member leader = cluster.leader();
        for (int i = 0; i < 50; i++) {
            ok(leader, "put", "before-join-" + i, "v" + i);
        }
        learner = cluster.newJoiner("m4");
        Etcdctl.Output added = ok(cluster.follower(), "member", "add", "m4", "--peer-urls=" + learner.peerUrl(),
                "--learner");
        Matcher m = ADDED.matcher(added.stdout());
        assertThat(m.find()).as(added.stdout()).isTrue();
        learnerId = Long.parseUnsignedLong(m.group(1), 16);
        assertThat(added.stdout()).contains("ETCD_INITIAL_CLUSTER_STATE=\"existing\"")
                .contains("m4=" + learner.peerUrl());
        assertThat(ok(leader, "member", "list").stdout()).contains(Long.toHexString(learnerId) + ", unstarted, , "
                + learner.peerUrl() + ", , true");

        learner.start();

        assertThat(ok(learner, "get", "before-join-49", "--consistency=s").stdout()).isEqualTo("before-join-49\nv49\n");
        Etcdctl.Output refused = etcdctl(learner, "put", "on-a-learner", "x");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("etcdserver: rpc not supported for learner");
        // etcd's learners serve Status and serializable reads only
        assertThat(etcdctl(learner, "member", "list").stderr()).contains("etcdserver: rpc not supported for learner");
        assertThat(ok(learner, "endpoint", "status").stdout()).contains(", true, ");

        assertThat(ok(leader, "member", "promote", Long.toHexString(learnerId)).stdout())
                .contains(Long.toHexString(learnerId) + " promoted in cluster");
        assertThat(ok(leader, "member", "list").stdout()).contains(", started, m4, " + learner.peerUrl() + ", "
                + learner.clientUrl() + ", false");
        assertThat(ok(learner, "put", "on-the-promoted-member", "y").stdout()).isEqualTo("OK\n");
        Etcdctl.Output again = etcdctl(leader, "member", "promote", Long.toHexString(learnerId));
        assertThat(again.stderr()).contains("etcdserver: can only promote a learner member");
    }

    @Test
    @Order(4)
    void moveLeaderHandsLeadershipToTheNamedMember() {
        CairnCluster.Member leader = cluster.leader();
        CairnCluster.Member target = cluster.alive().stream().filter(x -> x != leader).findFirst().orElseThrow();
        long targetId = target.id();
        Etcdctl.Output moved = ok(leader, "move-leader", Long.toHexString(targetId));
        assertThat(moved.stdout()).contains("Leadership transferred from " + Long.toHexString(leader.id()) + " to "
                + Long.toHexString(targetId));
        assertThat(cluster.leader()).isSameAs(target);
        // etcdctl itself looks for the leader among the endpoints it was given
        Etcdctl.Output notLeader = etcdctl(leader, "move-leader", Long.toHexString(leader.id()));
        assertThat(notLeader.stderr()).contains("no leader endpoint given at [" + leader.clientUrl() + "]");
    }

    @Test
    @Order(5)
    void aRemovedMemberStopsAndAFreshMemberTakesItsPlace() {
        CairnCluster.Member leader = cluster.leader();
        CairnCluster.Member victim = cluster.alive().stream().filter(x -> x != leader && x != learner).findFirst()
                .orElseThrow();
        long victimId = victim.id();
        assertThat(ok(leader, "member", "remove", Long.toHexString(victimId)).stdout())
                .contains(Long.toHexString(victimId) + " removed from cluster");
        victim.removed = true;
        assertThat(victim.awaitExit(Duration.ofSeconds(30))).as("the removed member stops" + cluster.report())
                .isTrue();
        assertThat(ok(leader, "member", "list").stdout()).doesNotContain(Long.toHexString(victimId))
                .hasLineCount(3);
        Etcdctl.Output gone = etcdctl(leader, "member", "remove", Long.toHexString(victimId));
        assertThat(gone.stderr()).contains("etcdserver: member not found");

        CairnCluster.Member fresh = cluster.newJoiner("m5");
        ok(leader, "member", "add", "m5", "--peer-urls=" + fresh.peerUrl());
        Etcdctl.Output duplicate = etcdctl(leader, "member", "add", "m6", "--peer-urls=" + fresh.peerUrl());
        assertThat(duplicate.stderr()).contains("etcdserver: Peer URLs already exists");
        fresh.start();
        assertThat(ok(fresh, "get", "on-the-promoted-member").stdout()).isEqualTo("on-the-promoted-member\ny\n");
        ok(fresh, "put", "on-the-fresh-member", "z");

        // every running member converges on the same keyspace
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            Set<String> hashes = new HashSet<>();
            for (CairnCluster.Member m : cluster.alive()) {
                hashes.add(etcdctl(m, "endpoint", "hashkv").stdout().replaceFirst("^[^,]*, ", ""));
            }
            if (hashes.size() == 1 || System.nanoTime() - deadline > 0) {
                assertThat(hashes).as("HashKV of every running member" + cluster.report()).hasSize(1);
                break;
            }
            sleepQuietly(200);
        }
    }

    @Test
    @Order(6)
    void memberUpdateChangesPeerUrlsButNotTheRaftAddress() {
        CairnCluster.Member leader = cluster.leader();
        CairnCluster.Member target = cluster.alive().stream().filter(x -> x != leader).findFirst().orElseThrow();
        String id = Long.toHexString(target.id());
        String both = target.peerUrl() + ",http://localhost:" + target.peerPort;
        assertThat(ok(leader, "member", "update", id, "--peer-urls=" + both).stdout())
                .contains(id + " updated in cluster");
        assertThat(ok(target, "member", "list").stdout()).contains(", started, " + target.name + ", " + both + ", ");
        Etcdctl.Output moved = etcdctl(leader, "member", "update", id, "--peer-urls=http://127.0.0.1:1");
        assertThat(moved.stderr()).contains("etcdserver: given member URLs are invalid");
        Etcdctl.Output unknown = etcdctl(leader, "member", "update", "1234", "--peer-urls=http://127.0.0.1:2");
        assertThat(unknown.stderr()).contains("etcdserver: member not found");
        assertThat(ok(target, "put", "after-update", "ok").stdout()).isEqualTo("OK\n");
    }

    @Test
    @Order(7)
    void withoutQuorumAMemberAnswersNoLeaderAndHonoursHasLeader() {
        List<CairnCluster.Member> alive = cluster.alive();
        CairnCluster.Member survivor = alive.getFirst();
        for (CairnCluster.Member m : alive.subList(1, alive.size())) {
            m.kill();
        }
        ManagedChannel ch = NettyChannelBuilder.forAddress("127.0.0.1", survivor.clientPort).usePlaintext().build();
        try {
            Metadata md = new Metadata();
            md.put(Metadata.Key.of("hasleader", Metadata.ASCII_STRING_MARSHALLER), "true");
            KVGrpc.KVBlockingStub kv = KVGrpc.newBlockingStub(ch);
            PutRequest put = PutRequest.newBuilder().setKey(com.google.protobuf.ByteString.copyFromUtf8("k")).build();
            // the survivor notices the lost quorum within an election timeout or two
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            StatusRuntimeException e = null;
            while (System.nanoTime() - deadline < 0) {
                try {
                    kv.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(md))
                            .withDeadlineAfter(10, TimeUnit.SECONDS).put(put);
                } catch (StatusRuntimeException x) {
                    e = x;
                    if (x.getStatus().getDescription() != null && x.getStatus().getDescription().contains("no leader")) {
                        break;
                    }
                }
                sleepQuietly(200);
            }
            assertThat(e).isNotNull();
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(e.getStatus().getDescription()).isEqualTo("etcdserver: no leader");

            StatusRuntimeException waited = org.assertj.core.api.Assertions.catchThrowableOfType(
                    StatusRuntimeException.class, () -> kv.withDeadlineAfter(20, TimeUnit.SECONDS).put(put));
            assertThat(waited.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(waited.getStatus().getDescription()).isEqualTo("etcdserver: no leader");
        } finally {
            ch.shutdownNow();
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
