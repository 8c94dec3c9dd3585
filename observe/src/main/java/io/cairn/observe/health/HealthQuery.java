package io.cairn.observe.health;

import java.util.Set;

/**
 * The options of one health request, taken from its query string.
 *
 * <p>Why: etcd lets a probe relax what it checks — {@code /health?exclude=NOSPACE} ignores that alarm,
 * {@code ?serializable=true} accepts a local read without a leader, and {@code /readyz?exclude=linearizable_read}
 * skips a named check — so checks need to see these options.
 *
 * @param excluded     the {@code exclude} values: alarm names for {@code /health}, check names for the probes
 * @param serializable whether {@code serializable=true} was given
 * @param verbose      whether {@code verbose} was given (probes then list every check, also on success)
 */
public record HealthQuery(Set<String> excluded, boolean serializable, boolean verbose) {

    private static final HealthQuery DEFAULT = new HealthQuery(Set.of(), false, false);

    public HealthQuery {
        excluded = Set.copyOf(excluded);
    }

    /** No exclusions, linearizable, not verbose. */
    public static HealthQuery defaults() {
        return DEFAULT;
    }

    /** Whether {@code name} was excluded. */
    public boolean excludes(String name) {
        return excluded.contains(name);
    }
}
