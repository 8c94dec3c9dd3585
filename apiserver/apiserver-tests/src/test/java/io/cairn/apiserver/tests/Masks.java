package io.cairn.apiserver.tests;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces the values kubectl prints that differ from run to run (ages, uids, resourceVersions, timestamps,
 * generated name suffixes) with fixed placeholders, so everything else can be compared exactly.
 *
 * <p>Why: exact comparisons catch every formatting difference from Kubernetes; only what no two runs share is
 * masked. Table cells are masked width-preserving: a cell and the padding after it become the placeholder and padding
 * of the same total width, so columns that follow stay where kubectl put them.
 */
final class Masks {
    private static final Pattern AGE = Pattern.compile("(?<=^|\\s)(?:\\d+[dhms])+(?=\\s|$)( *)", Pattern.MULTILINE);
    private static final Pattern UID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern RESOURCE_VERSION = Pattern.compile("(\"?resourceVersion\"?: )\"\\d+\"");
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");

    private Masks() {
    }

    /** Masks AGE cells ({@code 0s}, {@code 12s}, {@code 3m4s}) in table output. */
    static String table(String text) {
        return cells(text, AGE, "<age>");
    }

    /** Masks uids, resourceVersions and timestamps in YAML or JSON output. */
    static String object(String text) {
        String s = UID.matcher(text).replaceAll("<uid>");
        s = RESOURCE_VERSION.matcher(s).replaceAll("$1\"<rv>\"");
        return TIMESTAMP.matcher(s).replaceAll("<time>");
    }

    /** Masks the five random characters Kubernetes appends to {@code generateName} {@code prefix}. */
    static String generatedName(String text, String prefix) {
        return text.replaceAll(Pattern.quote(prefix) + "[bcdfghjklmnpqrstvwxz2456789]{5}\\b",
                Matcher.quoteReplacement(prefix + "<suffix>"));
    }

    private static String cells(String text, Pattern cell, String placeholder) {
        Matcher m = cell.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String padding = m.group(1);
            String replacement = padding.isEmpty() ? placeholder
                    : placeholder + " ".repeat(Math.max(1, m.group().length() - placeholder.length()));
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
