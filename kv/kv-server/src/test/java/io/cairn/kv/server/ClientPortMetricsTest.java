package io.cairn.kv.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.TxnRequest;
import io.grpc.StatusRuntimeException;
import java.io.File;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} on the client URL, next to gRPC on the same port: the exposition is valid, names etcd's families,
 * and its counters move as the store is used.
 */
class ClientPortMetricsTest {

    /** Families etcd exports that dashboards and alerts rely on. */
    static final List<String> ETCD_FAMILIES = List.of(
            "etcd_server_has_leader", "etcd_server_is_leader", "etcd_server_leader_changes_seen_total",
            "etcd_server_proposals_committed_total", "etcd_server_proposals_applied_total",
            "etcd_server_proposals_pending", "etcd_server_proposals_failed_total", "etcd_server_quota_backend_bytes",
            "etcd_mvcc_db_total_size_in_bytes", "etcd_mvcc_db_total_size_in_use_in_bytes", "etcd_mvcc_put_total",
            "etcd_mvcc_range_total", "etcd_mvcc_txn_total", "etcd_mvcc_delete_total",
            "etcd_disk_wal_fsync_duration_seconds", "etcd_disk_backend_commit_duration_seconds",
            "etcd_debugging_mvcc_keys_total", "etcd_debugging_mvcc_watcher_total",
            "etcd_debugging_mvcc_slow_watcher_total", "etcd_network_client_grpc_received_bytes_total",
            "etcd_network_client_grpc_sent_bytes_total", "grpc_server_started_total", "grpc_server_handled_total",
            "grpc_server_msg_received_total", "grpc_server_msg_sent_total",
            "process_cpu_seconds_total", "jvm_memory_used_bytes", "cairn_raft_applied_index",
            "cairn_rocksdb_block_cache_usage_bytes");

    private static final String PUT_OK = "grpc_server_handled_total{grpc_code=\"OK\",grpc_method=\"Put\","
            + "grpc_service=\"etcdserverpb.KV\",grpc_type=\"unary\"}";
    private static final String RANGE_OUT_OF_RANGE = "grpc_server_handled_total{grpc_code=\"OutOfRange\","
            + "grpc_method=\"Range\",grpc_service=\"etcdserverpb.KV\",grpc_type=\"unary\"}";

    @TempDir
    Path dir;

    @Test
    void theClientPortServesEtcdsFamiliesInTheTextFormat() {
        try (EmbeddedServer s = new EmbeddedServer(dir).start()) {
            HttpResponse<String> scrape = HttpProbe.get(metricsUrl(s));

            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            for (String family : ETCD_FAMILIES) {
                assertThat(scrape.body()).as(family).contains("# TYPE " + family + " ");
            }
            assertThat(HttpProbe.value(scrape.body(), "etcd_server_has_leader")).isEqualTo(1);
            assertThat(HttpProbe.value(scrape.body(), "etcd_server_is_leader")).isEqualTo(1);
            assertThat(HttpProbe.awaitValue(metricsUrl(s), "etcd_server_leader_changes_seen_total", v -> v >= 1))
                    .as("JRaft reports becoming leader shortly after the election").isEqualTo(1);
            assertThat(HttpProbe.value(scrape.body(), "etcd_server_quota_backend_bytes"))
                    .isEqualTo(KvServerConfig.DEFAULT_QUOTA_BYTES);
            assertThat(scrape.body()).as("every method is there before its first call")
                    .contains("grpc_server_started_total{grpc_method=\"Compact\",grpc_service=\"etcdserverpb.KV\","
                            + "grpc_type=\"unary\"} 0");
        }
    }

    @Test
    void putsRangesTxnsAndAFailedRequestMoveTheirCounters() {
        try (EmbeddedServer s = new EmbeddedServer(dir).start()) {
            String before = HttpProbe.get(metricsUrl(s)).body();

            for (int i = 0; i < 3; i++) {
                s.kv().put(PutRequest.newBuilder().setKey(b("k" + i)).setValue(b("v")).build());
            }
            s.kv().range(RangeRequest.newBuilder().setKey(b("k0")).build());
            s.kv().txn(TxnRequest.newBuilder()
                    .addSuccess(io.etcd.jetcd.api.RequestOp.newBuilder().setRequestPut(
                            PutRequest.newBuilder().setKey(b("t1")).setValue(b("v"))))
                    .addSuccess(io.etcd.jetcd.api.RequestOp.newBuilder().setRequestPut(
                            PutRequest.newBuilder().setKey(b("t2")).setValue(b("v")))).build());
            assertThatThrownBy(() -> s.kv().range(RangeRequest.newBuilder().setKey(b("k0")).setRevision(1_000_000)
                    .build())).isInstanceOf(StatusRuntimeException.class);
            String after = HttpProbe.get(metricsUrl(s)).body();

            assertThat(delta(before, after, "etcd_mvcc_put_total")).isEqualTo(5);
            assertThat(delta(before, after, "etcd_mvcc_txn_total")).isEqualTo(1);
            assertThat(delta(before, after, "etcd_mvcc_range_total")).isGreaterThanOrEqualTo(1);
            assertThat(delta(before, after, PUT_OK)).isEqualTo(3);
            assertThat(delta(before, after, RANGE_OUT_OF_RANGE)).isEqualTo(1);
            assertThat(delta(before, after, "etcd_network_client_grpc_received_bytes_total")).isPositive();
            assertThat(delta(before, after, "etcd_network_client_grpc_sent_bytes_total")).isPositive();
            assertThat(delta(before, after, "etcd_disk_wal_fsync_duration_seconds_count")).isGreaterThanOrEqualTo(4);
            assertThat(delta(before, after, "etcd_disk_backend_commit_duration_seconds_count"))
                    .isGreaterThanOrEqualTo(4);
            assertThat(HttpProbe.value(after, "etcd_debugging_mvcc_keys_total")).isPositive();
            assertThat(HttpProbe.value(after, "etcd_server_proposals_applied_total"))
                    .isGreaterThanOrEqualTo(HttpProbe.value(before, "etcd_server_proposals_applied_total") + 4);
        }
    }

    @Test
    void openMetricsIsServedWhenAskedFor() {
        try (EmbeddedServer s = new EmbeddedServer(dir).start()) {
            HttpResponse<String> scrape = HttpProbe.get(metricsUrl(s),
                    "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5");

            assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/openmetrics-text; version=1.0.0"));
            assertThat(scrape.body()).endsWith("# EOF\n").contains("# TYPE etcd_mvcc_put counter");
        }
    }

    @Test
    void promtoolParsesTheScrape() throws Exception {
        File promtool = new File("/usr/bin/promtool");
        assumeTrue(promtool.canExecute(), "promtool is not installed");
        try (EmbeddedServer s = new EmbeddedServer(dir).start()) {
            s.kv().put(PutRequest.newBuilder().setKey(b("k")).setValue(b("v")).build());
            byte[] scrape = HttpProbe.get(metricsUrl(s)).body().getBytes(StandardCharsets.UTF_8);

            Process process = new ProcessBuilder(promtool.getPath(), "check", "metrics").redirectErrorStream(true)
                    .start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(scrape);
            }
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(output).doesNotContain("error while linting").doesNotContain("parsing error");
            // the only findings allowed are etcd's own naming, kept for its dashboards: gauges named *_total
            for (String finding : output.lines().toList()) {
                assertThat(finding).matches("etcd_[a-z_]+_total non-counter metrics should not have \"_total\" suffix");
            }
        }
    }

    static String metricsUrl(EmbeddedServer s) {
        return "http://127.0.0.1:" + s.clientPort + "/metrics";
    }

    private static double delta(String before, String after, String series) {
        return HttpProbe.value(after, series) - HttpProbe.value(before, series);
    }

    private static ByteString b(String s) {
        return ByteString.copyFromUtf8(s);
    }
}
