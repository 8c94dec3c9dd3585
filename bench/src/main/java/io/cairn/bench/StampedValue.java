package io.cairn.bench;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import java.nio.ByteBuffer;

/**
 * The value the watch workloads write: the send time and the put's sequence number, then random padding.
 *
 * <p>Why: a watcher can then tell, from the event alone, which put it sees (to check that it sees each put once and
 * in order) and how long ago it was sent (delivery latency), without any shared table on the hot path. The time
 * is the generator's own monotonic clock, so it is only meaningful inside the process that wrote it.
 * Layout: 8 bytes of send time (big-endian nanoseconds), 8 bytes of sequence number, padding to the value size.
 */
final class StampedValue {

    /** The smallest stamped value: time and sequence number. */
    static final int HEADER_BYTES = 16;

    private StampedValue() {
    }

    /** A value of {@code max(size, 16)} bytes stamped with {@code sentNanos} and {@code seq}. */
    static ByteString encode(long sentNanos, long seq, int size, ValuePool padding) {
        byte[] value = new byte[Math.max(size, HEADER_BYTES)];
        ByteBuffer.wrap(value).putLong(sentNanos).putLong(seq);
        if (value.length > HEADER_BYTES) {
            padding.fill(seq, value, HEADER_BYTES);
        }
        return UnsafeByteOperations.unsafeWrap(value);
    }

    /** Whether {@code value} is long enough to carry a stamp. */
    static boolean stamped(ByteString value) {
        return value.size() >= HEADER_BYTES;
    }

    /** The send time of a stamped value. */
    static long sentNanos(ByteString value) {
        return readLong(value, 0);
    }

    /** The sequence number of a stamped value. */
    static long seq(ByteString value) {
        return readLong(value, 8);
    }

    private static long readLong(ByteString value, int from) {
        long v = 0;
        for (int i = from; i < from + 8; i++) {
            v = (v << 8) | (value.byteAt(i) & 0xFF);
        }
        return v;
    }
}
