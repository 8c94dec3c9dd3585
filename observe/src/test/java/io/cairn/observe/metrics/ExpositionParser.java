package io.cairn.observe.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text format 0.0.4 and OpenMetrics 1.0.0 text, failing on any line that is not
 * well formed; the Java client ships writers but no text parser.
 *
 * <p>Checks: every family has one TYPE line before its samples; every sample belongs to the family declared last,
 * with the suffixes its type allows; names, labels and values have the format's syntax; no sample appears twice;
 * histogram buckets are cumulative and end with {@code +Inf} equal to {@code _count}; OpenMetrics ends with
 * {@code # EOF}.
 */
final class ExpositionParser {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)( \\S+)?");
    private static final Pattern LABEL =
            Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped", "unknown",
            "info", "stateset", "gaugehistogram");

    /** A family's declared type and its samples, keyed by {@code name{labels}} exactly as written. */
    record Family(String name, String type, Map<String, Double> samples) {
    }

    private ExpositionParser() {
    }

    static Map<String, Family> parse(String text, boolean openMetrics) {
        Map<String, Family> families = new LinkedHashMap<>();
        Map<String, Double> allSamples = new HashMap<>();
        Family current = null;
        String[] lines = text.split("\n", -1);
        if (!text.endsWith("\n")) {
            throw new AssertionError("the exposition must end with a newline");
        }
        boolean eof = false;
        for (int i = 0; i < lines.length - 1; i++) {
            String line = lines[i];
            if (eof) {
                throw new AssertionError("content after # EOF at line " + (i + 1));
            }
            if (line.equals("# EOF")) {
                if (!openMetrics) {
                    throw new AssertionError("# EOF in the 0.0.4 format");
                }
                eof = true;
                continue;
            }
            if (line.isEmpty()) {
                throw new AssertionError("empty line " + (i + 1));
            }
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                if (parts.length != 4 || !NAME.matcher(parts[2]).matches() || !TYPES.contains(parts[3])) {
                    throw new AssertionError("bad TYPE line " + (i + 1) + ": " + line);
                }
                if (families.containsKey(parts[2])) {
                    throw new AssertionError("family declared twice: " + parts[2]);
                }
                current = new Family(parts[2], parts[3], new LinkedHashMap<>());
                families.put(current.name(), current);
                continue;
            }
            if (line.startsWith("# HELP ") || line.startsWith("# UNIT ")) {
                String[] parts = line.split(" ", 4);
                if (parts.length < 3 || !NAME.matcher(parts[2]).matches()) {
                    throw new AssertionError("bad metadata line " + (i + 1) + ": " + line);
                }
                continue;
            }
            if (line.startsWith("#")) {
                if (openMetrics) {
                    throw new AssertionError("unknown comment in OpenMetrics at line " + (i + 1));
                }
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches()) {
                throw new AssertionError("bad sample line " + (i + 1) + ": " + line);
            }
            if (current == null || !belongs(sample.group(1), current, openMetrics)) {
                throw new AssertionError("sample outside its family at line " + (i + 1) + ": " + line);
            }
            if (sample.group(3) != null) {
                checkLabels(sample.group(3), line);
            }
            double value = value(sample.group(4), line);
            String key = sample.group(1) + (sample.group(2) == null ? "" : sample.group(2));
            if (allSamples.put(key, value) != null) {
                throw new AssertionError("duplicate sample " + key);
            }
            current.samples().put(key, value);
        }
        if (openMetrics && !eof) {
            throw new AssertionError("OpenMetrics must end with # EOF");
        }
        families.values().stream().filter(f -> f.type().equals("histogram")).forEach(ExpositionParser::checkHistogram);
        return families;
    }

    private static boolean belongs(String sampleName, Family family, boolean openMetrics) {
        String base = family.name();
        return switch (family.type()) {
            case "counter" -> openMetrics
                    ? sampleName.equals(base + "_total") || sampleName.equals(base + "_created")
                    : sampleName.equals(base);
            case "histogram" -> sampleName.equals(base + "_bucket") || sampleName.equals(base + "_count")
                    || sampleName.equals(base + "_sum") || sampleName.equals(base + "_created");
            case "summary" -> sampleName.equals(base) || sampleName.equals(base + "_count")
                    || sampleName.equals(base + "_sum") || sampleName.equals(base + "_created");
            case "info" -> sampleName.equals(base + "_info");
            default -> sampleName.equals(base);
        };
    }

    private static void checkLabels(String labels, String line) {
        Matcher label = LABEL.matcher(labels);
        int position = 0;
        List<String> names = new ArrayList<>();
        while (position < labels.length()) {
            if (!label.find(position) || label.start() != position) {
                throw new AssertionError("bad labels in: " + line);
            }
            if (names.contains(label.group(1))) {
                throw new AssertionError("duplicate label in: " + line);
            }
            names.add(label.group(1));
            position = label.end();
            if (position < labels.length()) {
                if (labels.charAt(position) != ',') {
                    throw new AssertionError("bad label separator in: " + line);
                }
                position++;
            }
        }
    }

    private static double value(String text, String line) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                if (!text.matches("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?")) {
                    throw new AssertionError("bad value in: " + line);
                }
                yield Double.parseDouble(text);
            }
        };
    }

    private static void checkHistogram(Family family) {
        Map<String, List<Double>> bucketsBySeries = new LinkedHashMap<>();
        Map<String, Double> counts = new HashMap<>();
        family.samples().forEach((key, value) -> {
            if (key.startsWith(family.name() + "_bucket")) {
                String series = key.replaceAll("le=\"[^\"]*\",?", "").replace(",}", "}").replace("{}", "")
                        .replace("_bucket", "");
                if (key.contains("le=\"+Inf\"")) {
                    counts.merge(series + "#inf", value, Double::sum);
                }
                bucketsBySeries.computeIfAbsent(series, s -> new ArrayList<>()).add(value);
            } else if (key.startsWith(family.name() + "_count")) {
                counts.put(key.replace("_count", "") + "#count", value);
            }
        });
        bucketsBySeries.forEach((series, values) -> {
            for (int i = 1; i < values.size(); i++) {
                if (values.get(i) < values.get(i - 1)) {
                    throw new AssertionError("buckets not cumulative for " + series);
                }
            }
            Double inf = counts.get(series + "#inf");
            if (inf == null || !inf.equals(counts.get(series + "#count"))) {
                throw new AssertionError("+Inf bucket does not equal _count for " + series);
            }
        });
    }
}
