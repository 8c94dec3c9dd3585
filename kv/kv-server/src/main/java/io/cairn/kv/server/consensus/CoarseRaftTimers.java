package io.cairn.kv.server.consensus;

import com.alipay.sofa.jraft.util.NamedThreadFactory;
import com.alipay.sofa.jraft.util.SPI;
import com.alipay.sofa.jraft.util.timer.DefaultRaftTimerFactory;
import com.alipay.sofa.jraft.util.timer.HashedWheelTimer;
import com.alipay.sofa.jraft.util.timer.Timer;
import java.util.concurrent.TimeUnit;

/**
 * JRaft's timer factory with a 10 ms tick instead of 1 ms for the hashed-wheel timers it creates (the read-index
 * timeout scanner, and any per-node timer not taken from the shared pools).
 *
 * <p>Why: a 1 ms wheel wakes its thread a thousand times a second whether or not anything is due; on a virtual
 * machine each wake-up is a hypervisor round trip, and together they made up most of an idle member's CPU. The
 * deadlines these wheels serve are election timeouts and read-index timeouts of a second or more, which a 10 ms
 * tick serves just as well. Public only because JRaft's service loader instantiates it (registered in
 * {@code META-INF/services}); its priority puts it ahead of JRaft's default.
 */
@SPI(priority = 100)
public final class CoarseRaftTimers extends DefaultRaftTimerFactory {
    /** The tick of every wheel this factory creates. */
    static final long TICK_MS = 10;

    @Override
    public Timer createTimer(String name) {
        return new HashedWheelTimer(new NamedThreadFactory(name, true), TICK_MS, TimeUnit.MILLISECONDS, 512);
    }
}
