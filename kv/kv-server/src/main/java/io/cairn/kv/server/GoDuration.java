package io.cairn.kv.server;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses etcd's duration settings: Go's duration syntax ({@code 1h30m}, {@code 500ms}) or a bare number of hours.
 *
 * <p>Why public: etcd's flags take Go durations, and the CLI maps them onto {@link KvServerConfig}.
 */
public final class GoDuration {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    private GoDuration() {
    }

    /** A retention: a bare integer is hours (etcd's periodic retention), else a Go duration. */
    public static Duration parseRetention(String s) {
        if (s.matches("\\d+")) {
            return Duration.ofHours(Long.parseLong(s));
        }
        return parse(s);
    }

    /** A Go duration string. */
    public static Duration parse(String s) {
        Matcher m = PART.matcher(s);
        int at = 0;
        double nanos = 0;
        while (at < s.length() && m.find(at) && m.start() == at) {
            double v = Double.parseDouble(m.group(1));
            nanos += v * switch (m.group(2)) {
                case "ns" -> 1d;
                case "us", "µs" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 3600e9;
            };
            at = m.end();
        }
        if (at != s.length() || s.isEmpty()) {
            throw new IllegalArgumentException("invalid duration \"" + s + "\"");
        }
        return Duration.ofNanos((long) nanos);
    }
}
