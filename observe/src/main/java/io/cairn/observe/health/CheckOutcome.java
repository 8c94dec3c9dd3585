package io.cairn.observe.health;

import java.util.Objects;

/**
 * The result of one named check within a probe.
 *
 * <p>Why: a probe's report lists each check on its own line, so the name stays attached to its result.
 *
 * @param name   the check's registered name, e.g. {@code serializable_read}
 * @param result its result
 */
public record CheckOutcome(String name, HealthResult result) {

    public CheckOutcome {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(result, "result");
    }

    /** The report line: {@code [+]name ok} or {@code [-]name failed: reason}. */
    public String line() {
        return result.healthy() ? "[+]" + name + " ok" : "[-]" + name + " failed: " + result.reason();
    }
}
