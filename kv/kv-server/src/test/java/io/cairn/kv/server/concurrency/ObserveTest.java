package io.cairn.kv.server.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.CampaignRequest;
import io.etcd.jetcd.api.CampaignResponse;
import io.etcd.jetcd.api.LeaderRequest;
import io.etcd.jetcd.api.LeaderResponse;
import io.etcd.jetcd.api.ProclaimRequest;
import io.etcd.jetcd.api.ResignRequest;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Election service's Observe stream, each behaviour checked on etcd's own service and on Cairn's. */
@ExtendWith(SidesExtension.class)
class ObserveTest {

    private static Sides sides;

    @BeforeAll
    static void share(Sides shared) {
        sides = shared;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Side.class)
    void observeReportsTheFirstCandidateItsProclamationsAndThenItsSuccessor(Side side) throws Exception {
        ByteString name = Sides.uniqueName("observed", side);
        try (Observation observed = new Observation(side, name)) {
            observed.assertQuiet();

            CampaignResponse first = campaign(side, name, "first");
            LeaderResponse elected = observed.next();
            assertThat(elected.getKv().getKey()).isEqualTo(first.getLeader().getKey());
            assertThat(elected.getKv().getValue().toStringUtf8()).isEqualTo("first");
            assertThat(elected.getHeader().getRevision()).isEqualTo(elected.getKv().getModRevision());

            sides.election(side).proclaim(ProclaimRequest.newBuilder().setLeader(first.getLeader())
                    .setValue(ByteString.copyFromUtf8("first, again")).build());
            assertThat(observed.next().getKv().getValue().toStringUtf8()).isEqualTo("first, again");

            var second = sides.electionAsync(side)
                    .campaign(CampaignRequest.newBuilder().setName(name).setLease(sides.grant(side, 30))
                            .setValue(ByteString.copyFromUtf8("second")).build());
            observed.assertQuiet();
            sides.election(side).resign(ResignRequest.newBuilder().setLeader(first.getLeader()).build());

            LeaderResponse successor = observed.next();
            assertThat(successor.getKv().getKey()).isEqualTo(second.get(10, TimeUnit.SECONDS).getLeader().getKey());
            assertThat(successor.getKv().getValue().toStringUtf8()).isEqualTo("second");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Side.class)
    void observeStartsWithTheCurrentLeader(Side side) throws Exception {
        ByteString name = Sides.uniqueName("sitting", side);
        CampaignResponse leader = campaign(side, name, "incumbent");

        try (Observation observed = new Observation(side, name)) {
            LeaderResponse first = observed.next();
            assertThat(first.getKv().getKey()).isEqualTo(leader.getLeader().getKey());
            assertThat(first.getKv().getValue().toStringUtf8()).isEqualTo("incumbent");
            observed.assertQuiet();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Side.class, names = {"ETCD", "CAIRN_OVER_ETCD"})
    void anObserverThatCancelsLeavesNoWatcherBehind(Side side) throws Exception {
        long before = sides.etcd().watchers();
        Observation observed = new Observation(side, Sides.uniqueName("cancelled", side));
        awaitWatchers(before + 1);

        observed.close();

        awaitWatchers(before);
    }

    private static void awaitWatchers(long expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (sides.etcd().watchers() != expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(sides.etcd().watchers()).as("watchers open in etcd").isEqualTo(expected);
    }

    private static CampaignResponse campaign(Side side, ByteString name, String value) {
        return sides.election(side).campaign(CampaignRequest.newBuilder().setName(name).setLease(sides.grant(side, 30))
                .setValue(ByteString.copyFromUtf8(value)).build());
    }

    /** An Observe call whose messages queue up for the test to take. */
    private static final class Observation implements ClientResponseObserver<LeaderRequest, LeaderResponse>,
            AutoCloseable {
        final BlockingQueue<LeaderResponse> received = new LinkedBlockingQueue<>();
        private ClientCallStreamObserver<LeaderRequest> call;

        Observation(Side side, ByteString name) {
            sides.electionStreaming(side).observe(LeaderRequest.newBuilder().setName(name).build(), this);
        }

        LeaderResponse next() throws InterruptedException {
            LeaderResponse r = received.poll(10, TimeUnit.SECONDS);
            assertThat(r).as("an observation").isNotNull();
            return r;
        }

        void assertQuiet() throws InterruptedException {
            assertThat(received.poll(300, TimeUnit.MILLISECONDS)).isNull();
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<LeaderRequest> requestStream) {
            call = requestStream;
        }

        @Override
        public void onNext(LeaderResponse value) {
            received.add(value);
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void onCompleted() {
        }

        @Override
        public void close() {
            call.cancel("test done", null);
        }
    }
}
