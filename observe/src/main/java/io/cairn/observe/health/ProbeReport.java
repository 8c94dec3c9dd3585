package io.cairn.observe.health;

import java.util.List;

/**
 * The outcome of a {@code /livez} or {@code /readyz} request: every check that ran, in registration order.
 *
 * <p>Why: the probe passes only if all its checks pass, and a failing probe always tells which checks failed and
 * why (the same lines etcd writes).
 *
 * @param probe    which probe ran
 * @param outcomes the checks that ran (excluded ones are absent)
 */
public record ProbeReport(Probe probe, List<CheckOutcome> outcomes) {

    public ProbeReport {
        outcomes = List.copyOf(outcomes);
    }

    /** Whether every check passed (also true when no check ran). */
    public boolean healthy() {
        return outcomes.stream().allMatch(outcome -> outcome.result().healthy());
    }

    /** One line per check, each ending in a newline. */
    public String details() {
        StringBuilder text = new StringBuilder();
        for (CheckOutcome outcome : outcomes) {
            text.append(outcome.line()).append('\n');
        }
        return text.toString();
    }
}
