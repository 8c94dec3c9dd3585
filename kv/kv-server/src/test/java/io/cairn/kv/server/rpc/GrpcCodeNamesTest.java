package io.cairn.kv.server.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.MethodDescriptor;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

/** The label values go-grpc-prometheus writes, which etcd dashboards filter on. */
class GrpcCodeNamesTest {

    @Test
    void codesAreSpelledAsGoSpellsThem() {
        assertThat(GrpcServerMetrics.codeName(Status.Code.OK)).isEqualTo("OK");
        assertThat(GrpcServerMetrics.codeName(Status.Code.CANCELLED)).isEqualTo("Canceled");
        assertThat(GrpcServerMetrics.codeName(Status.Code.INVALID_ARGUMENT)).isEqualTo("InvalidArgument");
        assertThat(GrpcServerMetrics.codeName(Status.Code.RESOURCE_EXHAUSTED)).isEqualTo("ResourceExhausted");
        assertThat(GrpcServerMetrics.codeName(Status.Code.DATA_LOSS)).isEqualTo("DataLoss");
    }

    @Test
    void typesAreGoGrpcPrometheusNames() {
        assertThat(GrpcServerMetrics.type(MethodDescriptor.MethodType.UNARY)).isEqualTo("unary");
        assertThat(GrpcServerMetrics.type(MethodDescriptor.MethodType.SERVER_STREAMING)).isEqualTo("server_stream");
        assertThat(GrpcServerMetrics.type(MethodDescriptor.MethodType.BIDI_STREAMING)).isEqualTo("bidi_stream");
    }
}
