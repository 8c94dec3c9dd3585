package io.cairn.kv.server.consensus;

import io.cairn.kv.server.errors.KvException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Carries the proposals a follower forwards to one leader in batches: one peer call holds every proposal that
 * queued up while earlier calls were on the wire, and its reply holds each proposal's own answer.
 *
 * <p>Why: forwarding one client write per peer call cost a round trip, a serialised request and a reply each —
 * a follower loaded as hard as the leader reached about 60 % of the leader's write rate. etcd's followers send
 * proposals inside Raft messages, many per message. A lightly loaded follower still sends each proposal at once
 * (a call is started whenever fewer than {@link #MAX_IN_FLIGHT} are outstanding), so batching adds no delay;
 * under load the queue fills while calls are in flight and the next call takes all of it.
 *
 * <p>Each proposal's future completes as a single call's would: with the answer's bytes, or with the
 * {@link KvException} the leader raised for that proposal (or for the whole call), so the caller's retry rules
 * are unchanged.
 */
final class ForwardBatcher {
    /** Peer calls outstanding at once per leader. */
    static final int MAX_IN_FLIGHT = 4;
    /** Upper bounds of one call. */
    static final int MAX_ITEMS = 1024;
    static final int MAX_BYTES = 4 << 20;

    private static final byte OK = 0;
    private static final byte FAILED = 1;

    private final Function<byte[], CompletableFuture<byte[]>> call;
    private final ArrayDeque<Item> queue = new ArrayDeque<>();
    private int inFlight;

    /** @param call sends one encoded batch to the leader and returns its encoded reply */
    ForwardBatcher(Function<byte[], CompletableFuture<byte[]>> call) {
        this.call = call;
    }

    private record Item(byte[] payload, CompletableFuture<byte[]> result) {
    }

    /** Forwards one proposal; completes with the leader's answer to it. */
    CompletableFuture<byte[]> forward(byte[] proposal) {
        Item item = new Item(proposal, new CompletableFuture<>());
        synchronized (this) {
            queue.add(item);
        }
        pump();
        return item.result;
    }

    private void pump() {
        List<Item> batch;
        synchronized (this) {
            if (inFlight >= MAX_IN_FLIGHT || queue.isEmpty()) {
                return;
            }
            batch = new ArrayList<>(Math.min(queue.size(), MAX_ITEMS));
            long bytes = 0;
            while (!queue.isEmpty() && batch.size() < MAX_ITEMS
                    && (batch.isEmpty() || bytes + queue.peek().payload.length <= MAX_BYTES)) {
                Item next = queue.poll();
                bytes += next.payload.length;
                batch.add(next);
            }
            inFlight++;
        }
        CompletableFuture<byte[]> reply;
        try {
            reply = call.apply(encodeRequest(batch));
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        reply.whenComplete((bytes, err) -> {
            synchronized (this) {
                inFlight--;
            }
            try {
                if (err != null) {
                    Throwable cause = cause(err);
                    batch.forEach(i -> i.result.completeExceptionally(cause));
                } else {
                    completeEach(batch, bytes);
                }
            } finally {
                pump();
            }
        });
    }

    private static void completeEach(List<Item> batch, byte[] reply) {
        List<Object> answers;
        try {
            answers = decodeReply(reply);
        } catch (RuntimeException e) {
            batch.forEach(i -> i.result.completeExceptionally(new KvException.Timeout()));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            Object answer = i < answers.size() ? answers.get(i) : new KvException.Timeout();
            if (answer instanceof byte[] bytes) {
                batch.get(i).result.complete(bytes);
            } else {
                batch.get(i).result.completeExceptionally((KvException) answer);
            }
        }
    }

    // ---- encoding: a count, then length-prefixed proposals; the reply a count, then per proposal a status byte
    // and either the answer's bytes or the simple name of the KvException raised for it ----------------------------

    static byte[] encodeRequest(List<Item> batch) {
        int size = 4;
        for (Item i : batch) {
            size += 4 + i.payload.length;
        }
        ByteBuffer b = ByteBuffer.allocate(size).putInt(batch.size());
        for (Item i : batch) {
            b.putInt(i.payload.length).put(i.payload);
        }
        return b.array();
    }

    /** The proposals of a request, in order. */
    static List<byte[]> decodeRequest(byte[] request) {
        ByteBuffer b = ByteBuffer.wrap(request);
        int count = b.getInt();
        if (count < 0 || count > MAX_ITEMS) {
            throw new IllegalArgumentException("bad forwarded batch of " + count + " proposals");
        }
        List<byte[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] p = new byte[b.getInt()];
            b.get(p);
            out.add(p);
        }
        return out;
    }

    /** A reply from each proposal's answer: its bytes, or the exception it failed with. */
    static byte[] encodeReply(List<Object> answers) {
        List<byte[]> parts = new ArrayList<>(answers.size());
        int size = 4;
        for (Object a : answers) {
            byte[] part = a instanceof byte[] bytes ? bytes
                    : (a instanceof KvException kv ? kv.getClass().getSimpleName()
                            : KvException.Timeout.class.getSimpleName()).getBytes(StandardCharsets.UTF_8);
            parts.add(part);
            size += 1 + 4 + part.length;
        }
        ByteBuffer b = ByteBuffer.allocate(size).putInt(answers.size());
        for (int i = 0; i < answers.size(); i++) {
            b.put(answers.get(i) instanceof byte[] ? OK : FAILED).putInt(parts.get(i).length).put(parts.get(i));
        }
        return b.array();
    }

    /** Each answer of a reply: {@code byte[]} or {@link KvException}. */
    static List<Object> decodeReply(byte[] reply) {
        ByteBuffer b = ByteBuffer.wrap(reply);
        int count = b.getInt();
        List<Object> out = new ArrayList<>(Math.max(0, Math.min(count, MAX_ITEMS)));
        for (int i = 0; i < count; i++) {
            byte status = b.get();
            byte[] part = new byte[b.getInt()];
            b.get(part);
            out.add(status == OK ? part : KvException.byName(new String(part, StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** Strips the wrapper a future's failure may carry. */
    static Throwable cause(Throwable err) {
        return err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
    }

    /** Answers a request on the leader with {@code propose} run for each of its proposals, in order. */
    static CompletableFuture<byte[]> answer(byte[] request, Function<byte[], CompletableFuture<byte[]>> propose) {
        List<byte[]> proposals = decodeRequest(request);
        List<CompletableFuture<Object>> answers = new ArrayList<>(proposals.size());
        for (byte[] p : proposals) {
            CompletableFuture<byte[]> f;
            try {
                f = propose.apply(p);
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            answers.add(f.handle((bytes, err) -> err == null ? bytes : cause(err)));
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<Object> out = new ArrayList<>(answers.size());
            answers.forEach(a -> out.add(a.join()));
            return encodeReply(out);
        });
    }
}
