package io.cairn.observe.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A component's health checks and their evaluation.
 *
 * <p>Why: a component supplies its checks once, at start-up, and this decides what each endpoint reports:
 * <ul>
 *   <li>{@link #health} runs the {@code /health} checks in order and returns the first failure's reason (etcd
 *       checks alarms, then the leader, then a read);</li>
 *   <li>{@link #probe} runs every check of {@code /livez} or {@code /readyz} that the query does not exclude.</li>
 * </ul>
 * Immutable once built; the checks themselves read live state.
 * <pre>{@code
 * HealthChecks checks = HealthChecks.builder()
 *         .health(query -> alarms.active("NOSPACE") && !query.excludes("NOSPACE")
 *                 ? HealthResult.failed("ALARM NOSPACE") : HealthResult.ok())
 *         .health(query -> query.serializable() || raft.hasLeader()
 *                 ? HealthResult.ok() : HealthResult.failed("RAFT NO LEADER"))
 *         .check(Probe.LIVEZ, "serializable_read", query -> ...)
 *         .check(Probe.READYZ, "data_corruption", query -> ...)
 *         .build();
 * }</pre>
 */
public interface HealthChecks {

    /** A builder with no checks: everything is healthy until checks are added. */
    static Builder builder() {
        return new Builder();
    }

    /** Runs the {@code /health} checks in order; the first failure is the result. */
    HealthResult health(HealthQuery query);

    /** Runs the probe's checks that {@code query} does not exclude, in registration order. */
    ProbeReport probe(Probe probe, HealthQuery query);

    /** Runs the single named check of a probe ({@code /readyz/<name>}); empty if no such check is registered. */
    Optional<ProbeReport> probe(Probe probe, String checkName, HealthQuery query);

    /**
     * Collects checks; not thread-safe, use it from one thread and then {@link #build()}.
     *
     * <p>Why a builder: checks are added by several parts of a component during start-up, and the result is
     * immutable.
     */
    final class Builder {

        private final List<HealthCheck> health = new ArrayList<>();
        private final Map<Probe, Map<String, HealthCheck>> probes = new LinkedHashMap<>();
        private HealthObserver observer = HealthObserver.NONE;

        private Builder() {
            for (Probe probe : Probe.values()) {
                probes.put(probe, new LinkedHashMap<>());
            }
        }

        /** Adds a {@code /health} check after the ones already added. */
        public Builder health(HealthCheck check) {
            health.add(Objects.requireNonNull(check, "check"));
            return this;
        }

        /**
         * Adds a named check to a probe.
         *
         * @throws IllegalArgumentException if the probe already has a check of this name, or the name is not a
         *                                  plain path segment
         */
        public Builder check(Probe probe, String name, HealthCheck check) {
            Objects.requireNonNull(check, "check");
            if (!name.matches("[A-Za-z0-9_.-]+")) {
                throw new IllegalArgumentException("a check name must be a plain path segment: '" + name + "'");
            }
            if (probes.get(probe).putIfAbsent(name, check) != null) {
                throw new IllegalArgumentException(probe.pathName() + " already has a check named " + name);
            }
            return this;
        }

        /** Sets who is told about each evaluation (nobody by default). */
        public Builder observer(HealthObserver observer) {
            this.observer = Objects.requireNonNull(observer, "observer");
            return this;
        }

        /** The immutable checks. */
        public HealthChecks build() {
            return new OrderedHealthChecks(health, probes, observer);
        }
    }
}
