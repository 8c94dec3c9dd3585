package io.cairn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.observe.metrics.Metrics;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The retry rules on a scripted transport: which answers repeat which verbs, and what the metrics say. */
class RetryingTransportTest {
    private final FakeTicker ticker = new FakeTicker();
    private final Metrics metrics = Metrics.create();
    private final ClientMetrics clientMetrics = ClientMetrics.register(metrics);
    private final Deque<Object> script = new ArrayDeque<>();
    private int sent;

    private final Transport scripted = new Transport() {
        @Override
        public Response send(Request request, Deadline deadline) {
            sent++;
            Object next = script.isEmpty() ? 200 : script.poll();
            if (next instanceof IOException e) {
                throw new ClientException.Transport("scripted", e);
            }
            String[] codeAndRetry = next.toString().split("/");
            Map<String, List<String>> headers = codeAndRetry.length > 1
                    ? Map.of("Retry-After", List.of(codeAndRetry[1])) : Map.of();
            return new Response(Integer.parseInt(codeAndRetry[0]), headers, "{}");
        }

        @Override
        public Stream open(Request request, Deadline deadline) {
            return new Stream(200, InputStream.nullInputStream());
        }
    };

    private RetryingTransport transport() {
        return new RetryingTransport("c", scripted, new TokenBucket(1e6, 1_000_000, ticker), new RetryBudget(100, 1),
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), RandomGenerator.of("L64X128MixRandom")),
                5, clientMetrics, new Health(3, Duration.ofSeconds(10), ticker), ticker,
                Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC));
    }

    private Response send(String method) {
        return transport().send(new Request(method, "/api/v1/namespaces/default/configmaps", method.equals("GET")
                ? null : "{}", "application/json", Map.of()), Deadline.after(Duration.ofMinutes(5), ticker));
    }

    @ParameterizedTest(name = "{0} answered {1} is sent {2} times")
    @CsvSource({
        "GET, 429/1, 2", "POST, 429/1, 2", "PATCH, 429, 2",
        "GET, 503, 2", "PUT, 503, 2", "DELETE, 503, 2", "POST, 503, 1", "PATCH, 503, 1", "POST, 503/1, 2",
        "GET, 500, 1", "POST, 409, 1", "GET, 404, 1"})
    void whichAnswersAreRepeated(String method, String first, int sends) {
        script.add(first);
        send(method);
        assertThat(sent).isEqualTo(sends);
    }

    @ParameterizedTest(name = "a lost connection on {0}: retried {1}")
    @CsvSource({"GET, true", "PUT, true", "DELETE, true", "POST, false", "PATCH, false"})
    void lostConnectionsRepeatOnlyIdempotentVerbs(String method, boolean retried) {
        script.add(new IOException("reset"));
        if (retried) {
            assertThat(send(method).code()).isEqualTo(200);
            assertThat(sent).isEqualTo(2);
        } else {
            assertThatThrownBy(() -> send(method)).isInstanceOf(ClientException.Transport.class);
            assertThat(sent).isEqualTo(1);
        }
    }

    @Test
    void attemptsAreBoundedAndCounted() {
        for (int i = 0; i < 20; i++) {
            script.add("429/2");
        }
        assertThat(send("GET").code()).isEqualTo(429);
        assertThat(sent).isEqualTo(6);
        assertThat(ticker.sleeps).hasSize(5).allMatch(d -> d.equals(Duration.ofSeconds(2)));
        String scrape = metrics.scrape("").text();
        assertThat(scrape).contains("cairn_client_retries_total{cluster=\"c\",reason=\"429\"} 5.0")
                .contains("cairn_client_requests_total{cluster=\"c\",code=\"429\",verb=\"GET\"} 6.0")
                .contains("cairn_client_rate_limiter_wait_seconds_count{cluster=\"c\"} 6");
    }

    @Test
    void retryAfterMayBeAnHttpDate() {
        script.add("503/Sat, 28 Nov 2026 10:00:07 GMT");
        send("GET");
        assertThat(ticker.sleeps).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void withoutRetryAfterTheBackoffIsJitteredAndCapped() {
        script.add("503");
        send("GET");
        assertThat(ticker.sleeps).singleElement().satisfies(d ->
                assertThat(d).isBetween(Duration.ofMillis(50), Duration.ofMillis(100)));
    }
}
