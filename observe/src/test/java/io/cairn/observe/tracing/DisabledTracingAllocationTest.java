package io.cairn.observe.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With tracing off, a request's span calls allocate nothing (measured per thread, with a generous bound). */
class DisabledTracingAllocationTest {

    @Test
    void aRequestPaysNoAllocationForTracingWhenTheRatioIsZero() {
        Tracing tracing = Tracing.create(TracingConfig.of(0, ""));
        Map<String, String> headers = Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        Runnable request = () -> {
            try (RequestSpan span = tracing.serverSpan("etcdserverpb.KV/Put", headers);
                 RequestSpan.Activation active = span.activate()) {
                span.attribute("key_count", 1L);
            }
        };
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        for (int i = 0; i < 100_000; i++) {
            request.run();
        }

        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 100_000; i++) {
            request.run();
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        assertThat(allocated).isLessThan(16 * 1024);
    }
}
