package io.cairn.client;

import io.cairn.observe.metrics.Metrics;
import io.fabric8.kubernetes.client.Config;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Everything one {@link ClusterClient} needs: how to reach the cluster (a fabric8 {@link Config}, usually from a
 * kubeconfig context) and the policies around each call. Immutable; build with {@link #builder(String, Config)}.
 *
 * <p>Defaults follow client-go where it has one (QPS 5, Burst 10, five conflict attempts 10 ms apart, watch
 * reconnects 800 ms → 30 s); a busy controller typically raises QPS/Burst to 50/100.
 */
public record ClientConfig(String name, Config transport, double qps, int burst, int maxRetries, Duration retryBase,
                           Duration retryCap, int retryBudgetTokens, double retryBudgetRatio, int conflictAttempts,
                           Duration conflictBase, Duration watchBackoffBase, Duration watchBackoffCap,
                           Duration watchTimeout, String operator, boolean impersonate, AuditSink audit,
                           OpenTelemetry openTelemetry, ClientMetrics metrics, boolean validateSchemas,
                           Duration schemaRefresh, int unhealthyAfterFailures, Duration unhealthyFor, Ticker ticker,
                           Clock clock, RandomGenerator random) {

    /** A builder for the cluster called {@code name}, reached through {@code transport}. */
    public static Builder builder(String name, Config transport) {
        return new Builder(name, transport);
    }

    /**
     * A builder for {@code context} of the kubeconfig at {@code kubeconfig}; the cluster is named after the context.
     *
     * @throws UncheckedIOException when the file cannot be read
     */
    public static Builder fromKubeconfig(Path kubeconfig, String context) {
        try {
            Config c = Config.fromKubeconfig(context, Files.readString(kubeconfig), kubeconfig.toString());
            return new Builder(context == null ? "default" : context, c);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The operator identity, if one is configured. */
    public Optional<String> operatorIdentity() {
        return operator.isEmpty() ? Optional.empty() : Optional.of(operator);
    }

    /** Builds {@link ClientConfig}; every setter has a documented default. */
    public static final class Builder {
        private final String name;
        private final Config transport;
        private double qps = 5;
        private int burst = 10;
        private int maxRetries = 10;
        private Duration retryBase = Duration.ofMillis(100);
        private Duration retryCap = Duration.ofSeconds(10);
        private int retryBudgetTokens = 20;
        private double retryBudgetRatio = 0.1;
        private int conflictAttempts = 5;
        private Duration conflictBase = Duration.ofMillis(10);
        private Duration watchBackoffBase = Duration.ofMillis(800);
        private Duration watchBackoffCap = Duration.ofSeconds(30);
        private Duration watchTimeout = Duration.ofMinutes(5);
        private String operator = "";
        private boolean impersonate;
        private AuditSink audit;
        private OpenTelemetry openTelemetry = OpenTelemetry.noop();
        private ClientMetrics metrics;
        private boolean validateSchemas = true;
        private Duration schemaRefresh = Duration.ofMinutes(5);
        private int unhealthyAfterFailures = 3;
        private Duration unhealthyFor = Duration.ofSeconds(10);
        private Ticker ticker = Ticker.system();
        private Clock clock = Clock.systemUTC();
        private RandomGenerator random = RandomGenerator.of("L64X128MixRandom");

        private Builder(String name, Config transport) {
            if (name == null || name.isEmpty() || transport == null) {
                throw new IllegalArgumentException("a cluster name and a transport config are required");
            }
            this.name = name;
            this.transport = transport;
        }

        /** Client-side rate limit: steady requests per second (default 5) and burst (default 10). */
        public Builder rateLimit(double qps, int burst) {
            this.qps = qps;
            this.burst = burst;
            return this;
        }

        /** Retries on 429/503 and (idempotent verbs) connection failures: at most {@code max} (default 10). */
        public Builder maxRetries(int max) {
            this.maxRetries = max;
            return this;
        }

        /** Backoff between pushback retries without {@code Retry-After}: base (100 ms) doubling up to cap (10 s). */
        public Builder retryBackoff(Duration base, Duration cap) {
            this.retryBase = base;
            this.retryCap = cap;
            return this;
        }

        /** Retry budget: tokens (default 20; retries stop below half) and refill per success (default 0.1). */
        public Builder retryBudget(int tokens, double ratio) {
            this.retryBudgetTokens = tokens;
            this.retryBudgetRatio = ratio;
            return this;
        }

        /** Attempts of a conflict-retrying update (default 5) and the first backoff (default 10 ms, doubling). */
        public Builder conflictRetries(int attempts, Duration base) {
            this.conflictAttempts = attempts;
            this.conflictBase = base;
            return this;
        }

        /** Watch reconnect backoff (default 800 ms doubling to 30 s) and server-side watch length (default 5 min). */
        public Builder watch(Duration backoffBase, Duration backoffCap, Duration serverTimeout) {
            this.watchBackoffBase = backoffBase;
            this.watchBackoffCap = backoffCap;
            this.watchTimeout = serverTimeout;
            return this;
        }

        /** Operator identity for audit records; with {@code impersonate} also sent as {@code Impersonate-User}. */
        public Builder operator(String identity, boolean impersonate) {
            this.operator = identity == null ? "" : identity;
            this.impersonate = impersonate;
            return this;
        }

        /** Audit sink (default: {@link AuditSink#logging()}). */
        public Builder audit(AuditSink sink) {
            this.audit = sink;
            return this;
        }

        /** OpenTelemetry for client spans (default: no-op; {@code traceparent} is sent either way). */
        public Builder openTelemetry(OpenTelemetry otel) {
            this.openTelemetry = otel;
            return this;
        }

        /** Metrics families to report to (default: a private registry). */
        public Builder metrics(ClientMetrics metrics) {
            this.metrics = metrics;
            return this;
        }

        /** Client-side OpenAPI v3 validation before create/update (default on) and the index refresh period. */
        public Builder schemaValidation(boolean enabled, Duration refresh) {
            this.validateSchemas = enabled;
            this.schemaRefresh = refresh;
            return this;
        }

        /** Marks the cluster unhealthy for read failover after consecutive connection failures (3, for 10 s). */
        public Builder health(int failures, Duration unhealthyFor) {
            this.unhealthyAfterFailures = failures;
            this.unhealthyFor = unhealthyFor;
            return this;
        }

        /** Time sources and randomness, for tests. */
        public Builder time(Ticker ticker, Clock clock, RandomGenerator random) {
            this.ticker = ticker;
            this.clock = clock;
            this.random = random;
            return this;
        }

        public ClientConfig build() {
            return new ClientConfig(name, transport, qps, burst, maxRetries, retryBase, retryCap, retryBudgetTokens,
                    retryBudgetRatio, conflictAttempts, conflictBase, watchBackoffBase, watchBackoffCap, watchTimeout,
                    operator, impersonate, audit == null ? AuditSink.logging() : audit, openTelemetry,
                    metrics == null ? ClientMetrics.register(Metrics.create()) : metrics, validateSchemas,
                    schemaRefresh, unhealthyAfterFailures, unhealthyFor, ticker, clock, random);
        }
    }
}
