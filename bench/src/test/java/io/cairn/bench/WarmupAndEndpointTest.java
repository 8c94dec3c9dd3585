package io.cairn.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WarmupAndEndpointTest {

    @Test
    void warmupIsATimeWithAUnitOrARequestCount() {
        assertThat(Warmup.parse("2s")).isEqualTo(new Warmup(0, Duration.ofSeconds(2)));
        assertThat(Warmup.parse("1.5s")).isEqualTo(new Warmup(0, Duration.ofMillis(1500)));
        assertThat(Warmup.parse("500ms")).isEqualTo(new Warmup(0, Duration.ofMillis(500)));
        assertThat(Warmup.parse("1m")).isEqualTo(new Warmup(0, Duration.ofMinutes(1)));
        assertThat(Warmup.parse("1000")).isEqualTo(new Warmup(1000, Duration.ZERO));
        assertThat(Warmup.parse("0").none()).isTrue();
        assertThatIllegalArgumentException().isThrownBy(() -> Warmup.parse("soon"));
    }

    @Test
    void endpointsAreCommaSeparatedHostPortWithOrWithoutScheme() {
        assertThat(Endpoint.parseList("127.0.0.1:2379, http://localhost:22379/,[::1]:3"))
                .containsExactly(new Endpoint("127.0.0.1", 2379), new Endpoint("localhost", 22379),
                        new Endpoint("::1", 3));
        assertThat(new Endpoint("::1", 3)).hasToString("[::1]:3");
    }

    @Test
    void malformedEndpointsAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> Endpoint.parseList("localhost"));
        assertThatIllegalArgumentException().isThrownBy(() -> Endpoint.parseList("localhost:http"));
        assertThatIllegalArgumentException().isThrownBy(() -> Endpoint.parseList(" , "));
    }

    @Test
    void withoutTargetLeaderEveryEndpointIsLoadedAndNoneIsAskedForItsStatus() throws InterruptedException {
        java.util.List<Endpoint> endpoints = Endpoint.parseList("127.0.0.1:1,127.0.0.1:2,127.0.0.1:3");
        java.io.StringWriter notes = new java.io.StringWriter();

        assertThat(LeaderEndpoints.forRun(endpoints, false, Duration.ofMillis(200), new java.io.PrintWriter(notes, true)))
                .isEqualTo(endpoints);
        assertThat(notes.toString()).isEmpty();
    }

    @Test
    void withTargetLeaderEndpointsAreAskedAndUnreachableOnesAreReported() throws InterruptedException {
        java.util.List<Endpoint> endpoints = Endpoint.parseList("127.0.0.1:1,127.0.0.1:2");
        java.io.StringWriter notes = new java.io.StringWriter();

        assertThat(LeaderEndpoints.forRun(endpoints, true, Duration.ofMillis(200), new java.io.PrintWriter(notes, true)))
                .isEqualTo(endpoints);
        assertThat(notes.toString()).contains("cannot ask 127.0.0.1:1", "no endpoint reported itself leader");
    }
}
