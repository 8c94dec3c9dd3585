package io.cairn.apiserver.table;

import java.time.Duration;

/**
 * Formats an elapsed time the way kube-apiserver's AGE cells do ("45s", "3m20s", "5h10m", "4d3h", "2y10d").
 *
 * <p>Why: kubectl prints the server's text as is, so the rounding rules have to match apimachinery's
 * {@code duration.HumanDuration}: about two to three significant figures, {@code 0s} for a clock skew under two
 * seconds, {@code <invalid>} for anything further in the future.
 */
final class HumanDuration {

    private static final long SECOND = 1_000_000_000L;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;

    private HumanDuration() {
    }

    static String format(Duration elapsed) {
        long nanos = saturatedNanos(elapsed);
        long seconds = nanos / SECOND;
        if (seconds < -1) {
            return "<invalid>";
        }
        if (seconds < 0) {
            return "0s";
        }
        if (seconds < 60 * 2) {
            return seconds + "s";
        }
        long minutes = nanos / MINUTE;
        if (minutes < 10) {
            long s = seconds % 60;
            return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
        }
        if (minutes < 60 * 3) {
            return minutes + "m";
        }
        long hours = nanos / HOUR;
        if (hours < 8) {
            long m = minutes % 60;
            return m == 0 ? hours + "h" : hours + "h" + m + "m";
        }
        if (hours < 48) {
            return hours + "h";
        }
        if (hours < 24 * 8) {
            long h = hours % 24;
            return h == 0 ? hours / 24 + "d" : hours / 24 + "d" + h + "h";
        }
        if (hours < 24 * 365 * 2) {
            return hours / 24 + "d";
        }
        if (hours < 24 * 365 * 8) {
            long days = hours / 24 % 365;
            return days == 0 ? hours / 24 / 365 + "y" : hours / 24 / 365 + "y" + days + "d";
        }
        return hours / 24 / 365 + "y";
    }

    /** Kubernetes measures in int64 nanoseconds, which saturate at about 292 years. */
    private static long saturatedNanos(Duration elapsed) {
        try {
            return elapsed.toNanos();
        } catch (ArithmeticException overflow) {
            return elapsed.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
