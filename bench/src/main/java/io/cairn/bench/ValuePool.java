package io.cairn.bench;

import com.google.protobuf.ByteString;
import java.util.random.RandomGenerator;

/**
 * Incompressible values for writes: each request gets a different slice of one block of random bytes.
 *
 * <p>Why: a store that compresses its data (Cairn's RocksDB does, etcd's bbolt does not) would look better than it
 * is if every value were the same or all zeros. Slicing a 1 MiB random block at a per-request offset gives
 * distinct, incompressible values without generating random bytes on the hot path; the slice shares the block's
 * memory.
 */
final class ValuePool {

    private static final int BLOCK = 1 << 20;

    private final ByteString block;
    private final byte[] bytes;
    private final int size;
    private final SeqRandom offsets;

    ValuePool(int size, RandomGenerator random, SeqRandom offsets) {
        if (size < 0) {
            throw new IllegalArgumentException("negative value size");
        }
        this.size = size;
        this.bytes = new byte[Math.max(BLOCK, size * 2)];
        random.nextBytes(bytes);
        this.block = ByteString.copyFrom(bytes);
        this.offsets = offsets;
    }

    /** The value size. */
    int size() {
        return size;
    }

    /** The value of request {@code seq}. */
    ByteString value(long seq) {
        int offset = (int) offsets.below(seq, bytes.length - size + 1);
        return block.substring(offset, offset + size);
    }

    /** Copies the value of request {@code seq} into {@code target} from {@code from} to its end. */
    void fill(long seq, byte[] target, int from) {
        int length = target.length - from;
        int offset = (int) offsets.below(seq, bytes.length - length + 1);
        System.arraycopy(bytes, offset, target, from, length);
    }
}
