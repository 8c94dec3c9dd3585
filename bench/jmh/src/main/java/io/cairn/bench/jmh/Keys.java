package io.cairn.bench.jmh;

import com.google.protobuf.ByteString;
import io.cairn.kv.server.apply.Applier;
import io.cairn.kv.server.apply.Command;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.TxnRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The benchmarks' keyspace: {@code /bench/GGGGG/J}, groups of {@link #PER_GROUP} keys under one prefix, with
 * 256-byte values (etcd's performance guide's value size), and a loader that writes it through the apply step.
 *
 * <p>Why a shared layout: the read benchmarks need a prefix with a known number of keys, and the loader must write
 * as members do (Txns of puts through {@link Applier}), so that every table the reads touch is filled.
 */
public final class Keys {

    /** Keys under each group prefix. */
    public static final int PER_GROUP = 10;
    /** Value size in bytes. */
    public static final int VALUE_BYTES = 256;
    /** Puts per loading Txn (one revision each). */
    static final int PUTS_PER_TXN = 100;

    private Keys() {
    }

    /** The prefix of group {@code g}. */
    public static ByteString prefix(int g) {
        return ByteString.copyFrom(String.format("/bench/%05d/", g), StandardCharsets.UTF_8);
    }

    /** The {@code i}-th key ({@code i / PER_GROUP} is its group). */
    public static ByteString key(int i) {
        return prefix(i / PER_GROUP).concat(ByteString.copyFromUtf8(Integer.toString(i % PER_GROUP)));
    }

    /** etcd's range end of a prefix: the prefix with its last byte incremented. */
    public static ByteString prefixEnd(ByteString prefix) {
        byte[] end = prefix.toByteArray();
        end[end.length - 1]++;
        return ByteString.copyFrom(end);
    }

    /** A value of {@link #VALUE_BYTES} bytes, different for each {@code seed}. */
    public static ByteString value(long seed) {
        byte[] v = new byte[VALUE_BYTES];
        for (int i = 0; i < v.length; i++) {
            v[i] = (byte) ('a' + (seed + i) % 26);
        }
        return ByteString.copyFrom(v);
    }

    /**
     * Writes keys {@code 0 .. count-1} through {@code applier} in Txns of {@link #PUTS_PER_TXN} puts, starting at
     * Raft index {@code index}.
     *
     * @return the next unused Raft index
     */
    public static long load(Applier applier, long index, int count, long seed) {
        for (int from = 0; from < count; from += PUTS_PER_TXN) {
            TxnRequest.Builder txn = TxnRequest.newBuilder();
            for (int i = from; i < Math.min(count, from + PUTS_PER_TXN); i++) {
                txn.addSuccess(RequestOp.newBuilder()
                        .setRequestPut(PutRequest.newBuilder().setKey(key(i)).setValue(value(seed + i))));
            }
            applier.apply(index++, ByteBuffer.wrap(new Command.Txn(txn.build()).encode()));
        }
        return index;
    }
}
