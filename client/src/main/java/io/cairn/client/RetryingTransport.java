package io.cairn.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The per-attempt pipeline: take a limiter token, send, count, and repeat on server pushback (429, or 503 when the
 * request is idempotent or the server named a {@code Retry-After}) and on connection failures of idempotent verbs,
 * within the attempt limit, the retry budget and the caller's deadline.
 *
 * <p>Why: client-go retries only when the server sends {@code Retry-After}; fabric8 retries everything including
 * POSTs on 5xx; client-java not at all. This is the middle way, with a budget so retries cannot feed an outage.
 */
final class RetryingTransport implements Transport {
    private final String cluster;
    private final Transport inner;
    private final TokenBucket limiter;
    private final RetryBudget budget;
    private final Backoff backoff;
    private final int maxRetries;
    private final ClientMetrics metrics;
    private final Health health;
    private final Ticker ticker;
    private final Clock clock;

    RetryingTransport(String cluster, Transport inner, TokenBucket limiter, RetryBudget budget, Backoff backoff,
                      int maxRetries, ClientMetrics metrics, Health health, Ticker ticker, Clock clock) {
        this.cluster = cluster;
        this.inner = inner;
        this.limiter = limiter;
        this.budget = budget;
        this.backoff = backoff;
        this.maxRetries = maxRetries;
        this.metrics = metrics;
        this.health = health;
        this.ticker = ticker;
        this.clock = clock;
    }

    @Override
    public Response send(Request request, Deadline deadline) {
        for (int attempt = 0; ; attempt++) {
            metrics.limiterWait(cluster, limiter.acquire(deadline));
            long start = ticker.nanos();
            Response resp;
            try {
                resp = inner.send(request, deadline);
            } catch (ClientException.Transport e) {
                metrics.request(cluster, request.method(), "error", ticker.nanos() - start);
                health.failed();
                if (!request.idempotent() || attempt >= maxRetries || !budget.failedMayRetry()) {
                    throw e;
                }
                metrics.retry(cluster, "connection");
                deadline.sleep(backoff.delay(attempt), "retry backoff");
                continue;
            }
            metrics.request(cluster, request.method(), Integer.toString(resp.code()), ticker.nanos() - start);
            health.succeeded();
            if (!pushback(request, resp)) {
                budget.succeeded();
                return resp;
            }
            if (attempt >= maxRetries || !budget.failedMayRetry()) {
                return resp;
            }
            Duration wait = retryAfter(resp, clock).orElseGet(() -> backoff.delay(0));
            if (wait.compareTo(deadline.remaining()) > 0) {
                return resp;
            }
            metrics.retry(cluster, Integer.toString(resp.code()));
            deadline.sleep(wait, "Retry-After wait");
        }
    }

    @Override
    public Stream open(Request request, Deadline deadline) {
        metrics.limiterWait(cluster, limiter.acquire(deadline));
        try {
            Stream s = inner.open(request, deadline);
            health.succeeded();
            return s;
        } catch (ClientException.Transport e) {
            health.failed();
            throw e;
        }
    }

    /** 429 is never processed, so any verb repeats; a 503 repeats a POST/PATCH only when the server asks to. */
    static boolean pushback(Request request, Response resp) {
        return resp.code() == 429
                || resp.code() == 503 && (request.idempotent() || resp.header("Retry-After").isPresent());
    }

    /** {@code Retry-After} as seconds or as an HTTP date (RFC 9110), relative to {@code clock}. */
    static Optional<Duration> retryAfter(Response resp, Clock clock) {
        return resp.header("Retry-After").flatMap(v -> {
            String value = v.trim();
            try {
                long s = Long.parseLong(value);
                return s < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(s));
            } catch (NumberFormatException notSeconds) {
                try {
                    Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                    Duration d = Duration.between(clock.instant(), at);
                    return Optional.of(d.isNegative() ? Duration.ZERO : d);
                } catch (DateTimeParseException notADate) {
                    return Optional.empty();
                }
            }
        });
    }
}
