package io.cairn.bench;

import com.google.protobuf.ByteString;

/**
 * The keys of {@code put}, {@code txn-put} and {@code txn-mixed}, encoded as etcd 3.4's benchmark encodes them.
 *
 * <p>Why: results are only comparable with etcd's published figures if the requests are the same. etcd writes a
 * {@code --key-size}-byte key that starts with Go's {@code binary.PutVarint} (zig-zag varint) of the key number
 * and is zero-padded; the number is {@code i % key-space-size} with {@code --sequential-keys} and a random number
 * below {@code key-space-size} otherwise.
 */
final class KeyGenerator {

    private final int keySize;
    private final long keySpace;
    private final boolean sequential;
    private final SeqRandom random;

    /** Throws {@link IllegalArgumentException} when the key space is empty or its numbers do not fit the size. */
    KeyGenerator(int keySize, long keySpace, boolean sequential, SeqRandom random) {
        if (keySpace <= 0) {
            throw new IllegalArgumentException("expected positive --key-space-size, got (" + keySpace + ")");
        }
        if (varintLength(keySpace - 1) > keySize) {
            throw new IllegalArgumentException("--key-size " + keySize + " is too small for --key-space-size "
                    + keySpace + " (needs " + varintLength(keySpace - 1) + " bytes)");
        }
        this.keySize = keySize;
        this.keySpace = keySpace;
        this.sequential = sequential;
        this.random = random;
    }

    /** The key number of request {@code seq}. */
    long number(long seq) {
        return sequential ? Math.floorMod(seq, keySpace) : random.below(seq, keySpace);
    }

    /** The key of request {@code seq}. */
    ByteString key(long seq) {
        return encode(number(seq), keySize);
    }

    /** {@code size} bytes: the zig-zag varint of {@code n}, then zeros. */
    static ByteString encode(long n, int size) {
        byte[] key = new byte[size];
        long u = (n << 1) ^ (n >> 63);
        int i = 0;
        while ((u & ~0x7FL) != 0) {
            key[i++] = (byte) ((u & 0x7F) | 0x80);
            u >>>= 7;
        }
        key[i] = (byte) u;
        return ByteString.copyFrom(key);
    }

    /** Bytes taken by the zig-zag varint of {@code n}. */
    static int varintLength(long n) {
        long u = (n << 1) ^ (n >> 63);
        int length = 1;
        while ((u & ~0x7FL) != 0) {
            length++;
            u >>>= 7;
        }
        return length;
    }
}
