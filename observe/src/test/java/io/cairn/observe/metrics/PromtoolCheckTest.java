package io.cairn.observe.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The exposition passes Prometheus' own checker, {@code promtool check metrics}, where it is installed (Debian's
 * {@code prometheus} package); skipped elsewhere, the strict parser in the other tests still applies.
 */
class PromtoolCheckTest {

    @Test
    void promtoolAcceptsTheTextExposition() throws Exception {
        File promtool = new File("/usr/bin/promtool");
        assumeTrue(promtool.canExecute(), "promtool is not installed");
        Metrics metrics = Metrics.create().includeRuntimeMetrics();
        metrics.counter("etcd_mvcc_put_total", "Total number of puts seen by this member.").inc();
        metrics.histogram("etcd_disk_backend_commit_duration_seconds",
                "The latency distributions of commit called by backend.", Buckets.exponential(0.001, 2, 14))
                .observe(0.002);

        Process process = new ProcessBuilder(promtool.getPath(), "check", "metrics").redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            metrics.scrape("").writeTo(in);
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(output).isEmpty();
        assertThat(process.exitValue()).isZero();
    }
}
