package io.cairn.kv.server.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    @Test
    void theFirstFailuresCostNothingThenTheWaitDoublesUpToTwoSeconds() {
        assertThat(LoginThrottle.delayAfter(0)).isZero();
        assertThat(LoginThrottle.delayAfter(2)).isZero();
        assertThat(LoginThrottle.delayAfter(3)).isEqualTo(Duration.ofMillis(100));
        assertThat(LoginThrottle.delayAfter(4)).isEqualTo(Duration.ofMillis(200));
        assertThat(LoginThrottle.delayAfter(7)).isEqualTo(Duration.ofMillis(1600));
        assertThat(LoginThrottle.delayAfter(8)).isEqualTo(Duration.ofSeconds(2));
        assertThat(LoginThrottle.delayAfter(1000)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void failuresCountPerUserAndASuccessClearsThem() {
        LoginThrottle t = new LoginThrottle();
        for (int i = 0; i < 4; i++) {
            t.failed("alice");
        }

        assertThat(t.delay("alice")).isEqualTo(Duration.ofMillis(200));
        assertThat(t.delay("bob")).isZero();
        t.succeeded("alice");
        assertThat(t.delay("alice")).isZero();
    }
}
