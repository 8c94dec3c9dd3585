package io.cairn.apiserver.store;

import com.google.protobuf.ByteString;
import io.cairn.apiserver.status.StatusException;
import io.cairn.apiserver.status.Statuses;
import io.etcd.jetcd.api.Compare;
import io.etcd.jetcd.api.DeleteRangeRequest;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.KeyValue;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RangeResponse;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.TxnRequest;
import io.etcd.jetcd.api.TxnResponse;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Reads and guarded writes of objects in the etcd v3 store, as kube-apiserver's etcd3 storage does them.
 *
 * <p>Why: kube's optimistic concurrency is the store's: a create is a transaction "key does not exist", an update
 * "mod revision still equals the resourceVersion read", so two writers can never both win. Store failures become
 * kube Status errors here (compacted revision → 410, unavailable → 504), once.
 */
public final class ObjectStore {
    private final KVGrpc.KVBlockingStub kv;
    private final Duration timeout;

    public ObjectStore(Channel channel, Duration timeout) {
        this.kv = KVGrpc.newBlockingStub(channel);
        this.timeout = timeout;
    }

    /** The current value of a key, with its mod revision. */
    public Optional<Entry> get(String key) {
        RangeResponse r = call(() -> stub().range(RangeRequest.newBuilder().setKey(bytes(key)).build()));
        return r.getKvsCount() == 0 ? Optional.empty() : Optional.of(entry(r.getKvs(0)));
    }

    /**
     * Keys in [{@code from}, end of {@code prefix}) at {@code revision} (0 = latest), at most {@code limit} (0 = all).
     *
     * @throws StatusException 410 when the revision has been compacted
     */
    public Page list(String prefix, String from, long revision, long limit) {
        RangeRequest.Builder b = RangeRequest.newBuilder().setKey(bytes(from)).setRangeEnd(prefixEnd(prefix))
                .setRevision(revision).setLimit(limit);
        RangeResponse r = call(() -> stub().range(b.build()));
        List<Entry> out = new ArrayList<>(r.getKvsCount());
        for (KeyValue kvp : r.getKvsList()) {
            out.add(entry(kvp));
        }
        return new Page(out, r.getHeader().getRevision(), r.getMore());
    }

    /** The number of keys under a prefix at {@code revision} (0 = latest). */
    public long count(String prefix, String from, long revision) {
        RangeRequest.Builder b = RangeRequest.newBuilder().setKey(bytes(from)).setRangeEnd(prefixEnd(prefix))
                .setRevision(revision).setCountOnly(true);
        return call(() -> stub().range(b.build())).getCount();
    }

    /** The store's current revision. */
    public long currentRevision() {
        RangeResponse r = call(() -> stub().range(RangeRequest.newBuilder().setKey(bytes("\0")).setCountOnly(true)
                .build()));
        return r.getHeader().getRevision();
    }

    /** Writes a new key; returns the new revision, or empty if the key exists. */
    public OptionalLong create(String key, byte[] value) {
        Compare absent = Compare.newBuilder().setKey(bytes(key)).setTarget(Compare.CompareTarget.CREATE)
                .setResult(Compare.CompareResult.EQUAL).setCreateRevision(0).build();
        return guarded(absent, RequestOp.newBuilder().setRequestPut(PutRequest.newBuilder().setKey(bytes(key))
                .setValue(ByteString.copyFrom(value))).build());
    }

    /** Replaces a key if its mod revision is still {@code expected}; returns the new revision or empty. */
    public OptionalLong update(String key, byte[] value, long expected) {
        return guarded(unchanged(key, expected), RequestOp.newBuilder().setRequestPut(PutRequest.newBuilder()
                .setKey(bytes(key)).setValue(ByteString.copyFrom(value))).build());
    }

    /** Deletes a key if its mod revision is still {@code expected}; returns the deletion revision or empty. */
    public OptionalLong delete(String key, long expected) {
        return guarded(unchanged(key, expected), RequestOp.newBuilder().setRequestDeleteRange(
                DeleteRangeRequest.newBuilder().setKey(bytes(key))).build());
    }

    private static Compare unchanged(String key, long expected) {
        return Compare.newBuilder().setKey(bytes(key)).setTarget(Compare.CompareTarget.MOD)
                .setResult(Compare.CompareResult.EQUAL).setModRevision(expected).build();
    }

    private OptionalLong guarded(Compare compare, RequestOp op) {
        TxnResponse r = call(() -> stub().txn(TxnRequest.newBuilder().addCompare(compare).addSuccess(op).build()));
        return r.getSucceeded() ? OptionalLong.of(r.getHeader().getRevision()) : OptionalLong.empty();
    }

    private KVGrpc.KVBlockingStub stub() {
        return kv.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static <T> T call(java.util.function.Supplier<T> c) {
        try {
            return c.get();
        } catch (StatusRuntimeException e) {
            throw translate(e);
        }
    }

    static StatusException translate(StatusRuntimeException e) {
        Status s = e.getStatus();
        String d = String.valueOf(s.getDescription());
        if (d.contains("required revision has been compacted")) {
            return Statuses.expired("The resourceVersion for the provided list is too old.");
        }
        if (s.getCode() == Status.Code.DEADLINE_EXCEEDED || s.getCode() == Status.Code.UNAVAILABLE) {
            return Statuses.timeout("The request did not complete in time: " + d);
        }
        return Statuses.internal(d);
    }

    static Entry entry(KeyValue kvp) {
        return new Entry(kvp.getKey().toStringUtf8(), kvp.getValue().toByteArray(), kvp.getModRevision());
    }

    static ByteString bytes(String s) {
        return ByteString.copyFrom(s, StandardCharsets.UTF_8);
    }

    /** The first key after every key starting with {@code prefix}. */
    static ByteString prefixEnd(String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
        for (int i = p.length - 1; i >= 0; i--) {
            if (p[i] != (byte) 0xff) {
                byte[] end = java.util.Arrays.copyOf(p, i + 1);
                end[i]++;
                return ByteString.copyFrom(end);
            }
        }
        return ByteString.copyFrom(new byte[] {0});
    }
}
