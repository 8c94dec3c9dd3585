package io.cairn.observe.metrics;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * Chooses between the Prometheus text format 0.0.4 and OpenMetrics 1.0.0 from an {@code Accept} header and
 * renders a scrape in it.
 *
 * <p>OpenMetrics is chosen when the header names {@code application/openmetrics-text} with a quality that is
 * positive and not below the best quality given to {@code text/plain} (or a wildcard); everything else, including
 * an empty or unparsable header, gets the 0.0.4 text format that every Prometheus version reads. Created
 * timestamps are left out of both, as the Go client does by default.
 */
final class ExpositionWriter {

    private static final String OPENMETRICS = "application/openmetrics-text";

    private final ExpositionFormatWriter text =
            PrometheusTextFormatWriter.builder().setIncludeCreatedTimestamps(false).build();
    private final ExpositionFormatWriter openMetrics =
            OpenMetricsTextFormatWriter.builder().setCreatedTimestampsEnabled(false).build();

    Exposition write(MetricSnapshots snapshots, String acceptHeader) {
        ExpositionFormatWriter writer = prefersOpenMetrics(acceptHeader) ? openMetrics : text;
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            writer.write(out, snapshots, EscapingScheme.UNDERSCORE_ESCAPING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Exposition(writer.getContentType(), out.toByteArray());
    }

    static boolean prefersOpenMetrics(String acceptHeader) {
        double openMetricsQuality = 0;
        double textQuality = 0;
        for (String range : acceptHeader.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            double quality = quality(parts);
            if (type.equals(OPENMETRICS)) {
                openMetricsQuality = Math.max(openMetricsQuality, quality);
            } else if (type.equals("text/plain") || type.equals("text/*") || type.equals("*/*")) {
                textQuality = Math.max(textQuality, quality);
            }
        }
        return openMetricsQuality > 0 && openMetricsQuality >= textQuality;
    }

    private static double quality(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String parameter = parameters[i].strip();
            if (parameter.startsWith("q=") || parameter.startsWith("Q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2).strip());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
