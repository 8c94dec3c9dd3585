package io.cairn.kv.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.kv.server.apply.Applier;
import io.cairn.kv.server.apply.Command;
import io.cairn.kv.server.backend.Backend;
import io.cairn.kv.server.lease.Lessor;
import io.cairn.kv.server.maintenance.Alarms;
import io.cairn.kv.server.mvcc.MvccStore;
import io.etcd.jetcd.api.Member;
import io.etcd.jetcd.api.MemberListResponse;
import io.etcd.jetcd.api.MemberRemoveRequest;
import io.etcd.jetcd.api.ResponseHeader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * The member table is state machine state: replicas that apply the same log hold the same table, whatever the
 * order of bootstraps, additions, attribute updates and removals, and a replica that restarts (reloads the table from
 * its store) and replays entries it already applied ends in the same table. Seeded random logs, checked against
 * a second replica that applies the same log in one go.
 */
class MembersReplayTest {

    private record Replica(Path dir, Backend backend, MvccStore store, Members members, Applier applier)
            implements AutoCloseable {
        static Replica open(Path dir) {
            Backend backend = Backend.open(dir);
            MvccStore store = MvccStore.open(backend, Runnable::run);
            Members members = new Members(backend);
            Lessor lessor = new Lessor(store, backend, Duration.ofSeconds(1), () -> 0L);
            return new Replica(dir, backend, store, members, new Applier(store, lessor, new Alarms(backend), members,
                    io.cairn.kv.server.auth.AuthStore.open(backend)));
        }

        @Override
        public void close() {
            store.close();
            backend.close();
        }
    }

    @Property(tries = 25)
    void replicasApplyingTheSameLogHoldTheSameTableAlsoAcrossRestarts(
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed) throws IOException {
        Random random = new Random(seed);
        List<Command> log = randomLog(random, 40 + random.nextInt(60));
        Path a = Files.createTempDirectory("members-a-");
        Path b = Files.createTempDirectory("members-b-");
        try {
            List<Member> straight;
            try (Replica r = Replica.open(b)) {
                for (int i = 0; i < log.size(); i++) {
                    r.applier().apply(i + 1, ByteBuffer.wrap(log.get(i).encode()));
                }
                straight = r.members().list();
            }
            // the other replica stops at a random point, restarts and replays from an earlier index
            int stop = random.nextInt(log.size());
            Replica r = Replica.open(a);
            for (int i = 0; i < stop; i++) {
                r.applier().apply(i + 1, ByteBuffer.wrap(log.get(i).encode()));
            }
            r.backend().flush();
            r.close();
            r = Replica.open(a);
            try {
                for (int i = Math.max(0, stop - random.nextInt(10)); i < log.size(); i++) {
                    r.applier().apply(i + 1, ByteBuffer.wrap(log.get(i).encode()));
                }
                assertThat(r.members().list()).as("seed %d, restart after %d entries", seed, stop)
                        .isEqualTo(straight);
                assertThat(r.members().clusterId()).isEqualTo(42L);
            } finally {
                r.close();
            }
            try (Replica again = Replica.open(b)) {
                assertThat(again.members().list()).as("the table as stored").isEqualTo(straight);
            }
        } finally {
            delete(a);
            delete(b);
        }
    }

    private static List<Command> randomLog(Random random, int length) {
        List<Command> log = new ArrayList<>();
        List<Long> ids = new ArrayList<>(List.of(1L, 2L, 3L));
        MemberListResponse bootstrap = MemberListResponse.newBuilder()
                .setHeader(ResponseHeader.newBuilder().setClusterId(42))
                .addMembers(member(1, "http://10.0.0.1:2380", false))
                .addMembers(member(2, "http://10.0.0.2:2380", false))
                .addMembers(member(3, "http://10.0.0.3:2380", false)).build();
        log.add(new Command.ClusterBootstrap(bootstrap));
        long next = 4;
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(6)) {
                case 0 -> {
                    long id = next++;
                    ids.add(id);
                    log.add(new Command.MemberSet(member(id, "http://10.0.1." + id + ":2380", random.nextBoolean())));
                }
                case 1 -> {
                    if (!ids.isEmpty()) {
                        long id = ids.remove(random.nextInt(ids.size()));
                        log.add(new Command.MemberRemove(MemberRemoveRequest.newBuilder().setID(id).build()));
                    }
                }
                case 2, 3 -> {
                    long id = ids.isEmpty() || random.nextInt(5) == 0 ? next + 100 : ids.get(random.nextInt(ids.size()));
                    log.add(new Command.MemberAttrs(Member.newBuilder().setID(id).setName("m" + id + "-" + i)
                            .addClientURLs("http://10.0.2." + id + ":2379").build()));
                }
                case 4 -> log.add(new Command.ClusterBootstrap(bootstrap)); // a second leader's attempt: ignored
                default -> {
                    if (!ids.isEmpty()) {
                        long id = ids.get(random.nextInt(ids.size()));
                        log.add(new Command.MemberSet(member(id, "http://10.0.3." + id + ":2380", false)));
                    }
                }
            }
        }
        return log;
    }

    private static Member member(long id, String peer, boolean learner) {
        return Member.newBuilder().setID(id).addPeerURLs(peer).setIsLearner(learner).build();
    }

    private static void delete(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
