package io.cairn.observe.health;

/**
 * One condition a component reports on, such as "has a leader" or "no NOSPACE alarm".
 *
 * <p>Why: the component knows its own state; the observe module knows how to ask and how to report. A check reads
 * live state each time it is called (it is not a cached flag) and must return quickly: probes call it on every
 * request.
 */
@FunctionalInterface
public interface HealthCheck {

    /**
     * Evaluates the check for one request. A check that throws is reported as failed with the exception's message.
     *
     * @param query the request's options, e.g. excluded alarms and whether a serializable read suffices
     */
    HealthResult check(HealthQuery query);
}
