package io.cairn.kv.server.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.sofa.jraft.JRaftUtils;
import com.alipay.sofa.jraft.util.timer.Timer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CoarseRaftTimersTest {

    @Test
    void jraftLoadsTheCoarseTimerFactoryAheadOfItsDefault() {
        assertThat(JRaftUtils.raftTimerFactory()).isInstanceOf(CoarseRaftTimers.class);
    }

    @Test
    void itsWheelsStillFireTheirTimeouts() throws InterruptedException {
        Timer timer = new CoarseRaftTimers().createTimer("coarse-timer-test");
        try {
            CountDownLatch fired = new CountDownLatch(1);
            timer.newTimeout(t -> fired.countDown(), 30, TimeUnit.MILLISECONDS);
            assertThat(fired.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            timer.stop();
        }
    }
}
