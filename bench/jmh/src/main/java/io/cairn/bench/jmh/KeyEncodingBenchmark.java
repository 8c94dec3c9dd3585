package io.cairn.bench.jmh;

import io.cairn.kv.server.schema.Schema;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The {@link Schema} key encodings every put and read goes through: the escaped index key (user key + inverted
 * revision) of {@code CF_INDEX}, its seek key, and the 16-byte revision key of {@code CF_REVISION}, each encoded
 * and decoded.
 *
 * <p>Key lengths: 8 bytes (etcd's {@code benchmark put} default) and 64 bytes (a Kubernetes registry key such as
 * {@code /registry/pods/default/...}). The keys hold no zero byte, the common case; escaping then only copies.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class KeyEncodingBenchmark {

    @Param({"8", "64"})
    int keyLength;

    byte[] userKey;
    byte[] escaped;
    byte[] indexKey;
    byte[] revisionKey;
    long main = 1_234_567;
    long sub = 3;

    @Setup
    public void setup() {
        String base = "/registry/pods/default/nginx-deployment-7c5ddbdf54-x2k9f-abcdefghijklmnopqrstuvwxyz0123";
        userKey = base.substring(0, keyLength).getBytes(StandardCharsets.UTF_8);
        escaped = Schema.escapeKey(userKey);
        indexKey = Schema.indexKey(userKey, main, sub);
        revisionKey = Schema.revisionKey(main, sub);
    }

    /** A put's index key from its user key: escape, then append the inverted revision. */
    @Benchmark
    public byte[] indexKeyEncode() {
        return Schema.indexKey(userKey, main, sub);
    }

    /** A read's seek key into the index at a revision. */
    @Benchmark
    public byte[] indexSeekKeyEncode() {
        return Schema.indexSeekKey(userKey, main);
    }

    /** The user key back from an index key (un-escaping). */
    @Benchmark
    public byte[] indexKeyDecodeUserKey() {
        return Schema.userKeyOf(indexKey);
    }

    /** The revision back from an index key. */
    @Benchmark
    public long indexKeyDecodeRevision() {
        return Schema.indexMain(indexKey) ^ Schema.indexSub(indexKey);
    }

    /** Whether an index key belongs to a user key (the check of every step of a scan). */
    @Benchmark
    public boolean indexKeyPrefixCheck() {
        return Schema.indexKeyHasEscapedPrefix(indexKey, escaped);
    }

    /** The {@code CF_REVISION} key of a revision. */
    @Benchmark
    public byte[] revisionKeyEncode() {
        return Schema.revisionKey(main, sub);
    }

    /** The revision back from a {@code CF_REVISION} key. */
    @Benchmark
    public long revisionKeyDecode() {
        return Schema.revisionMain(revisionKey) ^ Schema.revisionSub(revisionKey);
    }
}
