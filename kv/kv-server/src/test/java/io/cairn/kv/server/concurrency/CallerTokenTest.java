package io.cairn.kv.server.concurrency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.ElectionGrpc;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.LeaderRequest;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RangeResponse;
import io.etcd.jetcd.api.ResponseHeader;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The caller's auth token travels with the loopback calls its request makes, as etcd's in-process client does. */
class CallerTokenTest {

    @Test
    void theCallersTokenIsSentWithEveryLoopbackCallAndNothingIsSentWithoutOne() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        ServerInterceptor recorder = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                               ServerCallHandler<Q, R> next) {
                seen.add(String.valueOf(headers.get(CallerToken.TOKEN)));
                return next.startCall(call, headers);
            }
        };
        KVGrpc.KVImplBase emptyStore = new KVGrpc.KVImplBase() {
            @Override
            public void range(RangeRequest request, StreamObserver<RangeResponse> out) {
                out.onNext(RangeResponse.newBuilder().setHeader(ResponseHeader.newBuilder().setRevision(1)).build());
                out.onCompleted();
            }
        };
        String storeName = InProcessServerBuilder.generateName();
        String servicesName = InProcessServerBuilder.generateName();
        Server store = InProcessServerBuilder.forName(storeName)
                .addService(ServerInterceptors.intercept(emptyStore, recorder)).build().start();
        ManagedChannel toStore = InProcessChannelBuilder.forName(storeName).build();
        ConcurrencyServices services = ConcurrencyServices.create(toStore);
        Server server = InProcessServerBuilder.forName(servicesName).addService(services.election()).build().start();
        ManagedChannel toServices = InProcessChannelBuilder.forName(servicesName).build();
        try {
            Metadata token = new Metadata();
            token.put(CallerToken.TOKEN, "caller-token.42");
            ElectionGrpc.ElectionBlockingStub election = ElectionGrpc.newBlockingStub(toServices);
            LeaderRequest request = LeaderRequest.newBuilder().setName(ByteString.copyFromUtf8("e")).build();

            assertThatThrownBy(() -> election.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(token))
                    .leader(request)).isInstanceOf(StatusRuntimeException.class).hasMessageContaining("no leader");
            assertThatThrownBy(() -> election.leader(request)).isInstanceOf(StatusRuntimeException.class);

            assertThat(seen).containsExactly("caller-token.42", "null");
        } finally {
            toServices.shutdownNow();
            server.shutdownNow();
            toStore.shutdownNow();
            store.shutdownNow();
        }
    }
}
