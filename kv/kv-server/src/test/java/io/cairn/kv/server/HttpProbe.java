package io.cairn.kv.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Plain HTTP/1.1 GETs for tests, and a reader for the samples of a text-format scrape. */
final class HttpProbe {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private HttpProbe() {
    }

    static HttpResponse<String> get(String url) {
        return get(url, "");
    }

    static HttpResponse<String> get(String url, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        if (!accept.isEmpty()) {
            request.header("Accept", accept);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every sample of a text exposition, keyed by {@code name{labels}} as written. */
    static Map<String, Double> samples(String exposition) {
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : exposition.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return samples;
    }

    /**
     * Scrapes {@code url} until {@code series} satisfies {@code condition} (at most 10 s, then the last value is
     * returned for the assertion to report).
     */
    static double awaitValue(String url, String series, java.util.function.DoublePredicate condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        double value = value(get(url).body(), series);
        while (!condition.test(value) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            value = value(get(url).body(), series);
        }
        return value;
    }

    /** The value of one sample, or 0 when it is absent. */
    static double value(String exposition, String series) {
        return samples(exposition).getOrDefault(series, 0.0);
    }
}
