package io.cairn.observe.health;

/**
 * The two Kubernetes-style probes.
 *
 * <p>Why: an orchestrator restarts a process whose liveness fails and stops routing to one whose readiness fails;
 * a component registers different checks for each.
 */
public enum Probe {
    /** {@code /livez}: the process works and should not be restarted. */
    LIVEZ("livez"),
    /** {@code /readyz}: the process can serve requests now. */
    READYZ("readyz");

    private final String path;

    Probe(String path) {
        this.path = path;
    }

    /** The name used in the URL path and in metrics, {@code livez} or {@code readyz}. */
    public String pathName() {
        return path;
    }
}
