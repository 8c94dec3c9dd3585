package io.cairn.observe.health;

import java.util.Objects;

/**
 * The outcome of one check: healthy, or unhealthy with a reason.
 *
 * <p>Why: etcd's reasons ({@code "RAFT NO LEADER"}, {@code "ALARM NOSPACE"}) are part of what clients and operators
 * read, so the reason travels with the result unchanged.
 *
 * @param healthy whether the check passed
 * @param reason  empty when healthy; the failure's description otherwise
 */
public record HealthResult(boolean healthy, String reason) {

    private static final HealthResult OK = new HealthResult(true, "");

    public HealthResult {
        Objects.requireNonNull(reason, "reason");
        if (!healthy && reason.isEmpty()) {
            throw new IllegalArgumentException("an unhealthy result needs a reason");
        }
    }

    /** The healthy result. */
    public static HealthResult ok() {
        return OK;
    }

    /** An unhealthy result with this reason. */
    public static HealthResult failed(String reason) {
        return new HealthResult(false, reason);
    }
}
