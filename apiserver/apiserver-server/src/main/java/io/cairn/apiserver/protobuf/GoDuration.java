package io.cairn.apiserver.protobuf;

import java.math.BigInteger;

/**
 * Go's {@code time.Duration.String()} form of a nanosecond count: "1h2m3.5s", "1m0s", "1.5ms", "0s".
 *
 * <p>Why: a {@code metav1.Duration} is written to JSON as that string, while protobuf carries the bare int64.
 */
final class GoDuration {

    private static final long MICRO = 1_000L;
    private static final long MILLI = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;

    private GoDuration() {
    }

    /** The Go string of {@code nanos} nanoseconds. */
    static String format(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        String sign = nanos < 0 ? "-" : "";
        // the magnitude of Long.MIN_VALUE does not fit a long
        BigInteger magnitude = BigInteger.valueOf(nanos).abs();
        if (magnitude.compareTo(BigInteger.valueOf(SECOND)) < 0) {
            long n = magnitude.longValueExact();
            if (n < MICRO) {
                return sign + n + "ns";
            }
            if (n < MILLI) {
                return sign + fraction(n, MICRO) + "µs";
            }
            return sign + fraction(n, MILLI) + "ms";
        }
        BigInteger[] secondsAndNanos = magnitude.divideAndRemainder(BigInteger.valueOf(SECOND));
        long totalSeconds = secondsAndNanos[0].longValueExact();
        long hours = totalSeconds / 3600;
        long minutes = totalSeconds / 60 % 60;
        String seconds = fraction(totalSeconds % 60 * SECOND + secondsAndNanos[1].longValueExact(), SECOND) + "s";
        if (hours > 0) {
            return sign + hours + "h" + minutes + "m" + seconds;
        }
        if (minutes > 0) {
            return sign + minutes + "m" + seconds;
        }
        return sign + seconds;
    }

    /** {@code value / unit} as a decimal with trailing zeros of the fraction dropped. */
    private static String fraction(long value, long unit) {
        long whole = value / unit;
        long rest = value % unit;
        if (rest == 0) {
            return Long.toString(whole);
        }
        String digits = Long.toString(unit + rest).substring(1).replaceFirst("0+$", "");
        return whole + "." + digits;
    }
}
