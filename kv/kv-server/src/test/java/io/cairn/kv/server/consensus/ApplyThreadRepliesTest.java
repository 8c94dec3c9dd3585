package io.cairn.kv.server.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.sofa.jraft.Closure;
import com.alipay.sofa.jraft.Iterator;
import com.alipay.sofa.jraft.Status;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Which thread answers the proposers of an applied batch: the apply thread for a small batch of proposals that only
 * answer clients, the reply executor for a larger batch or for any other proposer.
 */
class ApplyThreadRepliesTest {

    /** The reply executor: tasks wait here until the test runs them. */
    private final ArrayDeque<Runnable> executor = new ArrayDeque<>();
    private final JRaftStateMachine fsm = new JRaftStateMachine(new EchoIndex(), 0, () -> { }, executor::add);
    private long nextIndex = 1;

    @Test
    void aSmallBatchOfClientProposalsIsAnsweredOnTheApplyThread() {
        List<JRaftConsensus.ProposalClosure> batch = proposals(JRaftStateMachine.REPLY_HERE, true);
        AtomicReference<Thread> answeredOn = new AtomicReference<>();
        batch.getFirst().future.whenComplete((r, e) -> answeredOn.set(Thread.currentThread()));

        fsm.onApply(new Batch(batch));

        assertThat(executor).isEmpty();
        assertThat(batch).allSatisfy(p -> assertThat(p.future).isCompleted());
        assertThat(answeredOn.get()).isSameAs(Thread.currentThread());
        assertThat(batch.stream().map(p -> p.future.join()).toList())
                .containsExactly(indexes(1, JRaftStateMachine.REPLY_HERE));
    }

    @Test
    void aLargerBatchIsAnsweredByTheExecutor() {
        List<JRaftConsensus.ProposalClosure> batch = proposals(JRaftStateMachine.REPLY_HERE + 1, true);

        fsm.onApply(new Batch(batch));

        assertThat(batch).allSatisfy(p -> assertThat(p.future).isNotDone());
        assertThat(executor).hasSize(1);
        executor.poll().run();
        assertThat(batch.stream().map(p -> p.future.join()).toList())
                .containsExactly(indexes(1, JRaftStateMachine.REPLY_HERE + 1));
    }

    @Test
    void aProposalThatMayBlockIsNeverAnsweredOnTheApplyThread() {
        List<JRaftConsensus.ProposalClosure> batch = new ArrayList<>(proposals(1, true));
        batch.addAll(proposals(1, false));

        fsm.onApply(new Batch(batch));

        assertThat(batch).allSatisfy(p -> assertThat(p.future).isNotDone());
        executor.poll().run();
        assertThat(batch).allSatisfy(p -> assertThat(p.future).isCompleted());
    }

    private List<JRaftConsensus.ProposalClosure> proposals(int n, boolean answersClient) {
        List<JRaftConsensus.ProposalClosure> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new JRaftConsensus.ProposalClosure(new RaftCounters(), answersClient));
        }
        return out;
    }

    private static Object[] indexes(long from, int n) {
        Object[] out = new Object[n];
        for (int i = 0; i < n; i++) {
            out[i] = from + i;
        }
        return out;
    }

    /** Log entries carrying the given closures, one each, from index 1 on. */
    private final class Batch implements Iterator {
        private final List<JRaftConsensus.ProposalClosure> closures;
        private final long first = nextIndex;
        private int at;

        Batch(List<JRaftConsensus.ProposalClosure> closures) {
            this.closures = closures;
            nextIndex += closures.size();
        }

        @Override
        public boolean hasNext() {
            return at < closures.size();
        }

        @Override
        public ByteBuffer next() {
            at++;
            return null;
        }

        @Override
        public ByteBuffer getData() {
            return ByteBuffer.wrap(new byte[] {1});
        }

        @Override
        public long getIndex() {
            return first + at;
        }

        @Override
        public long getTerm() {
            return 1;
        }

        @Override
        public Closure done() {
            return closures.get(at);
        }

        @Override
        public void setAutoCommitPerLog(boolean status) {
        }

        @Override
        public boolean commit() {
            return false;
        }

        @Override
        public void commitAndSnapshotSync(Closure done) {
        }

        @Override
        public void setErrorAndRollback(long ntail, Status st) {
        }
    }

    /** A state machine whose result for an entry is the entry's index. */
    private static final class EchoIndex implements StateMachine {
        @Override
        public Object apply(long index, ByteBuffer data) {
            return index;
        }

        @Override
        public long appliedIndex() {
            return 0;
        }

        @Override
        public List<String> saveSnapshot(Path dir) {
            return List.of();
        }

        @Override
        public boolean loadSnapshot(Path dir) {
            return true;
        }

        @Override
        public byte[] encodeResult(Object result) {
            return new byte[0];
        }

        @Override
        public Object decodeResult(byte[] encoded) {
            return null;
        }
    }
}
