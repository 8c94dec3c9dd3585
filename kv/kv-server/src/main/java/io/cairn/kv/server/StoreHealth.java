package io.cairn.kv.server;

import io.cairn.kv.server.consensus.Consensus;
import io.cairn.kv.server.maintenance.Alarms;
import io.cairn.kv.server.mvcc.KeyRange;
import io.cairn.kv.server.mvcc.MvccStore;
import io.cairn.observe.health.CheckOutcome;
import io.cairn.observe.health.HealthChecks;
import io.cairn.observe.health.HealthObserver;
import io.cairn.observe.health.HealthQuery;
import io.cairn.observe.health.HealthResult;
import io.cairn.observe.health.Probe;
import io.cairn.observe.metrics.CounterFamily;
import io.cairn.observe.metrics.GaugeFamily;
import io.cairn.observe.metrics.Metrics;
import io.etcd.jetcd.api.AlarmMember;
import io.etcd.jetcd.api.AlarmType;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A member's health as etcd 3.5 reports it.
 *
 * <p>{@code /health}: unhealthy with {@code ALARM NOSPACE} (or {@code CORRUPT}) while an alarm that the query does
 * not {@code exclude} is raised, with {@code RAFT NO LEADER} when there is no leader (unless
 * {@code serializable=true}), and with {@code RANGE ERROR:...} when a one-key read (linearizable unless
 * {@code serializable=true}) fails within the request timeout. {@code /livez}: the local read works.
 * {@code /readyz}: no CORRUPT alarm, local and linearizable reads work, and the member is not a learner. As in
 * etcd 3.5, a NOSPACE alarm makes {@code /health} fail but not {@code /readyz}: a full member still serves reads.
 * Each probe check is counted in {@code etcd_server_healthchecks_total{type,name,status}} and its last result kept
 * in {@code etcd_server_healthcheck{type,name}}.
 */
final class StoreHealth {

    /** etcd's {@code AlarmType_CORRUPT}, which the generated enum Cairn uses does not name. */
    private static final int CORRUPT = 2;

    private StoreHealth() {
    }

    static HealthChecks checks(MvccStore store, Consensus consensus, Alarms alarms, Duration timeout,
                               Metrics metrics, java.util.function.BooleanSupplier learner) {
        return HealthChecks.builder()
                .health(query -> alarm(alarms, query))
                .health(query -> query.serializable() || consensus.hasLeader()
                        ? HealthResult.ok() : HealthResult.failed("RAFT NO LEADER"))
                .health(query -> {
                    try {
                        read(store, consensus, !query.serializable(), timeout);
                        return HealthResult.ok();
                    } catch (RuntimeException e) {
                        return HealthResult.failed("RANGE ERROR:" + e.getMessage());
                    }
                })
                .check(Probe.LIVEZ, "serializable_read", query -> readCheck(store, consensus, false, timeout))
                .check(Probe.READYZ, "data_corruption", query -> alarms.list(AlarmType.NONE).stream()
                        .noneMatch(member -> member.getAlarmValue() == CORRUPT)
                        ? HealthResult.ok() : HealthResult.failed("alarm activated: CORRUPT"))
                .check(Probe.READYZ, "serializable_read", query -> readCheck(store, consensus, false, timeout))
                .check(Probe.READYZ, "linearizable_read", query -> readCheck(store, consensus, true, timeout))
                .check(Probe.READYZ, "non_learner", query -> learner.getAsBoolean()
                        ? HealthResult.failed("this member is a learner") : HealthResult.ok())
                .observer(observer(metrics))
                .build();
    }

    private static HealthResult alarm(Alarms alarms, HealthQuery query) {
        for (AlarmMember member : alarms.list(AlarmType.NONE)) {
            String name = member.getAlarmValue() == CORRUPT ? "CORRUPT" : member.getAlarm().name();
            if (query.excludes(name)) {
                continue;
            }
            return HealthResult.failed(switch (name) {
                case "NOSPACE" -> "ALARM NOSPACE";
                case "CORRUPT" -> "ALARM CORRUPT";
                default -> "ALARM UNKNOWN";
            });
        }
        return HealthResult.ok();
    }

    private static HealthResult readCheck(MvccStore store, Consensus consensus, boolean linearizable,
                                          Duration timeout) {
        try {
            read(store, consensus, linearizable, timeout);
            return HealthResult.ok();
        } catch (RuntimeException e) {
            return HealthResult.failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    /** etcd's check read: one key, keys only; through a read barrier when linearizable. */
    private static void read(MvccStore store, Consensus consensus, boolean linearizable, Duration timeout) {
        if (linearizable) {
            try {
                consensus.readBarrier().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new IllegalStateException("etcdserver: request timed out");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                throw new IllegalStateException(cause.getMessage() == null ? cause.toString() : cause.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
        }
        store.range(KeyRange.single(com.google.protobuf.ByteString.EMPTY), 0, 1, false);
    }

    private static HealthObserver observer(Metrics metrics) {
        GaugeFamily last = metrics.gaugeFamily("etcd_server_healthcheck", "The result of each kind of healthcheck.",
                "type", "name");
        CounterFamily total = metrics.counterFamily("etcd_server_healthchecks_total",
                "The total number of each kind of healthcheck.", "type", "name", "status");
        return new HealthObserver() {
            @Override
            public void check(Probe probe, CheckOutcome outcome) {
                boolean ok = outcome.result().healthy();
                last.labels(probe.pathName(), outcome.name()).set(ok ? 1 : 0);
                total.labels(probe.pathName(), outcome.name(), ok ? "success" : "error").inc();
            }
        };
    }
}
