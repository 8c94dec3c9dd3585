package io.cairn.apiserver.selector;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A parsed {@code fieldSelector} query parameter: an AND of {@code field=value}, {@code field==value} and
 * {@code field!=value} terms.
 *
 * <p>Why: list and watch filter objects by a few per-resource fields (see {@link SelectableFields}); clients expect
 * kube's syntax, its backslash escaping of {@code \}, {@code ,} and {@code =} in values, its error texts, and that a
 * missing field compares as the empty string. Terms are kept sorted by their text, as kube sorts them, which also
 * fixes which unsupported field kube names first.
 */
public final class FieldSelector {

    private static final FieldSelector EVERYTHING = new FieldSelector(List.of());

    private final List<FieldTerm> terms;

    private FieldSelector(List<FieldTerm> terms) {
        this.terms = List.copyOf(terms);
    }

    /**
     * Parses selector text; empty text selects everything. Whitespace is not trimmed (kube does not trim it).
     *
     * @throws SelectorException with kube's message, e.g. {@code invalid selector: 'x'; can't understand 'x'}
     */
    public static FieldSelector parse(String text) throws SelectorException {
        Objects.requireNonNull(text, "text");
        List<String> parts = FieldTerm.split(text);
        parts.sort(FieldSelector::compareCodePoints);
        List<FieldTerm> terms = new ArrayList<>();
        for (String part : parts) {
            if (!part.isEmpty()) {
                terms.add(FieldTerm.parse(text, part));
            }
        }
        return terms.isEmpty() ? EVERYTHING : new FieldSelector(terms);
    }

    /** The selector that matches every object (an absent or empty {@code fieldSelector}). */
    public static FieldSelector everything() {
        return EVERYTHING;
    }

    /**
     * Whether an object is selected, given how to read its fields; a field the function does not know reads as the
     * empty string, as in kube.
     */
    public boolean matches(Function<String, Optional<String>> fieldValue) {
        Objects.requireNonNull(fieldValue, "fieldValue");
        for (FieldTerm term : terms) {
            if (!term.matches(fieldValue.apply(term.field()).orElse(""))) {
                return false;
            }
        }
        return true;
    }

    /** Whether this selector has no term and so selects every object. */
    public boolean matchesEverything() {
        return terms.isEmpty();
    }

    /** The fields this selector names, in term order. */
    public Set<String> fields() {
        Set<String> fields = new LinkedHashSet<>();
        terms.forEach(term -> fields.add(term.field()));
        return Collections.unmodifiableSet(fields);
    }

    /** The value an {@code =}/{@code ==} term requires for a field (e.g. {@code metadata.name=x}), if any. */
    public Optional<String> exactValue(String field) {
        return terms.stream().filter(t -> t.equal() && t.field().equals(field)).map(FieldTerm::value).findFirst();
    }

    /** The canonical text: terms in kube's order, {@code ==} written as {@code =}, values re-escaped. */
    @Override
    public String toString() {
        return terms.stream().map(FieldTerm::toString).collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FieldSelector that && terms.equals(that.terms);
    }

    @Override
    public int hashCode() {
        return terms.hashCode();
    }

    /** Orders as Go orders strings (by UTF-8 bytes, which is code point order). */
    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
