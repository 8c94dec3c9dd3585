package io.cairn.kv.server.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.kv.server.errors.KvException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ForwardBatcherTest {

    /** A leader whose calls stay open until the test answers them. */
    private static final class Leader {
        final List<List<byte[]>> requests = new ArrayList<>();
        final List<CompletableFuture<byte[]>> replies = new ArrayList<>();

        synchronized CompletableFuture<byte[]> call(byte[] request) {
            requests.add(ForwardBatcher.decodeRequest(request));
            CompletableFuture<byte[]> reply = new CompletableFuture<>();
            replies.add(reply);
            return reply;
        }

        /** Answers call {@code n} by echoing each proposal with "ok:" in front, failing those named "fail". */
        void answer(int n) {
            List<Object> answers = new ArrayList<>();
            for (byte[] p : requests.get(n)) {
                String s = new String(p, StandardCharsets.UTF_8);
                answers.add(s.equals("fail") ? new KvException.Compacted() : bytes("ok:" + s));
            }
            replies.get(n).complete(ForwardBatcher.encodeReply(answers));
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(CompletableFuture<byte[]> f) throws Exception {
        return new String(f.get(), StandardCharsets.UTF_8);
    }

    @Test
    void aLightlyLoadedFollowerSendsEachProposalAtOnce() throws Exception {
        Leader leader = new Leader();
        ForwardBatcher batcher = new ForwardBatcher(leader::call);

        CompletableFuture<byte[]> first = batcher.forward(bytes("a"));
        assertThat(leader.requests).hasSize(1);
        leader.answer(0);
        assertThat(text(first)).isEqualTo("ok:a");

        CompletableFuture<byte[]> second = batcher.forward(bytes("b"));
        assertThat(leader.requests).hasSize(2);
        leader.answer(1);
        assertThat(text(second)).isEqualTo("ok:b");
    }

    @Test
    void proposalsThatQueueWhileCallsAreInFlightGoInOneCallWithEachAnswerToItsOwnProposal() throws Exception {
        Leader leader = new Leader();
        ForwardBatcher batcher = new ForwardBatcher(leader::call);
        List<CompletableFuture<byte[]>> early = new ArrayList<>();
        for (int i = 0; i < ForwardBatcher.MAX_IN_FLIGHT; i++) {
            early.add(batcher.forward(bytes("early" + i)));
        }
        assertThat(leader.requests).hasSize(ForwardBatcher.MAX_IN_FLIGHT);

        List<CompletableFuture<byte[]>> queued = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            queued.add(batcher.forward(bytes(i == 3 ? "fail" : "q" + i)));
        }
        assertThat(leader.requests).as("no call is sent while the limit is reached").hasSize(ForwardBatcher.MAX_IN_FLIGHT);

        leader.answer(0);
        assertThat(leader.requests).hasSize(ForwardBatcher.MAX_IN_FLIGHT + 1);
        assertThat(leader.requests.getLast()).hasSize(10);
        leader.answer(ForwardBatcher.MAX_IN_FLIGHT);
        for (int i = 0; i < 10; i++) {
            if (i == 3) {
                assertThat(queued.get(i)).failsWithin(java.time.Duration.ZERO)
                        .withThrowableOfType(ExecutionException.class).withCauseInstanceOf(KvException.Compacted.class);
            } else {
                assertThat(text(queued.get(i))).isEqualTo("ok:q" + i);
            }
        }
        assertThat(text(early.get(0))).isEqualTo("ok:early0");
        assertThat(early.get(1)).isNotDone();
    }

    @Test
    void aFailedCallFailsEveryProposalInItWithTheSameStoreError() {
        Leader leader = new Leader();
        ForwardBatcher batcher = new ForwardBatcher(leader::call);
        for (int i = 0; i < ForwardBatcher.MAX_IN_FLIGHT; i++) {
            batcher.forward(bytes("x" + i));
        }
        CompletableFuture<byte[]> a = batcher.forward(bytes("a"));
        CompletableFuture<byte[]> b = batcher.forward(bytes("b"));
        leader.replies.get(0).completeExceptionally(new KvException.NotLeader());
        leader.replies.get(ForwardBatcher.MAX_IN_FLIGHT).completeExceptionally(
                new java.util.concurrent.CompletionException(new KvException.NoLeader()));

        assertThat(a).failsWithin(java.time.Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(KvException.NoLeader.class);
        assertThat(b).failsWithin(java.time.Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(KvException.NoLeader.class);
    }

    @Test
    void theLeaderAnswersEveryProposalOfARequestInOrderEvenWhenSomeFail() throws Exception {
        byte[] request = encodeAll(List.of(bytes("one"), bytes("two"), bytes("three")));

        byte[] reply = ForwardBatcher.answer(request, p -> {
            String s = new String(p, StandardCharsets.UTF_8);
            return s.equals("two") ? CompletableFuture.failedFuture(new KvException.Compacted())
                    : CompletableFuture.completedFuture(bytes(s.toUpperCase()));
        }).get();

        List<Object> answers = ForwardBatcher.decodeReply(reply);
        assertThat(answers).hasSize(3);
        assertThat(new String((byte[]) answers.get(0), StandardCharsets.UTF_8)).isEqualTo("ONE");
        assertThat(answers.get(1)).isInstanceOf(KvException.Compacted.class);
        assertThat(new String((byte[]) answers.get(2), StandardCharsets.UTF_8)).isEqualTo("THREE");
    }

    @Test
    void aRequestClaimingMoreProposalsThanABatchHoldsIsRefused() {
        byte[] request = java.nio.ByteBuffer.allocate(4).putInt(ForwardBatcher.MAX_ITEMS + 1).array();
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> ForwardBatcher.decodeRequest(request));
    }

    private static byte[] encodeAll(List<byte[]> proposals) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.nio.ByteBuffer head = java.nio.ByteBuffer.allocate(4).putInt(proposals.size());
        out.writeBytes(head.array());
        for (byte[] p : proposals) {
            out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(p.length).array());
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
