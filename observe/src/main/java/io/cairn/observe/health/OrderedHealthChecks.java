package io.cairn.observe.health;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link HealthChecks} that run in registration order. */
final class OrderedHealthChecks implements HealthChecks {

    private final List<HealthCheck> health;
    private final Map<Probe, Map<String, HealthCheck>> probes = new EnumMap<>(Probe.class);
    private final HealthObserver observer;

    OrderedHealthChecks(List<HealthCheck> health, Map<Probe, Map<String, HealthCheck>> probes,
                        HealthObserver observer) {
        this.health = List.copyOf(health);
        probes.forEach((probe, checks) -> this.probes.put(probe, new LinkedHashMap<>(checks)));
        this.observer = observer;
    }

    @Override
    public HealthResult health(HealthQuery query) {
        HealthResult result = HealthResult.ok();
        for (HealthCheck check : health) {
            result = run(check, query);
            if (!result.healthy()) {
                break;
            }
        }
        observer.health(result);
        return result;
    }

    @Override
    public ProbeReport probe(Probe probe, HealthQuery query) {
        List<CheckOutcome> outcomes = new ArrayList<>();
        probes.get(probe).forEach((name, check) -> {
            if (!query.excludes(name)) {
                outcomes.add(runNamed(probe, name, check, query));
            }
        });
        return new ProbeReport(probe, outcomes);
    }

    @Override
    public Optional<ProbeReport> probe(Probe probe, String checkName, HealthQuery query) {
        HealthCheck check = probes.get(probe).get(checkName);
        if (check == null) {
            return Optional.empty();
        }
        return Optional.of(new ProbeReport(probe, List.of(runNamed(probe, checkName, check, query))));
    }

    private CheckOutcome runNamed(Probe probe, String name, HealthCheck check, HealthQuery query) {
        CheckOutcome outcome = new CheckOutcome(name, run(check, query));
        observer.check(probe, outcome);
        return outcome;
    }

    private static HealthResult run(HealthCheck check, HealthQuery query) {
        try {
            HealthResult result = check.check(query);
            return result == null ? HealthResult.failed("check returned no result") : result;
        } catch (RuntimeException e) {
            String message = e.getMessage();
            return HealthResult.failed(message == null || message.isEmpty() ? e.getClass().getSimpleName() : message);
        }
    }
}
