package io.cairn.kv.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Durability under {@code kill -9}: concurrent writers put unique keys and record every acknowledged put; the server
 * is killed mid-stream, restarted on the same data directory, and must still hold every acknowledged put at its
 * revision, with revisions continuing without a gap or a repeat. Three crash cycles; etcd runs the same test as a
 * control.
 *
 * <p>Every write is a put of a fresh key, so after each restart the keys under {@value #ROOT} must carry exactly the
 * revisions 2..R (R being the revision the restarted server reports), each with version 1: an acknowledged write that
 * vanished, a revision handed out twice, or one skipped all break that equality.
 */
@Tag("slow")
class CrashRecoveryTest {

    private static final String ROOT = "/crash/";
    private static final int WRITERS = 4;
    private static final int CYCLES = 3;
    private static final Duration WRITE_PHASE = Duration.ofMillis(1500);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    private static final int HISTORICAL_SAMPLE = 25;

    /** A put the server acknowledged. */
    private record Ack(String key, String value, long revision) {
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    void acknowledgedPutsSurviveKillNineAndRevisionsContinueWithoutAGapOrARepeat(ServerKind kind) throws Exception {
        try (ServerProcess server = kind.create()) {
            server.start();
            List<Ack> acknowledged = new ArrayList<>();
            try {
                for (int cycle = 1; cycle <= CYCLES; cycle++) {
                    List<Ack> acks = writeUntilKilled(server, cycle);
                    assertThat(acks).as("cycle %d: puts acknowledged before the kill", cycle).isNotEmpty();
                    acknowledged.addAll(acks);

                    server.restart();

                    verifyAfterRestart(server, acknowledged, cycle);
                }
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(e.getMessage() + "\nlast lines of the " + server.name() + " log:\n"
                        + server.logTail(40), e);
            }
        }
    }

    /** Runs the writers, kills the server while they write, and returns what was acknowledged. */
    private List<Ack> writeUntilKilled(ServerProcess server, int cycle) throws InterruptedException {
        Queue<Ack> acks = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        try (Client client = client(server)) {
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(Thread.ofPlatform().name("writer-" + cycle + "-" + w).start(() -> {
                    for (int seq = 0; !stop.get(); seq++) {
                        String key = ROOT + "c" + cycle + "/w" + writer + "/" + seq;
                        String value = "cycle " + cycle + " writer " + writer + " put " + seq;
                        try {
                            long revision = client.getKVClient().put(bytes(key), bytes(value))
                                    .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                                    .getHeader().getRevision();
                            acks.add(new Ack(key, value, revision));
                        } catch (Exception e) {
                            // Unacknowledged: it may or may not have been applied. Back off; the server may be gone.
                            sleep(Duration.ofMillis(50));
                        }
                    }
                }));
            }
            Thread.sleep(WRITE_PHASE);
            server.kill();
            stop.set(true);
            for (Thread writer : writers) {
                writer.join(Duration.ofSeconds(30));
                assertThat(writer.isAlive()).as("%s stopped", writer.getName()).isFalse();
            }
        }
        return List.copyOf(acks);
    }

    private void verifyAfterRestart(ServerProcess server, List<Ack> acknowledged, int cycle) throws Exception {
        try (Client client = client(server)) {
            GetResponse all = client.getKVClient().get(bytes(ROOT), GetOption.builder().isPrefix(true).build())
                    .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            long recovered = all.getHeader().getRevision();
            Map<String, KeyValue> byKey = all.getKvs().stream()
                    .collect(Collectors.toMap(kv -> text(kv.getKey()), Function.identity()));

            Set<Long> ackRevisions = new HashSet<>();
            for (Ack ack : acknowledged) {
                assertThat(ackRevisions.add(ack.revision))
                        .as("cycle %d: revision %d acknowledged twice", cycle, ack.revision).isTrue();
                KeyValue kv = byKey.get(ack.key);
                assertThat(kv).as("cycle %d: acknowledged put %s lost after kill -9", cycle, ack).isNotNull();
                assertThat(text(kv.getValue())).as("value of %s", ack.key).isEqualTo(ack.value);
                assertThat(kv.getModRevision()).as("revision of %s", ack.key).isEqualTo(ack.revision);
            }

            assertThat(all.getKvs()).as("cycle %d: every key is a single put", cycle)
                    .allSatisfy(kv -> assertThat(kv.getVersion()).isEqualTo(1));
            assertThat(all.getKvs().stream().mapToLong(KeyValue::getModRevision).sorted().toArray())
                    .as("cycle %d: the revisions of all writes are exactly 2..%d: no gap, no repeat", cycle, recovered)
                    .containsExactly(LongStream.rangeClosed(2, recovered).toArray());

            long probe = client.getKVClient().put(bytes(ROOT + "probe/" + cycle), bytes("after restart " + cycle))
                    .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).getHeader().getRevision();
            assertThat(probe).as("cycle %d: the first put after the restart", cycle).isEqualTo(recovered + 1);

            System.out.printf("%s cycle %d: %d puts acknowledged so far, %d keys recovered at revision %d%n",
                    server.name(), cycle, acknowledged.size(), all.getKvs().size(), recovered);

            for (Ack ack : sample(acknowledged)) {
                List<KeyValue> then = client.getKVClient()
                        .get(bytes(ack.key), GetOption.builder().withRevision(ack.revision).build())
                        .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).getKvs();
                assertThat(then).as("historical read of %s", ack).singleElement()
                        .satisfies(kv -> assertThat(text(kv.getValue())).isEqualTo(ack.value));
            }
        }
    }

    /** A client that fails fast while the server is down instead of waiting for it. */
    private static Client client(ServerProcess server) {
        return Client.builder()
                .endpoints(server.endpoint())
                .waitForReady(false)
                .connectTimeout(Duration.ofSeconds(1))
                .retryMaxDuration(Duration.ofSeconds(2))
                .build();
    }

    private static List<Ack> sample(List<Ack> acks) {
        List<Ack> sample = new ArrayList<>();
        int step = Math.max(1, acks.size() / HISTORICAL_SAMPLE);
        for (int i = 0; i < acks.size(); i += step) {
            sample.add(acks.get(i));
        }
        if (!acks.isEmpty()) {
            sample.add(acks.getLast());
        }
        return sample;
    }

    private static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }

    private static String text(ByteSequence bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
