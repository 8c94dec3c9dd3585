package io.cairn.kv.server.rpc;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Slows down password guessing: after {@link #FREE_FAILURES} consecutive failed Authenticate calls for a user,
 * each further attempt for that user waits {@link #BASE} doubled per failure, up to {@link #MAX}, before its
 * password is even checked. A success clears the count.
 *
 * <p>Why on top of bcrypt: bcrypt makes one guess cost ~the hash time, but guesses run in parallel on every
 * core; a per-user wait makes an online attack against one account sequential and slow, while a user who
 * mistypes a few times notices nothing. Kept in memory per member (an attacker spreading guesses over members
 * still pays each member's wait).
 */
final class LoginThrottle {

    static final int FREE_FAILURES = 3;
    static final Duration BASE = Duration.ofMillis(100);
    static final Duration MAX = Duration.ofSeconds(2);
    private static final int MAX_TRACKED = 10_000;

    private final Map<String, Integer> failures = new HashMap<>();

    /** How long an attempt for {@code user} waits before its password is checked. */
    synchronized Duration delay(String user) {
        return delayAfter(failures.getOrDefault(user, 0));
    }

    /** The wait after {@code failures} consecutive failures. */
    static Duration delayAfter(int failures) {
        if (failures < FREE_FAILURES) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - FREE_FAILURES, 10);
        Duration d = BASE.multipliedBy(1L << doublings);
        return d.compareTo(MAX) > 0 ? MAX : d;
    }

    synchronized void failed(String user) {
        if (failures.size() >= MAX_TRACKED && !failures.containsKey(user)) {
            failures.clear(); // bounded memory under a spray of user names
        }
        failures.merge(user, 1, Integer::sum);
    }

    synchronized void succeeded(String user) {
        failures.remove(user);
    }
}
