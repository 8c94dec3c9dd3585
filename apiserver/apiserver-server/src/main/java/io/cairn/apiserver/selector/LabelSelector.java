package io.cairn.apiserver.selector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A parsed {@code labelSelector} query parameter, applied the way kube-apiserver applies it.
 *
 * <p>Why: list and watch filter objects by labels; clients send kube's selector language ({@code a=b},
 * {@code a!=b}, {@code a in (x,y)}, {@code a notin (x)}, {@code a}, {@code !a}, {@code a>1}, {@code a<1}, comma for
 * AND) and expect kube's acceptance rules, matching semantics and error texts. The canonical {@link #toString()}
 * sorts requirements by key, as kube does.
 */
public final class LabelSelector {

    private static final LabelSelector EVERYTHING = new LabelSelector(List.of());

    private final List<LabelRequirement> requirements;

    private LabelSelector(List<LabelRequirement> requirements) {
        this.requirements = List.copyOf(requirements);
    }

    /**
     * Parses selector text; empty or blank text selects everything.
     *
     * @throws SelectorException with kube's message, e.g. {@code unable to parse requirement: ...} or
     *     {@code found '...', expected: ...}
     */
    public static LabelSelector parse(String text) throws SelectorException {
        Objects.requireNonNull(text, "text");
        List<LabelRequirement> parsed = new ArrayList<>(LabelParser.parse(text));
        if (parsed.isEmpty()) {
            return EVERYTHING;
        }
        parsed.sort(Comparator.comparing(LabelRequirement::key));
        return new LabelSelector(parsed);
    }

    /** The selector that matches every object (an absent or empty {@code labelSelector}). */
    public static LabelSelector everything() {
        return EVERYTHING;
    }

    /** Whether an object with these labels is selected; {@code !=} and {@code notin} select objects lacking the key. */
    public boolean matches(Map<String, String> labels) {
        Objects.requireNonNull(labels, "labels");
        for (LabelRequirement requirement : requirements) {
            if (!requirement.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    /** Whether this selector has no requirement and so selects every object. */
    public boolean matchesEverything() {
        return requirements.isEmpty();
    }

    /**
     * The single value this selector requires for a label ({@code key=v}, {@code key==v} or {@code key in (v)}), as
     * kube's {@code RequiresExactMatch}; useful for index lookups.
     */
    public Optional<String> exactValue(String label) {
        for (LabelRequirement requirement : requirements) {
            if (requirement.key().equals(label)) {
                return requirement.exactValue();
            }
        }
        return Optional.empty();
    }

    /** The canonical text: requirements sorted by key, set values sorted, joined by commas. */
    @Override
    public String toString() {
        return requirements.stream().map(LabelRequirement::toString).collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LabelSelector that && requirements.equals(that.requirements);
    }

    @Override
    public int hashCode() {
        return requirements.hashCode();
    }
}
