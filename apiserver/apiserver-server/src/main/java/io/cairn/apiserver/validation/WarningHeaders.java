package io.cairn.apiserver.validation;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * {@code Warning} header values in kube-apiserver's format: {@code 299 - "unknown field \"foo\""}.
 *
 * <p>Why: kube's warning recorder sends each distinct text once, with code 299, agent {@code -} and the text quoted
 * with {@code "} and {@code \} escaped, and drops texts with control characters; kubectl prints each as
 * {@code Warning: <text>}.
 */
public final class WarningHeaders {
    /** The header name. */
    public static final String NAME = "Warning";

    private WarningHeaders() {
    }

    /** One header value per distinct, sendable text, in order. */
    public static List<String> values(List<String> warnings) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String w : warnings) {
            if (w.isEmpty() || w.codePoints().anyMatch(Character::isISOControl)) {
                continue;
            }
            out.add("299 - \"" + w.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
        return List.copyOf(out);
    }
}
