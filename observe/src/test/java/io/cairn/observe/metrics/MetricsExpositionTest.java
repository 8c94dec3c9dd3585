package io.cairn.observe.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricsExpositionTest {

    private static final String OPENMETRICS_ACCEPT =
            "application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4;q=0.3,*/*;q=0.1";

    private final Metrics metrics = Metrics.create();

    @BeforeEach
    void recordSomething() {
        metrics.counter("etcd_mvcc_put_total", "Total number of puts seen by this member.").inc(3);
        CounterFamily handled = metrics.counterFamily("grpc_server_handled_total", "Total number of RPCs completed.",
                "grpc_type", "grpc_service", "grpc_method", "grpc_code");
        handled.labels("unary", "etcdserverpb.KV", "Range", "OK").inc();
        handled.labels("unary", "etcdserverpb.KV", "Put", "InvalidArgument").inc(2);
        metrics.gauge("etcd_server_has_leader", "Whether or not a leader exists. 1 is existence, 0 is not.").set(1);
        metrics.gauge("etcd_debugging_mvcc_keys_total", "Total number of keys.").set(42);
        metrics.gaugeFamily("etcd_server_version", "Which version is running.", "server_version")
                .labels("3.5.17").set(1);
        Histogram fsync = metrics.histogram("etcd_disk_wal_fsync_duration_seconds",
                "The latency distributions of fsync called by WAL.", Buckets.exponential(0.001, 2, 14));
        fsync.observe(0.0015);
        fsync.observe(0.003);
        fsync.observeNanos(20_000_000);
        metrics.observedGauge("etcd_mvcc_db_total_size_in_bytes", "Total size of the underlying database.",
                () -> 24576);
        metrics.observedCounter("cairn_rocksdb_compaction_bytes_written_total", "Bytes written by compactions.",
                () -> 1000);
    }

    @Test
    void textFormatReadsBackWithEveryRecordedValue() {
        Exposition exposition = metrics.scrape("");

        assertThat(exposition.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        Map<String, ExpositionParser.Family> families = ExpositionParser.parse(exposition.text(), false);
        assertThat(families.get("etcd_mvcc_put_total").type()).isEqualTo("counter");
        assertThat(families.get("etcd_mvcc_put_total").samples()).containsEntry("etcd_mvcc_put_total", 3.0);
        assertThat(families.get("grpc_server_handled_total").samples()).containsEntry(
                "grpc_server_handled_total{grpc_code=\"InvalidArgument\",grpc_method=\"Put\","
                        + "grpc_service=\"etcdserverpb.KV\",grpc_type=\"unary\"}", 2.0);
        assertThat(families.get("etcd_server_has_leader").samples()).containsEntry("etcd_server_has_leader", 1.0);
        assertThat(families.get("etcd_debugging_mvcc_keys_total").type()).isEqualTo("gauge");
        assertThat(families.get("etcd_server_version").samples())
                .containsEntry("etcd_server_version{server_version=\"3.5.17\"}", 1.0);
        ExpositionParser.Family fsync = families.get("etcd_disk_wal_fsync_duration_seconds");
        assertThat(fsync.type()).isEqualTo("histogram");
        assertThat(fsync.samples())
                .containsEntry("etcd_disk_wal_fsync_duration_seconds_bucket{le=\"0.001\"}", 0.0)
                .containsEntry("etcd_disk_wal_fsync_duration_seconds_bucket{le=\"0.002\"}", 1.0)
                .containsEntry("etcd_disk_wal_fsync_duration_seconds_bucket{le=\"0.004\"}", 2.0)
                .containsEntry("etcd_disk_wal_fsync_duration_seconds_bucket{le=\"+Inf\"}", 3.0)
                .containsEntry("etcd_disk_wal_fsync_duration_seconds_count", 3.0);
        assertThat(fsync.samples().keySet()).filteredOn(k -> k.contains("_bucket")).hasSize(15);
        assertThat(families.get("etcd_mvcc_db_total_size_in_bytes").samples())
                .containsEntry("etcd_mvcc_db_total_size_in_bytes", 24576.0);
        assertThat(families.get("cairn_rocksdb_compaction_bytes_written_total").samples())
                .containsEntry("cairn_rocksdb_compaction_bytes_written_total", 1000.0);
    }

    @Test
    void openMetricsReadsBackWithCountersUnderTheirBaseNameAndAnEofMarker() {
        Exposition exposition = metrics.scrape(OPENMETRICS_ACCEPT);

        assertThat(exposition.contentType()).isEqualTo("application/openmetrics-text; version=1.0.0; charset=utf-8");
        Map<String, ExpositionParser.Family> families = ExpositionParser.parse(exposition.text(), true);
        assertThat(families.get("etcd_mvcc_put").type()).isEqualTo("counter");
        assertThat(families.get("etcd_mvcc_put").samples()).containsEntry("etcd_mvcc_put_total", 3.0);
        assertThat(families.get("etcd_disk_wal_fsync_duration_seconds").samples())
                .containsEntry("etcd_disk_wal_fsync_duration_seconds_count", 3.0);
        assertThat(exposition.text()).endsWith("# EOF\n");
    }

    @Test
    void runtimeMetricsIncludeTheProcessResidentMemoryThatEtcdctlReads() {
        metrics.includeRuntimeMetrics().includeRuntimeMetrics();

        Map<String, ExpositionParser.Family> families = ExpositionParser.parse(metrics.scrape("").text(), false);

        assertThat(families).containsKeys("process_resident_memory_bytes", "process_cpu_seconds_total",
                "jvm_memory_used_bytes", "jvm_threads_current");
        assertThat(families.get("process_resident_memory_bytes").samples().get("process_resident_memory_bytes"))
                .isPositive();
    }

    @Test
    void runtimeMetricsAppearInEveryScrapeFromTheFirstOn() {
        metrics.includeRuntimeMetrics();

        for (int i = 0; i < 3; i++) {
            String text = metrics.scrape("").text();
            Map<String, ExpositionParser.Family> families = ExpositionParser.parse(text, false);
            assertThat(families).as("scrape " + i).containsKeys("process_cpu_seconds_total", "jvm_threads_current");
            assertThat(text.split("# TYPE jvm_threads_current ", -1)).as("one family, not one per scrape").hasSize(2);
        }
    }

    @Test
    void withoutRuntimeMetricsNoneAppear() {
        assertThat(metrics.scrape("").text()).doesNotContain("jvm_threads_current");
    }

    @Test
    void eachRegistryIsIndependentOfEveryOther() {
        Metrics other = Metrics.create();
        other.counter("etcd_mvcc_put_total", "Total number of puts seen by this member.").inc();

        assertThat(other.scrape("").text()).contains("etcd_mvcc_put_total 1.0");
        assertThat(metrics.scrape("").text()).contains("etcd_mvcc_put_total 3.0");
    }

    @Test
    void bindingTheSameLabelValuesTwiceGivesTheSameSeries() {
        CounterFamily family = metrics.counterFamily("cairn_test_events_total", "Events.", "kind");
        family.labels("a").inc();
        family.labels("a").inc();

        assertThat(family.labels("a").value()).isEqualTo(2.0);
        assertThat(family.labels("b").value()).isZero();
    }

    @Test
    void registeringANameTwiceOrWithWrongLabelsIsRefused() {
        assertThatThrownBy(() -> metrics.counter("etcd_mvcc_put_total", "again"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> metrics.gauge("not a name", "bad"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> metrics.counterFamily("cairn_w_total", "bad label", "grpc.code"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> metrics.counterFamily("cairn_x_total", "no labels"))
                .isInstanceOf(IllegalArgumentException.class);
        GaugeFamily family = metrics.gaugeFamily("cairn_y", "one label", "a");
        assertThatThrownBy(() -> family.labels("1", "2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> metrics.counter("cairn_z_total", "z").inc(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bucketsFollowTheGoClientHelpers() {
        assertThat(Buckets.exponential(0.001, 2, 3).upperBounds()).containsExactly(0.001, 0.002, 0.004);
        assertThat(Buckets.linear(1, 2, 3).upperBounds()).containsExactly(1.0, 3.0, 5.0);
        assertThatThrownBy(() -> Buckets.of(1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
