package io.cairn.observe.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HealthChecksTest {

    private final AtomicBoolean nospace = new AtomicBoolean();
    private final AtomicBoolean leader = new AtomicBoolean(true);

    private HealthChecks.Builder etcdLike() {
        return HealthChecks.builder()
                .health(query -> nospace.get() && !query.excludes("NOSPACE")
                        ? HealthResult.failed("ALARM NOSPACE") : HealthResult.ok())
                .health(query -> query.serializable() || leader.get()
                        ? HealthResult.ok() : HealthResult.failed("RAFT NO LEADER"))
                .check(Probe.LIVEZ, "serializable_read", query -> HealthResult.ok())
                .check(Probe.READYZ, "data_corruption", query -> HealthResult.ok())
                .check(Probe.READYZ, "linearizable_read", query -> leader.get()
                        ? HealthResult.ok() : HealthResult.failed("etcdserver: no leader"));
    }

    @Test
    void healthIsTheFirstFailingCheckInRegistrationOrder() {
        HealthChecks checks = etcdLike().build();
        assertThat(checks.health(HealthQuery.defaults())).isEqualTo(HealthResult.ok());

        leader.set(false);
        assertThat(checks.health(HealthQuery.defaults())).isEqualTo(HealthResult.failed("RAFT NO LEADER"));

        nospace.set(true);
        assertThat(checks.health(HealthQuery.defaults())).isEqualTo(HealthResult.failed("ALARM NOSPACE"));
    }

    @Test
    void queryOptionsReachTheChecks() {
        HealthChecks checks = etcdLike().build();
        nospace.set(true);
        leader.set(false);

        assertThat(checks.health(new HealthQuery(Set.of("NOSPACE"), true, false)).healthy()).isTrue();
        assertThat(checks.health(new HealthQuery(Set.of("NOSPACE"), false, false)).reason())
                .isEqualTo("RAFT NO LEADER");
    }

    @Test
    void aProbeRunsEveryCheckNotExcludedAndFailsIfAnyFails() {
        HealthChecks checks = etcdLike().build();
        leader.set(false);

        ProbeReport all = checks.probe(Probe.READYZ, HealthQuery.defaults());
        assertThat(all.healthy()).isFalse();
        assertThat(all.details()).isEqualTo(
                "[+]data_corruption ok\n[-]linearizable_read failed: etcdserver: no leader\n");

        ProbeReport withoutRead = checks.probe(Probe.READYZ,
                new HealthQuery(Set.of("linearizable_read", "no_such_check"), false, false));
        assertThat(withoutRead.healthy()).isTrue();
        assertThat(withoutRead.outcomes()).extracting(CheckOutcome::name).containsExactly("data_corruption");
        assertThat(checks.probe(Probe.LIVEZ, HealthQuery.defaults()).healthy()).isTrue();
    }

    @Test
    void aSingleCheckCanBeRunByNameAndAnUnknownNameIsEmpty() {
        HealthChecks checks = etcdLike().build();

        assertThat(checks.probe(Probe.READYZ, "data_corruption", HealthQuery.defaults()))
                .hasValueSatisfying(report -> assertThat(report.healthy()).isTrue());
        assertThat(checks.probe(Probe.LIVEZ, "data_corruption", HealthQuery.defaults())).isEmpty();
    }

    @Test
    void aCheckThatThrowsIsReportedAsFailedWithItsMessage() {
        HealthChecks checks = HealthChecks.builder()
                .health(query -> {
                    throw new IllegalStateException("store closed");
                })
                .check(Probe.LIVEZ, "broken", query -> null)
                .build();

        assertThat(checks.health(HealthQuery.defaults())).isEqualTo(HealthResult.failed("store closed"));
        assertThat(checks.probe(Probe.LIVEZ, HealthQuery.defaults()).details())
                .isEqualTo("[-]broken failed: check returned no result\n");
    }

    @Test
    void theObserverHearsEveryEvaluation() {
        List<String> heard = new ArrayList<>();
        HealthChecks checks = etcdLike().observer(new HealthObserver() {
            @Override
            public void health(HealthResult result) {
                heard.add("health " + result.healthy());
            }

            @Override
            public void check(Probe probe, CheckOutcome outcome) {
                heard.add(probe.pathName() + " " + outcome.line());
            }
        }).build();

        checks.health(HealthQuery.defaults());
        checks.probe(Probe.LIVEZ, HealthQuery.defaults());

        assertThat(heard).containsExactly("health true", "livez [+]serializable_read ok");
    }

    @Test
    void checkNamesAreUniquePathSegmentsAndUnhealthyResultsNeedAReason() {
        HealthChecks.Builder builder = HealthChecks.builder().check(Probe.LIVEZ, "a", query -> HealthResult.ok());

        assertThatThrownBy(() -> builder.check(Probe.LIVEZ, "a", query -> HealthResult.ok()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.check(Probe.LIVEZ, "a/b", query -> HealthResult.ok()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HealthResult.failed("")).isInstanceOf(IllegalArgumentException.class);
    }
}
