package io.cairn.observe.health;

/**
 * Told about every evaluation, so that a component can count them in its own metric names.
 *
 * <p>Why: etcd exports {@code etcd_server_health_success}/{@code _failures} and
 * {@code etcd_server_healthcheck{type,name}}; those names belong to the store, not to this shared module, so the
 * store plugs an observer in that records them.
 */
public interface HealthObserver {

    /** An observer that does nothing. */
    HealthObserver NONE = new HealthObserver() { };

    /** Called after each {@code /health} evaluation. */
    default void health(HealthResult result) {
    }

    /** Called after each check run by a probe. */
    default void check(Probe probe, CheckOutcome outcome) {
    }
}
