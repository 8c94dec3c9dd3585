package io.cairn.observe.metrics;

import java.util.regex.Pattern;

/**
 * The classic Prometheus name rules, enforced at registration.
 *
 * <p>Why: the client accepts any UTF-8 name and escapes it on output, but scrapers before Prometheus 3 (and the
 * dashboards written for the original servers) only know classic names; a name that would be rewritten on the way
 * out is a bug at registration, not a surprise on a dashboard.
 */
final class MetricNames {

    private static final Pattern METRIC = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private MetricNames() {
    }

    static String metric(String name) {
        if (!METRIC.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a valid metric name");
        }
        return name;
    }

    static String[] labels(String[] names) {
        for (String name : names) {
            if (!LABEL.matcher(name).matches() || name.startsWith("__")) {
                throw new IllegalArgumentException("'" + name + "' is not a valid label name");
            }
        }
        return names.clone();
    }
}
