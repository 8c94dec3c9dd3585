package io.cairn.observe.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;

class OtlpExportTest {

    @Test
    void hostAndPortOrAPlainUrlExportOverGrpcAndAV1TracesUrlOverHttp() {
        try (SpanExporter etcdStyle = OtlpExport.exporter("localhost:4317");
             SpanExporter grpc = OtlpExport.exporter("http://collector:4317");
             SpanExporter http = OtlpExport.exporter("http://collector:4318/v1/traces")) {
            assertThat(etcdStyle).isInstanceOf(OtlpGrpcSpanExporter.class);
            assertThat(etcdStyle.toString()).contains("http://localhost:4317");
            assertThat(grpc).isInstanceOf(OtlpGrpcSpanExporter.class);
            assertThat(http).isInstanceOf(OtlpHttpSpanExporter.class);
        }
    }
}
