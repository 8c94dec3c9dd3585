package io.cairn.kv.server.mvcc;

import com.google.protobuf.ByteString;

/**
 * The keys a request names, in etcd's convention: {@code end} empty = the single key {@code key};
 * {@code end} = {@code "\0"} = every key at or after {@code key}; otherwise the half-open interval
 * {@code [key, end)} in byte order.
 *
 * @param key the first key
 * @param end the range end, in etcd's convention
 */
public record KeyRange(ByteString key, ByteString end) {

    private static final ByteString ZERO = ByteString.copyFrom(new byte[] {0});

    /** The range of a request's {@code key} and {@code range_end} fields. */
    public static KeyRange of(ByteString key, ByteString end) {
        return new KeyRange(key, end);
    }

    /** A single key. */
    public static KeyRange single(ByteString key) {
        return new KeyRange(key, ByteString.EMPTY);
    }

    /** True when the range names exactly one key. */
    public boolean isSingleKey() {
        return end.isEmpty();
    }

    /** True when the range has no upper bound ({@code end == "\0"}). */
    public boolean isUnbounded() {
        return end.equals(ZERO);
    }

    /** True when {@code k} lies in the range. */
    public boolean contains(ByteString k) {
        if (isSingleKey()) {
            return k.equals(key);
        }
        if (ByteString.unsignedLexicographicalComparator().compare(k, key) < 0) {
            return false;
        }
        return isUnbounded() || ByteString.unsignedLexicographicalComparator().compare(k, end) < 0;
    }

    /** True when a bounded range is empty ({@code end <= key}). */
    public boolean isEmptyInterval() {
        return !isSingleKey() && !isUnbounded()
                && ByteString.unsignedLexicographicalComparator().compare(end, key) <= 0;
    }
}
