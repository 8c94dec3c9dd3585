package io.cairn.kv.tests.linearizability;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An immutable key or value: etcd keys and values are byte strings, and a history must compare them by content.
 *
 * <p>Why not {@code byte[]}: records holding arrays compare references, so the model's states and responses would
 * never be equal to the observed ones. The array is copied on the way in and never handed out.
 */
public final class Bytes implements Comparable<Bytes> {

    private final byte[] bytes;
    private final int hash;

    private Bytes(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /** A copy of {@code bytes}. */
    public static Bytes of(byte[] bytes) {
        return new Bytes(bytes.clone());
    }

    /** The UTF-8 encoding of {@code text}. */
    public static Bytes of(String text) {
        return new Bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A copy of the bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** Unsigned lexicographic order, as etcd compares values ({@code bytes.Compare} in Go). */
    @Override
    public int compareTo(Bytes other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes other && hash == other.hash && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** The text if every byte is printable ASCII, otherwise hex, so that reports stay readable. */
    @Override
    public String toString() {
        for (byte b : bytes) {
            if (b < 0x20 || b > 0x7E) {
                StringBuilder hex = new StringBuilder("0x");
                for (byte x : bytes) {
                    hex.append(String.format("%02x", x));
                }
                return hex.toString();
            }
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
