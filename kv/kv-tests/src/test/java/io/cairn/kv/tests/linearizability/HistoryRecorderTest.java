package io.cairn.kv.tests.linearizability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The recorder under real concurrent client threads, and its bookkeeping of outcomes. */
class HistoryRecorderTest {

    private final AtomicLong ticks = new AtomicLong();
    private final HistoryRecorder recorder = HistoryRecorder.create(ticks::incrementAndGet);

    @Test
    void concurrentClientThreadsRecordALinearizableHistoryOfACorrectStore() throws Exception {
        SimpleKv store = new SimpleKv(1);
        List<Future<?>> clients = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (int c = 0; c < 4; c++) {
                int client = c;
                clients.add(pool.submit(() -> {
                    RandomRequests requests = new RandomRequests(new Random(client), 3);
                    for (int i = 0; i < 50; i++) {
                        Pending call = recorder.invoke(client, requests.next());
                        Response response;
                        synchronized (store) {
                            response = store.execute(call.request());
                        }
                        call.ok(response);
                    }
                }));
            }
            for (Future<?> client : clients) {
                client.get();
            }
        }
        History history = recorder.history();
        assertThat(history.operations()).hasSize(200);
        Report report = LinearizabilityChecker.check(history);
        assertThat(report.isLinearizable()).as(report.toString()).isTrue();
    }

    @Test
    void operationsStillInFlightWhenTheHistoryIsTakenAreUnknown() {
        recorder.invokePut(1, "k", "a");
        Pending get = recorder.invokeGet(2, "k");
        get.okGetAbsent(1);
        History history = recorder.history();
        assertThat(history.operations()).extracting(Operation::outcome)
                .first().isInstanceOf(Outcome.Unknown.class);
        assertThat(history.operations().get(1).completedAt()).isEqualTo(3);
        assertThat(LinearizabilityChecker.check(history).isLinearizable()).isTrue();
    }

    @Test
    void aFailedOperationKeepsItsCompletionTimeAndAnUnknownOneHasNone() {
        recorder.invokeDelete(1, "k").failed("invalid argument");
        recorder.invokePut(1, "k".getBytes(), "v".getBytes()).unknown("deadline exceeded");
        List<Operation> ops = recorder.history().operations();
        assertThat(ops.get(0).outcome()).isEqualTo(new Outcome.Failed(2, "invalid argument"));
        assertThat(ops.get(1).completedAt()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void anOperationCompletesOnlyOnce() {
        Pending put = recorder.invokePut(1, "k", "a");
        put.okPut(2);
        assertThatThrownBy(() -> put.unknown("late timeout")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aCompletionOfTheWrongKindIsRejected() {
        Pending put = recorder.invokePut(1, "k", "a");
        assertThatThrownBy(() -> put.okGetAbsent(1)).hasMessageContaining("not a Get");
    }
}
